"""Campaigns GraphQL (Saleor's promotion/voucher names; OCOP campaign additions). Centre staff only."""

from __future__ import annotations

import graphene
from django.utils.translation import gettext as _
from graphene_file_upload.scalars import Upload
from graphql_relay import to_global_id

from accounts.permissions import Perm
from catalog.models import Collection
from channels.models import Channel
from core.errors import DomainError
from core.graphql import BaseMutation, decode_global_id, error_type, require_perm

from . import promotions as promo_services
from . import vouchers as voucher_services
from .errors import CAMPAIGN_ERROR_CODES
from .models import Campaign, Promotion, PromotionType, RewardValueType, Voucher, VoucherCode
from .results import campaign_results
from .services import campaign_create

DiscountError = error_type("DiscountError", CAMPAIGN_ERROR_CODES)

PromotionTypeEnum = graphene.Enum("PromotionTypeEnum", [("CATALOGUE", "catalogue"), ("ORDER", "order")])
RewardValueTypeEnum = graphene.Enum("RewardValueTypeEnum", [("PERCENTAGE", "percentage"), ("FIXED", "fixed")])


def _gid(type_name: str, pk: int) -> str:
    return to_global_id(type_name, pk)


class PromotionRuleType(graphene.ObjectType):
    class Meta:
        name = "PromotionRule"

    id = graphene.ID(required=True)
    name = graphene.String()
    channels = graphene.List(graphene.NonNull(graphene.String), description="Channel slugs.")
    catalogue_predicate = graphene.JSONString()
    order_predicate = graphene.JSONString()
    reward_value_type = graphene.String()
    reward_value = graphene.Int()

    resolve_id = staticmethod(lambda root, info: _gid("PromotionRule", root.pk))
    resolve_channels = staticmethod(lambda root, info: [c.slug for c in root.channels.all()])
    resolve_reward_value_type = staticmethod(lambda root, info: root.reward_value_type.upper())


class PromotionType_(graphene.ObjectType):
    class Meta:
        name = "Promotion"

    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    type = graphene.String()
    description = graphene.String()
    start_date = graphene.DateTime()
    end_date = graphene.DateTime()
    rules = graphene.List(graphene.NonNull(PromotionRuleType))

    resolve_id = staticmethod(lambda root, info: _gid("Promotion", root.pk))
    resolve_type = staticmethod(lambda root, info: root.type.upper())
    resolve_rules = staticmethod(lambda root, info: root.rules.prefetch_related("channels"))


class VoucherCodeType(graphene.ObjectType):
    class Meta:
        name = "VoucherCode"

    id = graphene.ID(required=True)
    code = graphene.String(required=True)
    used = graphene.Int()
    is_active = graphene.Boolean()
    resolve_id = staticmethod(lambda root, info: _gid("VoucherCode", root.pk))


class VoucherType(graphene.ObjectType):
    class Meta:
        name = "Voucher"

    id = graphene.ID(required=True)
    name = graphene.String()
    codes = graphene.List(graphene.NonNull(VoucherCodeType))
    discount_value_type = graphene.String()
    discount_value = graphene.Int()
    min_spent = graphene.Int()
    usage_limit = graphene.Int()
    used = graphene.Int()
    apply_once_per_customer = graphene.Boolean()
    start_date = graphene.DateTime()
    end_date = graphene.DateTime()
    channels = graphene.List(graphene.NonNull(graphene.String))

    resolve_id = staticmethod(lambda root, info: _gid("Voucher", root.pk))
    resolve_codes = staticmethod(lambda root, info: root.codes.all())
    resolve_discount_value_type = staticmethod(lambda root, info: root.discount_value_type.upper())
    resolve_min_spent = staticmethod(lambda root, info: root.min_spent_amount)
    resolve_channels = staticmethod(lambda root, info: [c.slug for c in root.channels.all()])


class CampaignTotals(graphene.ObjectType):
    orders = graphene.Int()
    units = graphene.Int()
    revenue = graphene.Int()
    discount = graphene.Int()
    new_customers = graphene.Int()


class CampaignChannelDay(graphene.ObjectType):
    channel = graphene.String()
    date = graphene.Date()
    totals = graphene.Field(CampaignTotals)


class CampaignResultsType(graphene.ObjectType):
    class Meta:
        name = "CampaignResults"

    totals = graphene.Field(CampaignTotals)
    before = graphene.Field(CampaignTotals, description="The same length of time just before the campaign.")
    by_channel_day = graphene.List(CampaignChannelDay)


