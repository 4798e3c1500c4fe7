"""Campaign services: create, attach promotions and vouchers, start/end on time, banners."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from catalog.models import Collection
from channels.models import Channel
from core.images import clean_image

from .cache import bump_campaign_version
from .errors import PromotionError
from .models import Campaign, CampaignStatus


def _status_at(campaign: Campaign, now: dt.datetime) -> str:
    if now < campaign.start_date:
        return CampaignStatus.SCHEDULED
    if now >= campaign.end_date:
        return CampaignStatus.ENDED
    return CampaignStatus.ACTIVE


@transaction.atomic
def campaign_create(*, name: str, start_date: dt.datetime, end_date: dt.datetime, channels: list[Channel],
                    objective: str = "", featured_collection: Collection | None = None, banner_image=None,
                    banner_title: str = "", banner_link: str = "", user=None, slug: str | None = None) -> Campaign:
    if not (name or "").strip():
        raise PromotionError(_("Vui lòng nhập tên chiến dịch."), field="name", code="REQUIRED")
    if start_date is None or end_date is None or end_date <= start_date:
        raise PromotionError(_("Ngày kết thúc phải sau ngày bắt đầu."), field="endDate", code="INVALID_DATES")
    if not channels:
        raise PromotionError(_("Chọn ít nhất một kênh bán."), field="channels", code="REQUIRED")
    if banner_link and not (banner_link.startswith("/") or banner_link.startswith("https://")):
        raise PromotionError(_("Liên kết banner phải là đường dẫn nội bộ (/…) hoặc https://."), field="bannerLink",
                             code="INVALID")
    base = slug or slugify(name) or "chien-dich"
    candidate, i = base, 2
    while Campaign.objects.filter(slug=candidate).exists():
        candidate, i = f"{base}-{i}", i + 1
    campaign = Campaign(name=name.strip(), slug=candidate, objective=objective, start_date=start_date,
                        end_date=end_date, featured_collection=featured_collection, banner_title=banner_title,
                        banner_link=banner_link, created_by=user if getattr(user, "is_authenticated", False) else None)
    campaign.status = _status_at(campaign, timezone.now())
    if banner_image is not None:
        cleaned = clean_image(banner_image, field="bannerImage")
        campaign.banner_image.save(f"{candidate}.{cleaned.format.lower().replace('jpeg', 'jpg')}", cleaned.content,
                                   save=False)
    campaign.save()
    campaign.channels.set(channels)
    bump_campaign_version()
    return campaign


def campaigns_tick(now: dt.datetime | None = None) -> dict[str, int]:
    """Start and end campaigns on time (Celery beat runs this every minute). Prices never wait for
    it — promotions are checked against the clock — but statuses and cached pages do."""
    now = now or timezone.now()
    started = Campaign.objects.filter(status=CampaignStatus.SCHEDULED, start_date__lte=now, end_date__gt=now
                                      ).update(status=CampaignStatus.ACTIVE)
    ended = Campaign.objects.filter(~Q(status=CampaignStatus.ENDED), end_date__lte=now).update(
        status=CampaignStatus.ENDED)
    if started or ended:
        bump_campaign_version()
    return {"started": started, "ended": ended}


def running_campaigns(channel: Channel | None = None, now: dt.datetime | None = None) -> QuerySet[Campaign]:
    """Campaigns running now by the clock (what the storefront home shows)."""
    now = now or timezone.now()
    qs = Campaign.objects.filter(start_date__lte=now, end_date__gt=now).select_related("featured_collection")
    if channel is not None:
        qs = qs.filter(channels=channel)
    return qs.order_by("start_date", "pk")
