"""Moderation flow: draft → submitted → approved / rejected → resubmit; revisions of approved products."""

from __future__ import annotations

import pytest

from catalog.gate import is_visible
from catalog.models import ModerationStatus, Product, ProductChannelListing, ProductMedia
from portal.models import PendingImage, ProductRevision, ReviewStatus
from portal.services import listings, moderation
from tests.domain_errors import raises_domain
from tests.factories import make_certificate
from tests.factories.portal import png_upload

pytestmark = pytest.mark.django_db


def _new_product(world, **kw):
    return listings.product_create_with_variant(
        user=world.owner_a, producer=world.producer_a, name=kw.get("name", "Bánh gai Tứ Trụ"),
        description="<p>Bánh <b>gai</b></p><script>alert(1)</script>", category_id=world.category.pk,
        attributes={"thanh-phan": "Lá gai, gạo nếp"}, variant_name="Hộp 10 cái", sku=kw.get("sku", "BG-10"),
        gtin=kw.get("gtin", ""), price=kw.get("price", 60_000), image=png_upload())


def test_create_sanitises_and_keeps_image_private(world):
    product = _new_product(world)
    assert product.moderation_status == ModerationStatus.DRAFT
    assert "<script>" not in product.description and "<b>gai</b>" in product.description
    assert product.attribute_values.get().value == "Lá gai, gạo nếp"
    assert product.media.count() == 0
    img = PendingImage.objects.get(product=product)
    assert "private-media" in img.file.path and "/media/" not in img.file.path.replace("private-media", "")
    assert product.variants.get().channel_listings.count() == 2  # suggested price in every active channel


def test_submit_approve_publishes_and_materialises_media(world):
    product = _new_product(world)
    listings.product_submit(user=world.owner_a, product=product)
    assert Product.objects.get(pk=product.pk).moderation_status == ModerationStatus.SUBMITTED
    moderation.product_approve(user=world.centre, product_id=product.pk)
    product.refresh_from_db()
    assert product.moderation_status == ModerationStatus.APPROVED
    assert ProductMedia.objects.filter(product=product).count() == 1
    assert not PendingImage.objects.filter(product=product).exists()
    assert ProductChannelListing.objects.filter(product=product, is_published=True).count() == 2
    assert not is_visible(product, world.online)  # no certificate yet: the gate still says no
    make_certificate(product, stars=3)
    assert is_visible(product, world.online)


def test_reject_with_reason_then_edit_and_resubmit(world):
    product = _new_product(world)
    listings.product_submit(user=world.owner_a, product=product)
    with raises_domain("REQUIRED", "reason"):
        moderation.product_reject(user=world.centre, product_id=product.pk, reason="  ")
    moderation.product_reject(user=world.centre, product_id=product.pk, reason="Ảnh mờ, chụp lại")
    product.refresh_from_db()
    assert product.moderation_status == ModerationStatus.REJECTED
    assert product.moderation_reason == "Ảnh mờ, chụp lại"
    listings.product_update(user=world.owner_a, product=product, name="Bánh gai Tứ Trụ (mới)")
    listings.product_submit(user=world.owner_a, product=product)
    product.refresh_from_db()
    assert (product.name, product.moderation_status, product.moderation_reason) == (
        "Bánh gai Tứ Trụ (mới)", ModerationStatus.SUBMITTED, "")


def test_producer_cannot_moderate(world):
    product = _new_product(world)
    listings.product_submit(user=world.owner_a, product=product)
    with pytest.raises(Exception, match="quyền"):
        moderation.product_approve(user=world.owner_a, product_id=product.pk)
    assert Product.objects.get(pk=product.pk).moderation_status == ModerationStatus.SUBMITTED


def test_changes_to_approved_product_wait_for_approval(world):
    product, variant = world.product_a, world.variant_a
    listings.product_update(user=world.owner_a, product=product, name="Nem chua Thanh Hóa đặc biệt",
                            description="<p>Mới</p>")
    listings.variant_save(user=world.owner_a, product=product, variant=variant, sku=variant.sku, gtin=variant.gtin,
                          price=55_000)
    listings.image_add(user=world.owner_a, product=product, upload=png_upload())
    product.refresh_from_db()
    assert product.name == "Nem chua Thanh Hóa"  # live version unchanged
    assert product.description == "<p>Mới</p>"  # other fields are not moderated
    assert listings.variant_price(variant) == 50_000
    assert is_visible(product, world.online)
    rev = ProductRevision.objects.get(product=product, status=ReviewStatus.PENDING)
    assert rev.name == "Nem chua Thanh Hóa đặc biệt" and rev.prices == {str(variant.pk): 55_000}
    assert rev.images.count() == 1
    moderation.product_approve(user=world.centre, product_id=product.pk)
    product.refresh_from_db()
    assert product.name == "Nem chua Thanh Hóa đặc biệt"
    assert listings.variant_price(variant) == 55_000
    assert product.media.count() == 1
    assert ProductRevision.objects.get(pk=rev.pk).status == ReviewStatus.APPROVED


def test_rejected_revision_leaves_live_version(world):
    product = world.product_a
    listings.product_update(user=world.owner_a, product=product, name="Tên sai")
    moderation.product_reject(user=world.centre, product_id=product.pk, reason="Tên không đúng nhãn")
    product.refresh_from_db()
    assert product.name == "Nem chua Thanh Hóa" and product.moderation_status == ModerationStatus.APPROVED
    assert moderation.last_rejected_revision(product).reason == "Tên không đúng nhãn"


def test_setting_price_back_to_live_clears_pending_price(world):
    product, variant = world.product_a, world.variant_a
    listings.variant_save(user=world.owner_a, product=product, variant=variant, sku=variant.sku, price=55_000)
    listings.variant_save(user=world.owner_a, product=product, variant=variant, sku=variant.sku, price=50_000)
    assert ProductRevision.objects.get(product=product).prices == {}
