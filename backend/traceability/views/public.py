"""Public pages: what a stamp's QR resolves to (GS1 Digital Link paths), no login."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, resolve

from catalog.models import Product
from core.client_ip import client_ip
from core.errors import DomainError
from inventory.models import Warehouse
from producers.models import Producer

from .. import digital_link as dl
from .. import selectors, services
from ..models import StampStatus

TEMPLATE_DIR = "traceability/public/"


def _link_from_request(request: HttpRequest) -> dl.DigitalLink:
    raw = request.META.get("RAW_URI") or request.META.get("REQUEST_URI") or ""
    if raw.startswith("/01/"):
        return dl.parse(raw)
    return dl.parse_decoded_path(request.path_info)


def digital_link(request: HttpRequest, rest: str = "") -> HttpResponse:
    """/01/<gtin14>[/10/<lot>[/21/<serial>]] — product, batch or stamp page."""
    try:
        link = _link_from_request(request)
    except DomainError as exc:
        return render(request, TEMPLATE_DIR + "invalid.html", {"message": exc.message}, status=400)
    variant = selectors.variant_by_gtin(link.gtin14)
    if link.serial is not None:
        return _stamp_page(request, link, variant)
    if variant is None:
        return render(request, TEMPLATE_DIR + "invalid.html", {"unknown_product": True, "gtin": link.gtin14},
                      status=404)
    if link.lot is None:
        return _product_level(request, variant)
    batch = selectors.batch_for(variant, link.lot)
    if batch is None:
        return render(request, TEMPLATE_DIR + "invalid.html", {"unknown_batch": True, "variant": variant,
                                                               "lot": link.lot}, status=404)
    return render(request, TEMPLATE_DIR + "trace.html", {"page": selectors.batch_page(variant, batch), "link": link})


def _stamp_page(request: HttpRequest, link: dl.DigitalLink, variant) -> HttpResponse:
    stamp = selectors.stamp_for(link.serial)
    if stamp is not None and (variant is None or stamp.batch.variant_id != variant.pk
                              or (link.lot is not None and stamp.batch.lot_code != link.lot)):
        stamp = None  # a real serial printed under another product or lot: a copied code
    result = stamp.status if stamp is not None else "unknown"
    services.record_scan(link=link, stamp=stamp, result=result, ip=client_ip(request),
                         user_agent=request.META.get("HTTP_USER_AGENT", ""), location=request.GET.get("loc", ""))
    if stamp is None:
        return render(request, TEMPLATE_DIR + "invalid.html",
                      {"counterfeit": True, "variant": variant, "serial": link.serial,
                       "warning": services.stamp_warning("unknown")}, status=404)
    page = selectors.batch_page(stamp.batch.variant, stamp.batch, stamp)
    return render(request, TEMPLATE_DIR + "trace.html", {
        "page": page, "link": link, "stamp": stamp, "warning": services.stamp_warning(stamp.status),
        "is_sold": stamp.status == StampStatus.SOLD, "is_voided": stamp.status == StampStatus.VOIDED,
    })


def _product_level(request: HttpRequest, variant) -> HttpResponse:
    product = variant.product
    storefront_path = f"/san-pham/{product.slug}/"
    try:
        match = resolve(storefront_path)
    except Resolver404:
        match = None
    if match is not None and not match.url_name == "digital_link":
        return redirect(storefront_path)
    return product_summary(request, product.slug)


def product_summary(request: HttpRequest, slug: str) -> HttpResponse:
    """`traceability:product` — a product's origin summary and its recent batches."""
    product = get_object_or_404(Product.objects.select_related("producer", "category"), slug=slug)
    return render(request, TEMPLATE_DIR + "product.html", {
        "product": product, "certificate": selectors.certificate_view(product),
        "batches": selectors.public_batches(product),
    })


def warehouse_location(request: HttpRequest, slug: str) -> HttpResponse:
    """The page behind a warehouse's readPoint/bizLocation URI."""
    place = get_object_or_404(Warehouse, slug=slug)
    return render(request, TEMPLATE_DIR + "location.html", {"name": place.name, "kind": place.get_kind_display(),
                                                           "address": ", ".join(filter(None, [
                                                               place.street_address, place.ward_name,
                                                               place.province_name]))})


def producer_location(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_object_or_404(Producer, slug=slug)
    return render(request, TEMPLATE_DIR + "location.html", {"name": place.name, "kind": place.get_legal_form_display(),
                                                           "address": ", ".join(filter(None, [
                                                               place.street_address, place.ward_name,
                                                               place.province_name]))})
