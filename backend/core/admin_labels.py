"""Vietnamese labels in the admin for model fields that have no Vietnamese verbose name (without
touching other apps' models or migrations): list columns, read-only views and edit forms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def col(field: str, label, *, ordering: str | None = None) -> Callable[[Any], Any]:
    """An admin column/read-only field showing `field` (may follow relations with `__`) as `label`.
    Choice fields show their display value."""

    def display(obj):
        parts = field.split("__")
        for part in parts[:-1]:
            obj = getattr(obj, part, None)
            if obj is None:
                return None
        last = parts[-1]
        getter = getattr(obj, f"get_{last}_display", None)
        return getter() if callable(getter) else getattr(obj, last, None)

    display.short_description = label  # type: ignore[attr-defined]
    display.admin_order_field = ordering or field  # type: ignore[attr-defined]
    display.__name__ = f"vi_{field}"
    return display


class VietnameseLabelsMixin:
    """Declare `field_labels = {"field": _("nhãn")}`; each becomes an admin attribute `vi_<field>`
    usable in list_display / fields / readonly_fields, and edit forms use the labels too."""

    field_labels: dict[str, Any] = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for field, label in cls.field_labels.items():
            setattr(cls, f"vi_{field}", staticmethod(col(field, label)))

    def _label(self, form) -> None:
        for name, label in self.field_labels.items():
            if name in form.base_fields:
                form.base_fields[name].label = label

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        self._label(form)
        return form

    def get_formset(self, request, obj=None, **kwargs):  # inlines
        formset = super().get_formset(request, obj, **kwargs)
        self._label(formset.form)
        return formset


def titled(title, base: type) -> type:
    """A field list filter of class `base` shown under a Vietnamese `title`."""
    from django.contrib.admin import FieldListFilter

    assert issubclass(base, FieldListFilter)

    class TitledFilter(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.title = title

    return TitledFilter
