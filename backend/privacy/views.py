"""The privacy notice, 'download my data' (JSON) and 'delete my account' (with the password, anonymising:
privacy.services)."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .services import account_erase, personal_data


def notice(request: HttpRequest) -> HttpResponse:
    """The privacy notice (Vietnamese and English), versioned by PRIVACY_NOTICE_VERSION."""
    return render(request, "privacy/notice.html", {"version": settings.PRIVACY_NOTICE_VERSION,
                                                   "retention_days": settings.GUEST_DATA_RETENTION_DAYS})


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    body = json.dumps(personal_data(request.user), ensure_ascii=False, indent=2, default=str)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="du-lieu-cua-toi.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    error = ""
    if request.method == "POST":
        if request.user.check_password(request.POST.get("password", "")):
            account_erase(request.user)
            logout(request)
            messages.success(request, _("Tài khoản và dữ liệu cá nhân của bạn đã được xoá."))
            return redirect("/")
        error = _("Mật khẩu không đúng.")
    return render(request, "privacy/delete_account.html", {"error": error}, status=400 if error else 200)
