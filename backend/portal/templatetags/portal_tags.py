from django import template
from django.utils.html import format_html, format_html_join

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