class CampaignType(graphene.ObjectType):
    class Meta:
        name = "Campaign"

    id = graphene.ID(required=True)
    name = graphene.String()
    slug = graphene.String()
    objective = graphene.String()
    status = graphene.String()
    start_date = graphene.DateTime()
    end_date = graphene.DateTime()
    channels = graphene.List(graphene.NonNull(graphene.String))
    banner_title = graphene.String()
    banner_link = graphene.String()
    banner_image_url = graphene.String()
    promotions = graphene.List(graphene.NonNull(PromotionType_))
    vouchers = graphene.List(graphene.NonNull(VoucherType))
    results = graphene.Field(CampaignResultsType)

    resolve_id = staticmethod(lambda root, info: _gid("Campaign", root.pk))
    resolve_status = staticmethod(lambda root, info: root.status.upper())
    resolve_channels = staticmethod(lambda root, info: [c.slug for c in root.channels.all()])
    resolve_banner_image_url = staticmethod(lambda root, info: root.banner_image.url if root.banner_image else None)
    resolve_promotions = staticmethod(lambda root, info: root.promotions.all())
    resolve_vouchers = staticmethod(lambda root, info: root.vouchers.all())

    @staticmethod
    def resolve_results(root, info):
        r = campaign_results(root)
        return {"totals": r.totals, "before": r.before,
                "by_channel_day": [{"channel": c, "date": d, "totals": t}
                                   for (c, d), t in sorted(r.by_channel_day.items(), key=lambda kv: (kv[0][1], kv[0][0]))]}


class CataloguePredicateInput(graphene.InputObjectType):
    product_ids = graphene.List(graphene.NonNull(graphene.ID))
    variant_ids = graphene.List(graphene.NonNull(graphene.ID))
    category_ids = graphene.List(graphene.NonNull(graphene.ID))
    collection_ids = graphene.List(graphene.NonNull(graphene.ID))
    producer_ids = graphene.List(graphene.NonNull(graphene.ID))
    group_ids = graphene.List(graphene.NonNull(graphene.ID), description="OCOP groups (root categories).")
    ward_codes = graphene.List(graphene.NonNull(graphene.String), description="Communes/wards (post-2025 codes).")
    min_stars = graphene.Int()


class OrderPredicateInput(graphene.InputObjectType):
    min_subtotal = graphene.Int(description="Minimum subtotal in VND.")


class PromotionRuleInput(graphene.InputObjectType):
    name = graphene.String()
    channels = graphene.List(graphene.NonNull(graphene.ID), required=True)
    catalogue_predicate = CataloguePredicateInput()
    order_predicate = OrderPredicateInput()
    reward_value_type = RewardValueTypeEnum(required=True)
    reward_value = graphene.Int(required=True)


_ID_KEYS = {"product_ids": ("productIds", "Product"), "variant_ids": ("variantIds", "ProductVariant"),
            "category_ids": ("categoryIds", "Category"), "collection_ids": ("collectionIds", "Collection"),
            "producer_ids": ("producerIds", "Producer"), "group_ids": ("groupIds", "Category")}


def _channels(ids) -> list[Channel]:
    pks = [decode_global_id(i, "Channel", field="channels") for i in ids or []]
    found = list(Channel.objects.filter(pk__in=pks))
    if len(found) != len(set(pks)):
        raise DomainError(_("Không tìm thấy kênh bán."), field="channels", code="NOT_FOUND")
    return found


def _rule(data) -> dict:
    catalogue = {}
    for key, (out_key, type_name) in _ID_KEYS.items():
        values = (data.get("catalogue_predicate") or {}).get(key)
        if values:
            catalogue[out_key] = [decode_global_id(v, type_name, field="cataloguePredicate") for v in values]
    cp = data.get("catalogue_predicate") or {}
    if cp.get("ward_codes"):
        catalogue["wardCodes"] = list(cp["ward_codes"])
    if cp.get("min_stars") is not None:
        catalogue["minStars"] = cp["min_stars"]
    order = {}
    if (data.get("order_predicate") or {}).get("min_subtotal") is not None:
        order["minSubtotal"] = data["order_predicate"]["min_subtotal"]
    value_type = data["reward_value_type"]
    return {"name": data.get("name") or "", "channels": _channels(data["channels"]),
            "catalogue_predicate": catalogue, "order_predicate": order,
            "reward_value_type": getattr(value_type, "value", value_type), "reward_value": data["reward_value"]}


