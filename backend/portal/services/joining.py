"""Joining the portal: applications (approved/rejected by the centre), invitations by the centre
(new producer) or by a producer's owner (team member), accepting an invitation, removing members."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError, FieldError, NotFound, PermissionDenied
from core.validators import normalise_phone
from producers import services as producer_services
from producers.models import LegalForm, MemberRole, Producer, ProducerMember, ProducerStatus

from ..access import require_owner, require_producer_manager
from ..models import ProducerApplication, ProducerInvitation, ReviewStatus
from .listings import unique_slug
from .validation import check_phone, check_required, check_tax_code, raise_if

INVITATION_DAYS = 14


def thanh_hoa_wards() -> dict[str, str]:
    """Thanh Hóa's 166 communes/wards after the 2025 reorganisation: code → name (producers' rules)."""
    return producer_services.thanh_hoa_wards()


def _check_email(value: str, field: str = "email") -> list[FieldError]:
    try:
        validate_email(value)
    except ValidationError:
        return [FieldError(field, "INVALID", _("Email: địa chỉ không hợp lệ."))]
    return []


def _check_password(password: str, user=None) -> list[FieldError]:
    try:
        password_validation.validate_password(password or "", user)
    except ValidationError as exc:
        return [FieldError("password", "INVALID", _("Mật khẩu: %(m)s") % {"m": " ".join(exc.messages)})]
    return []


def _legal_details(*, name: str, legal_form: str, tax_code: str, ward_code: str, representative: str,
                   phone: str, email: str) -> tuple[dict, list[FieldError]]:
    tax_code = producer_services.normalised_tax_code(tax_code)
    errors = check_required(name, "name", _("Tên chủ thể"))
    if legal_form not in LegalForm.values:
        errors.append(FieldError("legal_form", "INVALID", _("Loại hình: hãy chọn hợp tác xã, tổ hợp tác, "
                                                            "doanh nghiệp hoặc hộ kinh doanh.")))
    errors += check_tax_code(tax_code)
    if not errors or all(e.field != "tax_code" for e in errors):
        if Producer.objects.filter(tax_code=tax_code).exists() or ProducerApplication.objects.filter(
                tax_code=tax_code, status=ReviewStatus.PENDING).exists():
            errors.append(FieldError("tax_code", "UNIQUE", _("Mã số thuế %(t)s đã được đăng ký.") % {"t": tax_code}))
    ward_code = str(ward_code or "").strip().lstrip("0")
    ward_name = thanh_hoa_wards().get(ward_code)
    if ward_name is None:
        errors.append(FieldError("ward_code", "INVALID", _("Xã/phường: hãy chọn một xã/phường của tỉnh Thanh Hóa.")))
    errors += check_required(representative, "representative", _("Người đại diện"))
    errors += check_phone(phone) + _check_email(email)
    return {"name": name.strip(), "legal_form": legal_form, "tax_code": tax_code, "ward_code": ward_code,
            "ward_name": ward_name or "", "representative": representative.strip(),
            "phone": normalise_phone(phone), "email": email.strip().lower()}, errors


@transaction.atomic
def producer_apply(*, user, name: str, legal_form: str, tax_code: str, ward_code: str, representative: str,
                   phone: str, email: str, street_address: str = "", password: str = "") -> ProducerApplication:
    """Apply to join. A visitor without an account gets one (e-mail + password) to follow the decision."""
    details, errors = _legal_details(name=name, legal_form=legal_form, tax_code=tax_code, ward_code=ward_code,
                                     representative=representative, phone=phone, email=email)
    User = get_user_model()
    if user is None or not user.is_authenticated:
        if User.objects.filter(email=details["email"]).exists():
            errors.append(FieldError("email", "ALREADY_EXISTS",
                                     _("Email đã có tài khoản: hãy đăng nhập rồi gửi đơn.")))
        errors += _check_password(password)
    elif ProducerApplication.objects.filter(user=user, status=ReviewStatus.PENDING).exists():
        errors.append(FieldError(None, "ALREADY_EXISTS", _("Bạn đã có một đơn đăng ký đang chờ duyệt.")))
    raise_if(errors)
    if user is None or not user.is_authenticated:
        user = User.objects.create_user(details["email"], password, full_name=details["representative"],
                                        phone=details["phone"])
    return ProducerApplication.objects.create(user=user, street_address=(street_address or "").strip()[:255],
                                              **details)


def _application(application_id: int) -> ProducerApplication:
    app = ProducerApplication.objects.select_for_update().filter(pk=application_id).first()
    if app is None:
        raise NotFound(_("Không tìm thấy đơn đăng ký."), field="application")
    if app.status != ReviewStatus.PENDING:
        raise DomainError(_("Đơn đăng ký đã được xử lý."), field="application", code="INVALID_STATUS")
    return app


@transaction.atomic
def application_approve(*, user, application_id: int) -> Producer:
    require_producer_manager(user)
    app = _application(application_id)
    if Producer.objects.filter(tax_code=app.tax_code).exists():
        raise DomainError(_("Mã số thuế %(t)s đã được đăng ký.") % {"t": app.tax_code}, field="tax_code",
                          code="UNIQUE")
    producer = producer_services.producer_create(
        name=app.name, slug=unique_slug(app.name, Producer), legal_form=app.legal_form, tax_code=app.tax_code,
        ward_code=app.ward_code, street_address=app.street_address, representative=app.representative,
        phone=app.phone, email=app.email, status=ProducerStatus.APPROVED)
    ProducerMember.objects.create(producer=producer, user=app.user, role=MemberRole.OWNER)
    app.status, app.producer, app.reviewed_by, app.reviewed_at = ReviewStatus.APPROVED, producer, user, timezone.now()
    app.save()
    return producer


@transaction.atomic
def application_reject(*, user, application_id: int, reason: str) -> ProducerApplication:
    require_producer_manager(user)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Lý do từ chối: không được để trống."), field="reason", code="REQUIRED")
    app = _application(application_id)
    app.status, app.reason, app.reviewed_by, app.reviewed_at = ReviewStatus.REJECTED, reason, user, timezone.now()
    app.save()
    return app


def invitation_url(invitation: ProducerInvitation) -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/") + reverse("portal:invitation", args=[invitation.token])


def _send_invitation(invitation: ProducerInvitation) -> None:
    send_mail(
        _("Lời mời tham gia Kênh người bán OCOP Thanh Hóa"),
        _("Bạn được mời tham gia %(p)s trên Kênh người bán OCOP Thanh Hóa.\n"
          "Mở đường dẫn sau để đặt mật khẩu và bắt đầu (hạn %(d)s ngày):\n%(url)s\n")
        % {"p": invitation.producer.name, "d": INVITATION_DAYS, "url": invitation_url(invitation)},
        None, [invitation.email])


def _invite(*, user, producer: Producer, email: str, role: str) -> ProducerInvitation:
    email = (email or "").strip().lower()
    raise_if(_check_email(email))
    if ProducerMember.objects.filter(producer=producer, user__email=email).exists():
        raise DomainError(_("Email này đã là thành viên của chủ thể."), field="email", code="ALREADY_EXISTS")
    inv = ProducerInvitation.objects.create(producer=producer, email=email, role=role, invited_by=user,
                                            expires_at=timezone.now() + dt.timedelta(days=INVITATION_DAYS))
    transaction.on_commit(lambda: _send_invitation(inv))
    return inv


@transaction.atomic
def producer_invite(*, user, name: str, legal_form: str, tax_code: str, ward_code: str, representative: str,
                    phone: str, email: str, street_address: str = "") -> ProducerInvitation:
    """The centre registers a producer and e-mails its owner a link to set a password."""
    require_producer_manager(user)
    details, errors = _legal_details(name=name, legal_form=legal_form, tax_code=tax_code, ward_code=ward_code,
                                     representative=representative, phone=phone, email=email)
    raise_if(errors)
    details.pop("ward_name")
    producer = producer_services.producer_create(slug=unique_slug(details["name"], Producer),
                                                 status=ProducerStatus.APPROVED,
                                                 street_address=(street_address or "").strip()[:255], **details)
    return _invite(user=user, producer=producer, email=details["email"], role=MemberRole.OWNER)


@transaction.atomic
def member_invite(*, user, producer_id: int, email: str, role: str = MemberRole.MEMBER) -> ProducerInvitation:
    """A producer's owner invites a team member (owner or member)."""
    member = require_owner(user, producer_id)
    if role not in MemberRole.values:
        raise DomainError(_("Vai trò không hợp lệ."), field="role")
    return _invite(user=user, producer=member.producer, email=email, role=role)


