"""`{% campaign_banners channel %}`: the banners of campaigns running now, for the storefront home."""

from django import template

from ..services import running_campaigns

register = template.Library()


@register.inclusion_tag("campaigns/banners.html")
def campaign_banners(channel):
    return {"campaigns": list(running_campaigns(channel)) if channel is not None else []}
