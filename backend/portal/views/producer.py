"""Producer pages under /kenh-nguoi-ban/ (mobile-first, Vietnamese). Views only translate HTTP."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.gate import current_certificate
from catalog.models import Attribute, Category, ModerationStatus, Product, ProductVariant
from certification.models import OcopCertificate
from producers.models import LegalForm, MemberRole, ProducerMember

from ..access import own_product, own_variant
from ..charts import bar_chart
from ..models import CertificateUpload, ProducerInvitation, ProductRevision, ReviewStatus
from ..services import certificates, held_uploads, joining, listings, sales, statements, stock, stock_view
from ..services.moderation import last_rejected_revision
from .common import attempt, producer_required


def _attributes_from(request) -> dict[str, str]:
    return {a.slug: request.POST.get(f"attr_{a.slug}", "") for a in Attribute.objects.all()}


def _categories() -> list[tuple[Category, list[Category]]]:
    """OCOP groups with their sub-groups, for a select with one optgroup per group."""
    categories = list(Category.objects.order_by("sort_order", "slug"))
    groups: dict[int, tuple[Category, list[Category]]] = {c.pk: (c, []) for c in categories if c.parent_id is None}
    for c in categories:
        if c.parent_id in groups:
            groups[c.parent_id][1].append(c)
    return list(groups.values())


@producer_required
def home(request):
    producer = request.producer
    counts = dict(Product.objects.filter(producer=producer).values_list("moderation_status")
                  .annotate(n=Count("pk")).values_list("moderation_status", "n"))
    expiring = certificates.certificates_expiring(producer)
    report = sales.sales_report(producer_id=producer.pk, period="day")
    return render(request, "portal/home.html", {
        "counts": counts, "statuses": ModerationStatus.choices, "expiring": expiring, "report": report,
        "window": certificates.EXPIRING_WINDOW_DAYS})


@producer_required
def product_list(request):
    products = (Product.objects.filter(producer=request.producer).select_related("category")
                .annotate(n_variants=Count("variants", distinct=True)).order_by("-updated_at"))
    pending = set(ProductRevision.objects.filter(product__producer=request.producer, status=ReviewStatus.PENDING)
                  .values_list("product_id", flat=True))
    return render(request, "portal/product_list.html", {"products": products, "pending": pending})


@producer_required
def product_create(request):
    errors: dict = {}
    held = None
    if request.method == "POST":
        image = request.FILES.get("image")
        if image is None:  # nothing new chosen: the image kept from the failed submit before
            image, held = held_uploads.upload_take(producer=request.producer, token=request.POST.get("image_held"))
        product, errors = attempt(
            listings.product_create_with_variant, user=request.user, producer=request.producer,
            name=request.POST.get("name", ""), description=request.POST.get("description", ""),
            category_id=request.POST.get("category") or None, attributes=_attributes_from(request),
            variant_name=request.POST.get("variant_name", ""), sku=request.POST.get("sku", ""),
            gtin=request.POST.get("gtin", ""), price=request.POST.get("price", ""),
            image=image)
        if product is not None:
            if held is not None:
                held_uploads.upload_release(producer=request.producer, token=held.token)
            messages.success(request, _("Đã tạo sản phẩm nháp. Kiểm tra lại rồi gửi duyệt."))
            return redirect("portal:product", pk=product.pk)
        if held is None and image is not None:
            held = held_uploads.upload_hold(producer=request.producer, upload=image)
    return render(request, "portal/product_create.html", {
        "errors": errors, "form": request.POST, "categories": _categories(), "held": held,
        "attributes": Attribute.objects.all(), "values": _attributes_from(request) if errors else {}},
        status=400 if errors else 200)


def _product_context(request, product: Product, errors: dict | None = None) -> dict:
    variants = list(ProductVariant.objects.filter(product=product).prefetch_related("channel_listings"))
    rev = ProductRevision.objects.filter(product=product, status=ReviewStatus.PENDING).prefetch_related(
        "images").first()
    return {
        "product": product, "errors": errors or {}, "categories": _categories(),
        "attributes": Attribute.objects.all(),
        "values": {v.attribute.slug: v.value for v in product.attribute_values.select_related("attribute")},
        "variants": [(v, listings.variant_price(v)) for v in variants],
        "media": list(product.media.all()), "pending_images": list(product.pending_images.filter(
            revision__isnull=True)),
        "revision": rev, "rejected_revision": last_rejected_revision(product),
        "uploads": CertificateUpload.objects.filter(product=product).select_related("certificate"),
        "certificate": current_certificate(product), "today": timezone.localdate(),
        "editable": product.moderation_status != ModerationStatus.SUBMITTED,
        "not_editable": product.moderation_status == ModerationStatus.SUBMITTED,
        "can_submit": product.moderation_status in listings.EDITABLE,
    }


@producer_required
def product_detail(request, pk: int):
    product = own_product(request.producer, pk)
    errors: dict = {}
    if request.method == "POST":
        _r, errors = attempt(listings.product_update, user=request.user, product=product,
                             name=request.POST.get("name"), description=request.POST.get("description"),
                             category_id=request.POST.get("category") or None, attributes=_attributes_from(request))
        if not errors:
            messages.success(request, _("Đã lưu."))
            return redirect("portal:product", pk=pk)
        product = own_product(request.producer, pk)
    ctx = _product_context(request, product, errors)
    return render(request, "portal/product_detail.html", ctx, status=400 if errors else 200)


def _after(request, product, errors, ok_message):
    if errors:
        ctx = _product_context(request, own_product(request.producer, product.pk), errors)
        return render(request, "portal/product_detail.html", ctx, status=400)
    messages.success(request, ok_message)
    return redirect("portal:product", pk=product.pk)


@require_POST
@producer_required
def variant_save(request, pk: int, variant_pk: int | None = None):
    product = own_product(request.producer, pk)
    variant = own_variant(request.producer, variant_pk) if variant_pk else None
    if variant is not None and variant.product_id != product.pk:
        raise Http404()
    weight = request.POST.get("weight_grams") or None
    _r, errors = attempt(listings.variant_save, user=request.user, product=product, variant=variant,
                         name=request.POST.get("variant_name", ""), sku=request.POST.get("sku", ""),
                         gtin=request.POST.get("gtin", ""), price=request.POST.get("price", ""),
                         weight_grams=int(weight) if weight and weight.isdigit() else None)
    return _after(request, product, errors, _("Đã lưu phân loại."))


@require_POST
@producer_required
def image_add(request, pk: int):
    product = own_product(request.producer, pk)
    _r, errors = attempt(listings.image_add, user=request.user, product=product, upload=request.FILES.get("image"),
                         alt=request.POST.get("alt", "")) if request.FILES.get("image") else (
        None, {"image": [_("Ảnh sản phẩm: hãy chọn một tệp ảnh.")]})
    return _after(request, product, errors, _("Đã tải ảnh lên."))


@require_POST
@producer_required
def image_remove(request, pk: int, kind: str, item_pk: int):
    product = own_product(request.producer, pk)
    kwargs = {"pending_id": item_pk} if kind == "cho" else {"media_id": item_pk}
    _r, errors = attempt(listings.image_remove, user=request.user, product=product, **kwargs)
    return _after(request, product, errors, _("Đã xoá ảnh."))


@require_POST
@producer_required
def product_submit(request, pk: int):
    product = own_product(request.producer, pk)
    _r, errors = attempt(listings.product_submit, user=request.user, product=product)
    return _after(request, product, errors, _("Đã gửi duyệt. Trung tâm sẽ phản hồi sớm."))


@require_POST
@producer_required
def certificate_upload(request, pk: int):
    product = own_product(request.producer, pk)
    _r, errors = attempt(certificates.certificate_upload, user=request.user, product=product,
                         upload=request.FILES.get("file"), note=request.POST.get("note", ""))
    return _after(request, product, errors, _("Đã gửi bản scan chứng nhận để trung tâm xác minh."))


@producer_required
def certificate_list(request):
    today = timezone.localdate()
    certs = [(c, certificates.days_left(c, today)) for c in OcopCertificate.objects.filter(
        product__producer=request.producer).select_related("product").order_by("expires_on")]
    uploads = CertificateUpload.objects.filter(product__producer=request.producer).select_related("product")
    return render(request, "portal/certificates.html", {"certs": certs, "uploads": uploads})


@producer_required
def stock_page(request):
    producer = request.producer
    errors: dict = {}
    if request.method == "POST":
        action = request.POST.get("action")
        common = {"user": request.user, "producer": producer, "variant_id": request.POST.get("variant"),
                  "quantity": request.POST.get("quantity"), "note": request.POST.get("note", "")}
        if action == "consign":
            _r, errors = attempt(stock.consignment_request, source_id=request.POST.get("warehouse"),
                                 destination_id=request.POST.get("destination"), **common)
        else:
            fn = {"receive": stock.stock_add, "threshold": stock.stock_threshold_set}.get(action, stock.stock_set)
            _r, errors = attempt(fn, warehouse_id=request.POST.get("warehouse"), **common)
        if not errors:
            messages.success(request, _("Đã ghi nhận."))
            return redirect("portal:stock")
    rows = stock.stock_rows(producer)
    place = request.GET.get("noi", "")
    query = request.GET.get("q", "").strip()
    return render(request, "portal/stock.html", {
        "errors": errors, "query": query, "place": place, "places": stock_view.stock_places(rows),
        "groups": stock_view.stock_by_product(rows, query=query, warehouse_id=int(place) if place.isdigit() else None),
        "alerts": stock_view.low_stock_alerts(producer, rows), "warehouses": stock.own_warehouses(producer),
        "variants": ProductVariant.objects.filter(product__producer=producer).select_related("product"),
        "destinations": stock.consignment_destinations(),
        "requests": stock.consignment_transfers(producer),
    }, status=400 if errors else 200)


PERIOD_LABELS = {"day": "%d/%m", "week": "%d/%m", "month": "%m/%Y"}


@producer_required
def sales_page(request):
    period = request.GET.get("period", "day")
    if period not in sales.PERIODS:
        period = "day"
    report = sales.sales_report(producer_id=request.producer.pk, period=period)
    chart = bar_chart([b.start.strftime(PERIOD_LABELS[period]) for b in report.buckets],
                      [b.revenue for b in report.buckets], title=_("Doanh thu theo kỳ"))
    return render(request, "portal/sales.html", {"report": report, "chart": chart, "period": period})


@producer_required
def statement_page(request):
    month = request.GET.get("month") or timezone.localdate().strftime("%Y-%m")
    st, errors = attempt(statements.build_statement, producer=request.producer, month=month)
    return render(request, "portal/statement.html", {"st": st, "errors": errors, "month": month},
                  status=400 if errors else 200)


@producer_required
def statement_file(request, month: str, fmt: str):
    if fmt not in ("csv", "pdf"):
        raise Http404()
    st, errors = attempt(statements.build_statement, producer=request.producer, month=month)
    if errors:
        return HttpResponse("; ".join(m for ms in errors.values() for m in ms), status=400)
    name = f"doi-soat-{request.producer.slug}-{month}"
    if fmt == "csv":
        resp = HttpResponse("\ufeff" + statements.statement_csv(st), content_type="text/csv; charset=utf-8")
    else:
        resp = HttpResponse(statements.statement_pdf(st), content_type="application/pdf")
    resp["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return resp


@producer_required
def team(request):
    errors: dict = {}
    if request.method == "POST":
        if request.POST.get("action") == "remove":
            _r, errors = attempt(joining.member_remove, user=request.user, producer_id=request.producer.pk,
                                 member_id=request.POST.get("member"))
        else:
            _r, errors = attempt(joining.member_invite, user=request.user, producer_id=request.producer.pk,
                                 email=request.POST.get("email", ""), role=request.POST.get("role", "member"))
        if not errors:
            messages.success(request, _("Đã cập nhật thành viên."))
            return redirect("portal:team")
    members = ProducerMember.objects.filter(producer=request.producer).select_related("user")
    invites = ProducerInvitation.objects.filter(producer=request.producer, accepted_at__isnull=True)
    return render(request, "portal/team.html", {
        "errors": errors, "members": members, "invites": invites, "roles": MemberRole.choices,
        "is_owner": request.member.role == MemberRole.OWNER}, status=400 if errors else 200)


def apply(request):
    """Public: apply to join (a visitor gets an account with the e-mail and password given)."""
    errors: dict = {}
    if request.method == "POST":
        fields = ("name", "legal_form", "tax_code", "ward_code", "representative", "phone", "email",
                  "street_address")
        app, errors = attempt(joining.producer_apply, user=request.user, password=request.POST.get("password", ""),
                              **{f: request.POST.get(f, "") for f in fields})
        if app is not None:
            if not request.user.is_authenticated:
                from django.contrib.auth import login

                login(request, app.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Đã gửi đơn đăng ký. Trung tâm sẽ xem xét và trả lời tại trang này."))
            return redirect("portal:apply")
    mine = request.user.producer_applications.all() if request.user.is_authenticated else []
    wards = sorted(joining.thanh_hoa_wards().items(), key=lambda kv: kv[1])
    return render(request, "portal/apply.html", {
        "errors": errors, "form": request.POST, "wards": wards, "legal_forms": LegalForm.choices,
        "applications": mine}, status=400 if errors else 200)


def invitation(request, token):
    inv, errors = attempt(joining.invitation_get, token=token)
    if inv is None:
        return render(request, "portal/invitation.html", {"errors": errors, "inv": None}, status=404)
    if request.method == "POST":
        member, errors = attempt(joining.invitation_accept, token=token, user=request.user,
                                 password=request.POST.get("password", ""),
                                 full_name=request.POST.get("full_name", ""))
        if member is not None:
            from django.contrib.auth import login

            login(request, member.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Chào mừng bạn đến Kênh người bán."))
            return redirect("portal:home")
    return render(request, "portal/invitation.html", {"errors": errors, "inv": inv}, status=400 if errors else 200)