def _campaign(gid):
    if not gid:
        return None
    campaign = Campaign.objects.filter(pk=decode_global_id(gid, "Campaign", field="campaign")).first()
    if campaign is None:
        raise DomainError(_("Không tìm thấy chiến dịch."), field="campaign", code="NOT_FOUND")
    return campaign


class PromotionCreateInput(graphene.InputObjectType):
    name = graphene.String(required=True)
    type = PromotionTypeEnum(required=True)
    description = graphene.String()
    start_date = graphene.DateTime(required=True)
    end_date = graphene.DateTime()
    campaign = graphene.ID()
    rules = graphene.List(graphene.NonNull(PromotionRuleInput))


class PromotionCreate(BaseMutation):
    class Arguments:
        input = PromotionCreateInput(required=True)

    class Meta:
        error_type_class = DiscountError
        permissions = (Perm.MANAGE_DISCOUNTS,)

    promotion = graphene.Field(PromotionType_)

    @classmethod
    def perform_mutation(cls, root, info, input):
        ptype = getattr(input["type"], "value", input["type"])
        promotion = promo_services.promotion_create(
            name=input["name"], type=ptype, description=input.get("description") or "",
            start_date=input["start_date"], end_date=input.get("end_date"),
            rules=[_rule(r) for r in input.get("rules") or []], campaign=_campaign(input.get("campaign")))
        return {"promotion": promotion}


def _promotion(gid) -> Promotion:
    promotion = Promotion.objects.filter(pk=decode_global_id(gid, "Promotion")).first()
    if promotion is None:
        raise DomainError(_("Không tìm thấy khuyến mại."), field="id", code="NOT_FOUND")
    return promotion


class PromotionUpdateInput(graphene.InputObjectType):
    name = graphene.String()
    description = graphene.String()
    start_date = graphene.DateTime()
    end_date = graphene.DateTime()


class PromotionUpdate(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True)
        input = PromotionUpdateInput(required=True)

    class Meta:
        error_type_class = DiscountError
        permissions = (Perm.MANAGE_DISCOUNTS,)

    promotion = graphene.Field(PromotionType_)

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        promotion = promo_services.promotion_update(
            promotion=_promotion(id), name=input.get("name"), description=input.get("description"),
            start_date=input.get("start_date"), end_date=input.get("end_date"))
        return {"promotion": promotion}


