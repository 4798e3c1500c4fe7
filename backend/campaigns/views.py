"""Centre staff pages for campaigns. Views translate forms to service calls; nothing more."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.permissions import Perm, has_perm
from core.charts import bar_chart_svg
from core.errors import DomainError

from .forms import CampaignForm, PromotionForm, VoucherForm
from .models import Campaign, PromotionType
from .promotions import promotion_create
from .results import campaign_results, daily_revenue_series, results_csv
from .services import campaign_create
from .vouchers import voucher_create


def _require(request) -> None:
    if not has_perm(request.user, Perm.MANAGE_DISCOUNTS):
        raise PermissionDenied


def _form_error(form, exc: DomainError) -> None:
    """Show a service error on its form field (services name fields in camelCase, as the API does)."""
    field = re.sub(r"(?<!^)(?=[A-Z])", "_", exc.field or "").lower()
    form.add_error(field if field in form.fields else None, exc.message)


@login_required
def campaign_list(request):
    _require(request)
    campaigns = Campaign.objects.prefetch_related("channels").order_by("-start_date")
    return render(request, "campaigns/list.html", {"campaigns": campaigns})


@login_required
def campaign_new(request):
    _require(request)
    form = CampaignForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            campaign = campaign_create(name=d["name"], objective=d["objective"], start_date=d["start_date"],
                                       end_date=d["end_date"], channels=list(d["channels"]),
                                       featured_collection=d["featured_collection"], banner_image=d["banner_image"],
                                       banner_title=d["banner_title"], banner_link=d["banner_link"],
                                       user=request.user)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Đã tạo chiến dịch."))
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "campaigns/form.html", {"form": form, "title": _("Chiến dịch mới")})


@login_required
def campaign_detail(request, pk: int):
    _require(request)
    campaign = get_object_or_404(Campaign.objects.prefetch_related("channels", "promotions__rules", "vouchers__codes"),
                                 pk=pk)
    results = campaign_results(campaign)
    chart = bar_chart_svg(daily_revenue_series(results), title=_("Doanh thu theo ngày (VND)"))
    return render(request, "campaigns/detail.html", {"campaign": campaign, "results": results, "chart": chart,
                                                     "series": daily_revenue_series(results)})


@login_required
def campaign_results_csv(request, pk: int):
    _require(request)
    campaign = get_object_or_404(Campaign, pk=pk)
    response = HttpResponse(results_csv(campaign_results(campaign)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ket-qua-{campaign.slug}.csv"'
    return response


@login_required
def promotion_new(request, pk: int):
    _require(request)
    campaign = get_object_or_404(Campaign, pk=pk)
    form = PromotionForm(request.POST or None, initial={"channels": campaign.channels.all()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        rule = {"channels": list(d["channels"]), "reward_value_type": d["reward_value_type"],
                "reward_value": d["reward_value"]}
        if d["type"] == PromotionType.CATALOGUE:
            predicate = {}
            if d["producers"]:
                predicate["producerIds"] = [p.pk for p in d["producers"]]
            if d["groups"]:
                predicate["groupIds"] = [g.pk for g in d["groups"]]
            if d["min_stars"]:
                predicate["minStars"] = d["min_stars"]
            codes = [c.strip() for c in (d["ward_codes"] or "").split(",") if c.strip()]
            if codes:
                predicate["wardCodes"] = codes
            rule["catalogue_predicate"] = predicate
        else:
            rule["order_predicate"] = {"minSubtotal": d["min_subtotal"] or 0}
        try:
            promotion_create(name=d["name"], type=d["type"], start_date=campaign.start_date,
                             end_date=campaign.end_date, rules=[rule], campaign=campaign)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Đã thêm khuyến mại."))
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "campaigns/form.html", {"form": form, "title": _("Thêm khuyến mại"), "campaign": campaign})


@login_required
def voucher_new(request, pk: int):
    _require(request)
    campaign = get_object_or_404(Campaign, pk=pk)
    form = VoucherForm(request.POST or None, initial={"channels": campaign.channels.all()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            voucher_create(name=d["name"], channels=list(d["channels"]), discount_value_type=d["discount_value_type"],
                           discount_value=d["discount_value"], start_date=campaign.start_date,
                           end_date=campaign.end_date, codes=(d["codes"] or "").split(),
                           code_count=d["code_count"] or 0, usage_limit=d["usage_limit"],
                           apply_once_per_customer=d["apply_once_per_customer"],
                           min_spent_amount=d["min_spent_amount"] or 0, campaign=campaign)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Đã tạo mã giảm giá."))
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "campaigns/form.html", {"form": form, "title": _("Thêm mã giảm giá"), "campaign": campaign})
