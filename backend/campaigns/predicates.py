"""Catalogue predicates: which variants a promotion rule covers.

Facts about variants are loaded in a fixed number of queries for any list of variants, so pricing
a page of 100 products costs the same as pricing one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Max

from catalog.gate import valid_certificates
from catalog.models import CollectionProduct, ProductVariant

PREDICATE_KEYS = {"productIds", "variantIds", "categoryIds", "collectionIds", "producerIds", "wardCodes",
                  "groupIds", "minStars"}


@dataclass
class VariantFacts:
    variant_id: int
    product_id: int
    category_id: int | None
    group_id: int | None
    producer_id: int
    ward_code: str
    stars: int
    collection_ids: set[int] = field(default_factory=set)


def load_facts(variant_ids: Iterable[int]) -> dict[int, VariantFacts]:
    ids = list(variant_ids)
    if not ids:
        return {}
    rows = ProductVariant.objects.filter(pk__in=ids).values(
        "pk", "product_id", "product__category_id", "product__category__parent_id", "product__producer_id",
        "product__producer__ward_code",
    )
    facts: dict[int, VariantFacts] = {}
    product_ids = set()
    for r in rows:
        group = r["product__category__parent_id"] or r["product__category_id"]
        facts[r["pk"]] = VariantFacts(r["pk"], r["product_id"], r["product__category_id"], group,
                                      r["product__producer_id"], r["product__producer__ward_code"] or "", 0)
        product_ids.add(r["product_id"])
    stars = dict(valid_certificates().filter(product_id__in=product_ids).values("product_id")
                 .annotate(s=Max("stars")).values_list("product_id", "s"))
    collections: dict[int, set[int]] = defaultdict(set)
    for pid, cid in CollectionProduct.objects.filter(product_id__in=product_ids).values_list("product_id",
                                                                                            "collection_id"):
        collections[pid].add(cid)
    for f in facts.values():
        f.stars = stars.get(f.product_id, 0)
        f.collection_ids = collections.get(f.product_id, set())
    return facts


def _ints(values) -> set[int]:
    return {int(v) for v in values or []}


def matches(predicate: dict, facts: VariantFacts) -> bool:
    """OR over the listed dimensions (Saleor semantics); minStars, when given, must also hold."""
    if not predicate:
        return False
    min_stars = predicate.get("minStars")
    if min_stars is not None and facts.stars < int(min_stars):
        return False
    dims = [
        facts.product_id in _ints(predicate.get("productIds")),
        facts.variant_id in _ints(predicate.get("variantIds")),
        facts.category_id in _ints(predicate.get("categoryIds")),
        facts.group_id in _ints(predicate.get("groupIds")),
        bool(facts.collection_ids & _ints(predicate.get("collectionIds"))),
        facts.producer_id in _ints(predicate.get("producerIds")),
        facts.ward_code in set(predicate.get("wardCodes") or []),
    ]
    only_stars = min_stars is not None and not any(
        predicate.get(k) for k in PREDICATE_KEYS - {"minStars"})
    return only_stars or any(dims)
