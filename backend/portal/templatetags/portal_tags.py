from django import template
from django.utils.html import format_html, format_html_join

from core.money import format_vnd_input, parse_vnd

register = template.Library()


@register.filter
def err(errors, field: str):
    """Field errors as an accessible list (role=alert) under the input."""
    messages = (errors or {}).get(field) or []
    if not messages:
        return ""
    return format_html('<ul class="field-error" role="alert" id="err-{}">{}</ul>', field,
                       format_html_join("", "<li>{}</li>", ((m,) for m in messages)))


@register.filter
def get(mapping, key):
    return (mapping or {}).get(str(key)) if mapping is not None else None


@register.filter
def percent_bp(value):
    return f"{(value or 0) / 100:.2f}".rstrip("0").rstrip(".") + " %"


@register.filter
def price_input(value):
    """What a price field shows: the amount written the Vietnamese way (150.000) when it reads as one,
    otherwise what was typed, so a mistake can be corrected."""
    if value is None or value == "":
        return ""
    amount = parse_vnd(value)
    return format_vnd_input(amount) if amount is not None else value
