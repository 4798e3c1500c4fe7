"""Private files (pending images, certificate scans) streamed only to the product's producer members
and centre staff; everyone else gets 404 (no hint that the file exists)."""

from __future__ import annotations

from django.http import FileResponse, Http404

from ..access import can_view_product_private
from ..models import CertificateUpload, PendingImage


def _serve(request, item, filename: str):
    if not request.user.is_authenticated or not can_view_product_private(request.user, item.product):
        raise Http404()
    resp = FileResponse(item.file.open("rb"), content_type=item.content_type)
    resp["Content-Disposition"] = f'inline; filename="{filename}"'
    resp["Cache-Control"] = "private, no-store"
    resp["X-Content-Type-Options"] = "nosniff"
    return resp


def pending_image(request, pk: int):
    item = PendingImage.objects.select_related("product").filter(pk=pk).first()
    if item is None:
        raise Http404()
    return _serve(request, item, f"anh-{pk}.{item.content_type.split('/')[-1]}")


def certificate_scan(request, pk: int):
    item = CertificateUpload.objects.select_related("product").filter(pk=pk).first()
    if item is None:
        raise Http404()
    return _serve(request, item, f"chung-nhan-{pk}.{item.file.name.rsplit('.', 1)[-1]}")