class PromotionDelete(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        error_type_class = DiscountError
        permissions = (Perm.MANAGE_DISCOUNTS,)

    promotion = graphene.Field(PromotionType_)

    @classmethod
    def perform_mutation(cls, root, info, id):
        promotion = _promotion(id)
        promo_services.promotion_delete(promotion=promotion)
        return {"promotion": None}


class PromotionRuleCreate(BaseMutation):
    class Arguments:
        promotion = graphene.ID(required=True)
        input = PromotionRuleInput(required=True)

    class Meta:
        error_type_class = DiscountError
        permissions = (Perm.MANAGE_DISCOUNTS,)

    promotion_rule = graphene.Field(PromotionRuleType)

    @classmethod
    def perform_mutation(cls, root, info, promotion, input):
        rule = promo_services.promotion_rule_create(promotion=_promotion(promotion), rule=_rule(input))
        return {"promotion_rule": rule}


class VoucherInput(graphene.InputObjectType):
    name = graphene.String(required=True)
    codes = graphene.List(graphene.NonNull(graphene.String))
    code_count = graphene.Int(description="Generate this many random codes.")
    code_prefix = graphene.String()
    discount_value_type = RewardValueTypeEnum(required=True)
    discount_value = graphene.Int(required=True)
    min_spent = graphene.Int()
    usage_limit = graphene.Int()
    apply_once_per_customer = graphene.Boolean()
    start_date = graphene.DateTime(required=True)
    end_date = graphene.DateTime()
    channels = graphene.List(graphene.NonNull(graphene.ID), required=True)
    campaign = graphene.ID()


class VoucherCreate(BaseMutation):
    class Arguments:
        input = VoucherInput(required=True)

    class Meta:
        error_type_class = DiscountError
        permissions = (Perm.MANAGE_DISCOUNTS,)

    voucher = graphene.Field(VoucherType)

    @classmethod
    def perform_mutation(cls, root, info, input):
        vtype = input["discount_value_type"]
        voucher = voucher_services.voucher_create(
            name=input["name"], channels=_channels(input["channels"]),
            discount_value_type=getattr(vtype, "value", vtype), discount_value=input["discount_value"],
            start_date=input["start_date"], end_date=input.get("end_date"), codes=input.get("codes"),
            code_count=input.get("code_count") or 0, code_prefix=input.get("code_prefix") or "OCOP",
            usage_limit=input.get("usage_limit"), apply_once_per_customer=bool(input.get("apply_once_per_customer")),
            min_spent_amount=input.get("min_spent") or 0, campaign=_campaign(input.get("campaign")))
        return {"voucher": voucher}


class VoucherCodeBulkDelete(BaseMutation):
    class Arguments:
        ids = graphene.List(graphene.NonNull(graphene.ID), required=True)

    class Meta:
        error_type_class = DiscountError
        permissions = (Perm.MANAGE_DISCOUNTS,)

    count = graphene.Int()

    @classmethod
    def perform_mutation(cls, root, info, ids):
        pks = [decode_global_id(i, "VoucherCode", field="ids") for i in ids]
        return {"count": voucher_services.voucher_codes_bulk_delete(code_ids=pks)}


class CampaignCreateInput(graphene.InputObjectType):
    name = graphene.String(required=True)
    objective = graphene.String()
    start_date = graphene.DateTime(required=True)
    end_date = graphene.DateTime(required=True)
    channels = graphene.List(graphene.NonNull(graphene.ID), required=True)
    featured_collection = graphene.ID()
    banner_image = Upload()
    banner_title = graphene.String()
    banner_link = graphene.String()


class CampaignCreate(BaseMutation):
    class Arguments:
        input = CampaignCreateInput(required=True)

    class Meta:
        error_type_class = DiscountError
        permissions = (Perm.MANAGE_DISCOUNTS,)

    campaign = graphene.Field(CampaignType)

    @classmethod
    def perform_mutation(cls, root, info, input):
        collection = None
        if input.get("featured_collection"):
            collection = Collection.objects.filter(
                pk=decode_global_id(input["featured_collection"], "Collection", field="featuredCollection")).first()
            if collection is None:
                raise DomainError(_("Không tìm thấy bộ sưu tập."), field="featuredCollection", code="NOT_FOUND")
        campaign = campaign_create(
            name=input["name"], objective=input.get("objective") or "", start_date=input["start_date"],
            end_date=input["end_date"], channels=_channels(input["channels"]), featured_collection=collection,
            banner_image=input.get("banner_image"), banner_title=input.get("banner_title") or "",
            banner_link=input.get("banner_link") or "", user=info.context.user)
        return {"campaign": campaign}


class Query(graphene.ObjectType):
    promotions = graphene.List(graphene.NonNull(PromotionType_), description="Staff: all promotions.")
    vouchers = graphene.List(graphene.NonNull(VoucherType))
    campaigns = graphene.List(graphene.NonNull(CampaignType))
    campaign = graphene.Field(CampaignType, id=graphene.ID(), slug=graphene.String())

    @staticmethod
    def resolve_promotions(root, info):
        require_perm(info, Perm.MANAGE_DISCOUNTS)
        return Promotion.objects.prefetch_related("rules__channels")

    @staticmethod
    def resolve_vouchers(root, info):
        require_perm(info, Perm.MANAGE_DISCOUNTS)
        return Voucher.objects.prefetch_related("codes", "channels")

    @staticmethod
    def resolve_campaigns(root, info):
        require_perm(info, Perm.MANAGE_DISCOUNTS)
        return Campaign.objects.prefetch_related("channels")

    @staticmethod
    def resolve_campaign(root, info, id=None, slug=None):
        require_perm(info, Perm.MANAGE_DISCOUNTS)
        if id:
            return Campaign.objects.filter(pk=decode_global_id(id, "Campaign")).first()
        return Campaign.objects.filter(slug=slug).first() if slug else None


class Mutation(graphene.ObjectType):
    promotion_create = PromotionCreate.Field()
    promotion_update = PromotionUpdate.Field()
    promotion_delete = PromotionDelete.Field()
    promotion_rule_create = PromotionRuleCreate.Field()
    voucher_create = VoucherCreate.Field()
    voucher_code_bulk_delete = VoucherCodeBulkDelete.Field()
    campaign_create = CampaignCreate.Field()


__all__ = ["Query", "Mutation", "PromotionType", "RewardValueType", "VoucherCode"]
