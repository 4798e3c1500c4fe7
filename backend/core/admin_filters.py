"""List filters shared by the admin of several apps: commune/ward, OCOP stars, OCOP group, expiry."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import admin
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.demo.places import thanh_hoa_wards


def commune_filter(field: str, title=_("xã/phường")) -> type[admin.SimpleListFilter]:
    """A filter over a ward-code field (e.g. `ward_code`, `producer__ward_code`), listing only the
    Thanh Hóa communes/wards that occur, by their official post-2025 names."""

    class CommuneFilter(admin.SimpleListFilter):
        parameter_name = "commune"

        def lookups(self, request, model_admin):
            codes = model_admin.get_queryset(request).order_by().values_list(field, flat=True).distinct()
            names = thanh_hoa_wards()
            found = sorted({c for c in codes if c}, key=lambda c: names.get(c, c))
            options = [(c, names.get(c, c)) for c in found]
            if any(not c for c in codes):
                options.append(("-", _("(chưa xác định)")))
            return options

        def queryset(self, request, queryset):
            value = self.value()
            if not value:
                return queryset
            return queryset.filter(**{field: "" if value == "-" else value})

    CommuneFilter.title = title
    return CommuneFilter


class ValidStarsFilter(admin.SimpleListFilter):
    """Products by the stars of a currently valid certificate (or none)."""

    title = _("số sao OCOP (còn hiệu lực)")
    parameter_name = "stars"

    def lookups(self, request, model_admin):
        return [(str(s), f"{s}★") for s in (5, 4, 3, 2, 1)] + [("0", _("Không có chứng nhận hiệu lực"))]

    def queryset(self, request, queryset):
        from catalog.gate import valid_certificates

        if self.value() is None:
            return queryset
        valid = valid_certificates().filter(product=OuterRef("pk"))
        if self.value() == "0":
            return queryset.filter(~Exists(valid))
        return queryset.filter(Exists(valid.filter(stars=int(self.value()))))


def ocop_group_filter(field: str) -> type[admin.SimpleListFilter]:
    """Filter by the OCOP group (top-level category), matching the group or any of its sub-groups."""

    class OcopGroupFilter(admin.SimpleListFilter):
        title = _("nhóm OCOP")
        parameter_name = "ocop_group"

        def lookups(self, request, model_admin):
            from catalog.models import Category

            return [(str(c.pk), c.name) for c in Category.objects.filter(parent__isnull=True)]

        def queryset(self, request, queryset):
            if not self.value():
                return queryset
            pk = int(self.value())
            return queryset.filter(Q(**{field: pk}) | Q(**{f"{field}__parent_id": pk}))

    return OcopGroupFilter


class ExpiryFilter(admin.SimpleListFilter):
    """Certificates by expiry: already past, within the reminder window, later."""

    title = _("hạn chứng nhận")
    parameter_name = "expiry"

    def lookups(self, request, model_admin):
        days = settings.CERTIFICATE_REMINDER_DAYS
        return [
            ("past", _("Đã quá hạn")),
            ("soon", _("Hết hạn trong %(days)s ngày tới") % {"days": days}),
            ("90", _("Hết hạn trong 90 ngày tới")),
            ("later", _("Còn trên 90 ngày")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        value = self.value()
        if value == "past":
            return queryset.filter(expires_on__lte=today)
        if value == "soon":
            end = today + dt.timedelta(days=settings.CERTIFICATE_REMINDER_DAYS)
            return queryset.filter(expires_on__gt=today, expires_on__lte=end)
        if value == "90":
            return queryset.filter(expires_on__gt=today, expires_on__lte=today + dt.timedelta(days=90))
        if value == "later":
            return queryset.filter(expires_on__gt=today + dt.timedelta(days=90))
        return queryset