@transaction.atomic
def member_remove(*, user, producer_id: int, member_id: int) -> None:
    owner = require_owner(user, producer_id)
    target = ProducerMember.objects.filter(pk=member_id, producer_id=owner.producer_id).first()
    if target is None:
        raise NotFound(_("Không tìm thấy thành viên."), field="member")
    if target.role == MemberRole.OWNER and not ProducerMember.objects.filter(
            producer_id=owner.producer_id, role=MemberRole.OWNER).exclude(pk=target.pk).exists():
        raise DomainError(_("Không thể xoá chủ sở hữu cuối cùng."), field="member", code="INVALID")
    target.delete()


def invitation_get(token) -> ProducerInvitation:
    inv = ProducerInvitation.objects.select_related("producer").filter(token=token).first()
    if inv is None or inv.accepted_at is not None or inv.expires_at < timezone.now():
        raise NotFound(_("Lời mời không tồn tại, đã dùng hoặc đã hết hạn."), field="token")
    return inv


@transaction.atomic
def invitation_accept(*, token, user=None, password: str = "", full_name: str = "") -> ProducerMember:
    """Join through an invitation: new e-mails set a password; existing accounts must be logged in."""
    inv = invitation_get(token)
    User = get_user_model()
    existing = User.objects.filter(email=inv.email).first()
    if existing is not None:
        if user is None or not user.is_authenticated or user.pk != existing.pk:
            raise PermissionDenied(_("Email này đã có tài khoản: hãy đăng nhập bằng email %(e)s rồi mở lại lời mời.")
                                   % {"e": inv.email})
        account = existing
    else:
        raise_if(_check_password(password))
        account = User.objects.create_user(inv.email, password, full_name=(full_name or "").strip()[:200])
    member, _created = ProducerMember.objects.get_or_create(producer=inv.producer, user=account,
                                                            defaults={"role": inv.role})
    inv.accepted_at = timezone.now()
    inv.save(update_fields=["accepted_at"])
    return member
