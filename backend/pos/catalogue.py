"""The offline catalogue of a register: sellable variants with prices (promotions applied through
`catalog.pricing`), VAT, stock at the register's warehouse, and blocked variants with the reason."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.gate import sale_reasons, sellable_products
from catalog.models import ProductVariant
from catalog.pricing import variant_prices
from inventory.models import Stock
from traceability.services import stamp_lookup

from .models import PosRegister


def register_catalogue(register: PosRegister) -> dict:
    channel = register.channel
    now = timezone.now()
    variants = list(
        ProductVariant.objects.filter(channel_listings__channel=channel)
        .select_related("product__product_type", "product__producer").order_by("product__name", "sort_order", "sku")
    )
    visible = set(sellable_products(channel, now=now).filter(pk__in={v.product_id for v in variants}).values_list("pk", flat=True))
    prices = variant_prices([v.pk for v in variants if v.product_id in visible], channel, at=now)
    stock = dict(Stock.objects.filter(warehouse=register.warehouse, product_variant__in=variants)
                 .values_list("product_variant_id", "quantity"))
    items, blocked, reasons_cache = [], [], {}
    for v in variants:
        name = v.product.name + (f" – {v.name}" if v.name else "")
        if v.product_id in visible and v.pk in prices:
            p = prices[v.pk]
            items.append({"id": v.pk, "name": name, "sku": v.sku, "gtin": v.gtin or "", "price": p.price,
                          "undiscounted": p.undiscounted, "discount": p.discount, "promotion": p.promotion_name,
                          "vat_rate": v.product.effective_vat_rate, "stock": stock.get(v.pk, 0),
                          "producer": v.product.producer.name})
        else:
            if v.product_id not in reasons_cache:
                reasons_cache[v.product_id] = sale_reasons(v.product, channel, now=now)
            blocked.append({"id": v.pk, "name": name, "sku": v.sku, "gtin": v.gtin or "",
                            "reasons": reasons_cache[v.product_id]})
    return {"register": {"id": register.pk, "name": register.name, "warehouse": register.warehouse.name,
                         "channel": channel.slug},
            "generated_at": now.isoformat(), "items": items, "blocked": blocked}


def lookup_code(register: PosRegister, code: str) -> dict:
    """Server-side lookup of a scanned code (GTIN-13/14, SKU, traceability stamp URI): the variant if
    sellable, else why not; a stamp that is unknown, voided or already sold is refused with the warning."""
    code = (code or "").strip()
    if "/01/" in code and "/21/" in code:
        info = stamp_lookup(code)
        if not info.ok:
            return {"found": info.variant is not None, "id": info.variant.pk if info.variant else None,
                    "name": info.variant.product.name if info.variant else "", "sellable": False,
                    "reasons": [info.warning], "stamp": info.status}
        code = info.variant.gtin or info.variant.sku
    if len(code) == 14 and code.isdigit() and code.startswith("0"):
        code = code[1:]
    variant = (ProductVariant.objects.select_related("product__producer", "product__product_type")
               .filter(gtin=code).first() or ProductVariant.objects.filter(sku__iexact=code)
               .select_related("product__producer", "product__product_type").first())
    if variant is None:
        return {"found": False, "reasons": []}
    reasons = sale_reasons(variant.product, register.channel)
    if not reasons and variant.pk not in variant_prices([variant.pk], register.channel):
        reasons = [_("Phân loại này chưa có giá ở kênh bán này.")]
    return {"found": True, "id": variant.pk, "name": variant.product.name, "sellable": not reasons, "reasons": reasons}
