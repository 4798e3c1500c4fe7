"""The centre's pages under /trung-tam/: moderation queue, commission rates, producers."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.gate import gate_reasons
from catalog.models import ModerationStatus, Product
from certification.models import IssuingLevel
from channels.models import Channel
from core.errors import DomainError
from inventory.models import StockTransfer, TransferKind, TransferStatus
from producers.models import LegalForm, Producer

from ..access import is_producer_manager
from ..models import CertificateUpload, ProducerApplication, ProductRevision, ReviewStatus
from ..services import certificates, joining, moderation, statements
from ..services.listings import variant_price
from ..services.moderation import last_rejected_revision
from .common import attempt, centre_any, centre_required


@centre_required(centre_any)
def queue(request):
    return render(request, "portal/centre/queue.html", {
        "products": Product.objects.filter(moderation_status=ModerationStatus.SUBMITTED).select_related("producer"),
        "revisions": ProductRevision.objects.filter(status=ReviewStatus.PENDING).select_related("product__producer"),
        "uploads": CertificateUpload.objects.filter(status=ReviewStatus.PENDING).select_related("product__producer"),
        "applications": ProducerApplication.objects.filter(status=ReviewStatus.PENDING),
        "consignments": StockTransfer.objects.filter(kind=TransferKind.CONSIGNMENT, status=TransferStatus.DRAFT)
        .select_related("source__producer", "destination").prefetch_related("lines__product_variant__product")[:50],
    })


@centre_required()
def product_review(request, pk: int):
    product = get_object_or_404(Product.objects.select_related("producer", "category"), pk=pk)
    errors: dict = {}
    if request.method == "POST":
        if request.POST.get("decision") == "approve":
            _r, errors = attempt(moderation.product_approve, user=request.user, product_id=pk)
        else:
            _r, errors = attempt(moderation.product_reject, user=request.user, product_id=pk,
                                 reason=request.POST.get("reason", ""))
        if not errors:
            messages.success(request, _("Đã ghi nhận quyết định."))
            return redirect("portal:centre-queue")
    variants = [(v, variant_price(v)) for v in product.variants.prefetch_related("channel_listings")]
    online = Channel.objects.filter(kind="online", is_active=True).order_by("pk").first()
    return render(request, "portal/centre/product_review.html", {
        "product": product, "errors": errors, "variants": variants,
        "pending_images": product.pending_images.filter(revision__isnull=True),
        "revision": ProductRevision.objects.filter(product=product, status=ReviewStatus.PENDING).first(),
        "rejected_revision": last_rejected_revision(product),
        "values": product.attribute_values.select_related("attribute"), "media": product.media.all(),
        "gate": gate_reasons(product, online) if online else [],
    }, status=400 if errors else 200)


@centre_required()
def certificate_review(request, pk: int):
    upload = get_object_or_404(CertificateUpload.objects.select_related("product__producer"), pk=pk)
    errors: dict = {}
    if request.method == "POST":
        if request.POST.get("decision") == "approve":
            fields = ("stars", "score", "certificate_number", "decision_number", "decision_date", "issued_on",
                      "expires_on", "issuing_level")
            _r, errors = attempt(certificates.certificate_verify, user=request.user, upload_id=pk,
                                 **{f: request.POST.get(f, "") for f in fields})
        else:
            _r, errors = attempt(certificates.certificate_reject, user=request.user, upload_id=pk,
                                 reason=request.POST.get("reason", ""))
        if not errors:
            messages.success(request, _("Đã ghi nhận quyết định."))
            return redirect("portal:centre-queue")
    return render(request, "portal/centre/certificate_review.html", {
        "upload": upload, "errors": errors, "form": request.POST, "levels": IssuingLevel.choices},
        status=400 if errors else 200)


@require_POST
@centre_required(is_producer_manager)
def application_decide(request, pk: int):
    if request.POST.get("decision") == "approve":
        _r, errors = attempt(joining.application_approve, user=request.user, application_id=pk)
    else:
        _r, errors = attempt(joining.application_reject, user=request.user, application_id=pk,
                             reason=request.POST.get("reason", ""))
    for ms in errors.values():
        for m in ms:
            messages.error(request, m)
    if not errors:
        messages.success(request, _("Đã ghi nhận quyết định."))
    return redirect("portal:centre-queue")


def _can_rates(user) -> bool:
    try:
        statements.require_rate_manager(user)
    except DomainError:
        return False
    return True


@centre_required(_can_rates)
def commission_rates(request):
    errors: dict = {}
    if request.method == "POST":
        _r, errors = attempt(statements.commission_rate_set, user=request.user,
                             channel_id=request.POST.get("channel"), percent=request.POST.get("rate", ""))
        if not errors:
            messages.success(request, _("Đã lưu tỉ lệ hoa hồng."))
            return redirect("portal:centre-rates")
    channels = Channel.objects.select_related("commission_rate").order_by("kind", "name")
    return render(request, "portal/centre/rates.html", {"channels": channels, "errors": errors},
                  status=400 if errors else 200)


@centre_required(is_producer_manager)
def producers(request):
    errors: dict = {}
    if request.method == "POST":
        fields = ("name", "legal_form", "tax_code", "ward_code", "representative", "phone", "email",
                  "street_address")
        _r, errors = attempt(joining.producer_invite, user=request.user,
                             **{f: request.POST.get(f, "") for f in fields})
        if not errors:
            messages.success(request, _("Đã tạo chủ thể và gửi lời mời qua email."))
            return redirect("portal:centre-producers")
    rows = Producer.objects.annotate(
        n_products=Count("products", distinct=True),
        n_approved=Count("products", filter=Q(products__moderation_status=ModerationStatus.APPROVED), distinct=True),
        n_members=Count("memberships", distinct=True)).order_by("name")
    wards = sorted(joining.thanh_hoa_wards().items(), key=lambda kv: kv[1])
    return render(request, "portal/centre/producers.html", {
        "producers": rows, "errors": errors, "form": request.POST, "wards": wards,
        "legal_forms": LegalForm.choices}, status=400 if errors else 200)
