"""Races on real connections: two moderators approving at once; two producers claiming one GTIN."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from catalog.models import ModerationStatus, Product, ProductChannelListing, ProductMedia, ProductVariant
from core.errors import DomainError
from core.gtin import gtin_check_digit
from portal.services import listings, moderation
from tests.factories.portal import png_upload

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def race(*fns):
    barrier = threading.Barrier(len(fns))
    results: list = [None] * len(fns)

    def run(i, fn):
        try:
            barrier.wait()
            results[i] = fn()
        except DomainError as exc:
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(fns)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_races(world):
    """One test (one database flush) for both races; each part asserts on the final database state."""
    _double_approval_applies_once(world)
    _same_gtin_from_two_producers_only_one_wins(world)


def _double_approval_applies_once(world):
    product = listings.product_create_with_variant(
        user=world.owner_a, producer=world.producer_a, name="Bánh gai", description="<p>x</p>",
        category_id=world.category.pk, sku="BG-RACE", price=10_000, image=png_upload())
    listings.product_submit(user=world.owner_a, product=product)
    results = race(*[lambda: moderation.product_approve(user=world.centre, product_id=product.pk)] * 2)
    assert sum(isinstance(r, Product) for r in results) == 1
    assert sum(isinstance(r, DomainError) and r.code == "INVALID_STATUS" for r in results) == 1
    assert Product.objects.get(pk=product.pk).moderation_status == ModerationStatus.APPROVED
    assert ProductMedia.objects.filter(product=product).count() == 1
    assert ProductChannelListing.objects.filter(product=product).count() == 2


def _same_gtin_from_two_producers_only_one_wins(world):
    body = "893604999999"
    gtin = body + str(gtin_check_digit(body))

    def save(owner, product, sku):
        return lambda: listings.variant_save(user=owner, product=product, sku=sku, gtin=gtin, price=20_000)

    other = listings.product_create(user=world.owner_b, producer=world.producer_b, name="Mắm mới")
    results = race(save(world.owner_a, world.draft_a, "RACE-A"), save(world.owner_b, other, "RACE-B"))
    assert sum(isinstance(r, ProductVariant) for r in results) == 1
    loser = next(r for r in results if isinstance(r, DomainError))
    assert loser.code == "UNIQUE" and loser.field == "gtin"
    assert ProductVariant.objects.filter(gtin=gtin).count() == 1
