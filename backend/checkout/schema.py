"""Checkout GraphQL in Saleor's names: checkoutCreate, checkoutLinesAdd/Update/Delete, checkoutEmailUpdate,
checkoutShippingAddressUpdate, checkoutBillingAddressUpdate, checkoutDeliveryMethodUpdate,
checkoutAddPromoCode, checkoutComplete and `checkout(id)` (id = the checkout token).
Everything goes through checkout.services / orders.services, like the pages."""

from __future__ import annotations

import graphene
from django.utils.translation import gettext as _
from graphql_relay import from_global_id, to_global_id

from catalog.pricing import vat_included
from channels.models import Channel
from core.errors import DomainError, NotFound
from core.graphql import BaseMutation, decode_global_id, error_type
from core.graphql_money import Money, TaxedMoney, money, taxed
from orders.services import order_create_from_checkout
from payments.methods import available_methods
from payments.providers import provider_for

from . import services
from .addresses import AddressInput as AddressData
from .models import Checkout, DeliveryMethod
from .promo_tries import try_promo_code
from .session import online_channel

CheckoutError = error_type("CheckoutError", ["TOO_MANY_REQUESTS", "INVALID_PROMO_CODE", "VOUCHER_NOT_APPLICABLE", "EMAIL_NOT_SET",
                                             "SHIPPING_ADDRESS_NOT_SET", "DELIVERY_METHOD_NOT_APPLICABLE"])


class AddressType(graphene.ObjectType):
    class Meta:
        name = "Address"

    full_name = graphene.String()
    phone = graphene.String()
    street_address = graphene.String()
    ward_code = graphene.String()
    ward_name = graphene.String()
    province_code = graphene.String()
    province_name = graphene.String()
    country = graphene.String()

    @staticmethod
    def resolve_country(root, info):
        return root.get("country", "VN")


class AddressInput(graphene.InputObjectType):
    full_name = graphene.String(required=True)
    phone = graphene.String(required=True)
    street_address = graphene.String(required=True)
    province_code = graphene.String(required=True, description="2-digit province code, e.g. 38 (Thanh Hóa)")
    ward_code = graphene.String(required=True, description="5-digit commune/ward code (post-2025 units)")


def address_data(inp) -> AddressData:
    return AddressData(full_name=inp.get("full_name", ""), phone=inp.get("phone", ""),
                       street_address=inp.get("street_address", ""), province_code=inp.get("province_code", ""),
                       ward_code=inp.get("ward_code", ""))


class CheckoutLineVariant(graphene.ObjectType):
    id = graphene.ID(required=True)
    sku = graphene.String()
    name = graphene.String()
    product_name = graphene.String()
    quantity_limit_per_customer = graphene.Int()


class CheckoutLineType(graphene.ObjectType):
    class Meta:
        name = "CheckoutLine"

    id = graphene.ID(required=True)
    variant = graphene.Field(CheckoutLineVariant, required=True)
    quantity = graphene.Int(required=True)
    unit_price = graphene.Field(TaxedMoney, required=True)
    undiscounted_unit_price = graphene.Field(Money, required=True)
    total_price = graphene.Field(TaxedMoney, required=True)
    problem = graphene.String()

    @staticmethod
    def resolve_id(lv, info):
        return to_global_id("CheckoutLine", lv.line.pk)

    @staticmethod
    def resolve_variant(lv, info):
        v = lv.variant
        return CheckoutLineVariant(id=to_global_id("ProductVariant", v.pk), sku=v.sku, name=v.name,
                                   product_name=v.product.name,
                                   quantity_limit_per_customer=v.quantity_limit_per_customer)

    @staticmethod
    def resolve_unit_price(lv, info):
        return taxed(lv.unit_price, vat_included(lv.unit_price, lv.variant.product.effective_vat_rate))

    @staticmethod
    def resolve_undiscounted_unit_price(lv, info):
        return money(lv.undiscounted_unit_price)

    @staticmethod
    def resolve_total_price(lv, info):
        return taxed(lv.total, vat_included(lv.total, lv.variant.product.effective_vat_rate))


class DeliveryMethodOption(graphene.ObjectType):
    id = graphene.ID(required=True, description='"shipping" or a Warehouse ID (collection point)')
    name = graphene.String(required=True)
    price = graphene.Field(Money)
    is_collection_point = graphene.Boolean(required=True)


class CheckoutType(graphene.ObjectType):
    class Meta:
        name = "Checkout"

    id = graphene.ID(required=True, description="The checkout token.")
    token = graphene.UUID(required=True)
    channel_slug = graphene.String(required=True)
    email = graphene.String()
    phone = graphene.String()
    lines = graphene.List(graphene.NonNull(CheckoutLineType), required=True)
    quantity = graphene.Int(required=True)
    subtotal_price = graphene.Field(Money, required=True)
    shipping_price = graphene.Field(Money, required=True)
    discount = graphene.Field(Money, required=True)
    total_price = graphene.Field(Money, required=True)
    voucher_code = graphene.String()
    discount_name = graphene.String()
    shipping_address = graphene.Field(AddressType)
    billing_address = graphene.Field(AddressType)
    delivery_method_id = graphene.ID()
    delivery_method_name = graphene.String()
    available_delivery_methods = graphene.List(graphene.NonNull(DeliveryMethodOption), required=True)
    available_payment_methods = graphene.List(graphene.NonNull(graphene.String), required=True)
    problems = graphene.List(graphene.NonNull(graphene.String), required=True)
    last_change = graphene.DateTime()

    @staticmethod
    def _s(root: Checkout):
        if not hasattr(root, "_summary"):
            root._summary = services.checkout_summary(root)
        return root._summary

    @staticmethod
    def resolve_id(root, info):
        return str(root.token)

    @staticmethod
    def resolve_channel_slug(root, info):
        return root.channel.slug

    @classmethod
    def resolve_lines(cls, root, info):
        return cls._s(root).lines

    @classmethod
    def resolve_quantity(cls, root, info):
        return cls._s(root).quantity

    @classmethod
    def resolve_subtotal_price(cls, root, info):
        return money(cls._s(root).subtotal)

    @classmethod
    def resolve_shipping_price(cls, root, info):
        return money(cls._s(root).shipping)

    @classmethod
    def resolve_discount(cls, root, info):
        return money(cls._s(root).discount)

    @classmethod
    def resolve_total_price(cls, root, info):
        return money(cls._s(root).total)

    @classmethod
    def resolve_discount_name(cls, root, info):
        promo = cls._s(root).promo
        return promo.name if promo else None

    @staticmethod
    def resolve_delivery_method_id(root, info):
        if root.delivery_method == DeliveryMethod.SHIPPING:
            return "shipping"
        if root.delivery_method == DeliveryMethod.COLLECTION and root.collection_point_id:
            return to_global_id("Warehouse", root.collection_point_id)
        return None

    @classmethod
    def resolve_delivery_method_name(cls, root, info):
        return cls._s(root).shipping_method_name or None

    @classmethod
    def resolve_available_delivery_methods(cls, root, info):
        return [DeliveryMethodOption(
            id=to_global_id("Warehouse", o.collection_point.pk) if o.collection_point else o.id, name=o.name,
            price=money(o.price) if o.price is not None else None, is_collection_point=o.collection_point is not None)
            for o in services.checkout_delivery_options(cls._s(root))]

    @staticmethod
    def resolve_available_payment_methods(root, info):
        return available_methods()

    @classmethod
    def resolve_problems(cls, root, info):
        return cls._s(root).problems


class CheckoutLineInput(graphene.InputObjectType):
    variant_id = graphene.ID(required=True)
    quantity = graphene.Int(required=True)
    price = graphene.Int(description="Ignored: prices always come from the channel's catalogue.")


class CheckoutCreateInput(graphene.InputObjectType):
    channel = graphene.String(description="Channel slug; the online shop when omitted.")
    email = graphene.String()
    lines = graphene.List(graphene.NonNull(CheckoutLineInput), required=True)
    shipping_address = graphene.Field(AddressInput)


def _lines(lines) -> list[services.LineInput]:
    return [services.LineInput(variant_id=decode_global_id(ln["variant_id"], "ProductVariant", field="variantId"),
                                quantity=ln["quantity"]) for ln in lines or []]


def _user(info):
    user = getattr(info.context, "user", None)
    return user if getattr(user, "is_authenticated", False) else None


def _get(info, checkout_id) -> Checkout:
    return services.checkout_get(checkout_id, user=_user(info))


class CheckoutMutation(BaseMutation):
    class Meta:
        abstract = True

    checkout = graphene.Field(CheckoutType)


class CheckoutCreate(CheckoutMutation):
    class Arguments:
        input = CheckoutCreateInput(required=True)

    class Meta:
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, input):
        slug = input.get("channel")
        channel = Channel.objects.filter(slug=slug).first() if slug else online_channel()
        if channel is None:
            raise NotFound(_("Không tìm thấy kênh bán."), field="channel")
        checkout = services.checkout_create(channel=channel, user=_user(info), email=input.get("email") or "",
                                            lines=_lines(input.get("lines")))
        if input.get("email"):
            services.checkout_email_update(checkout, email=input["email"])
        if input.get("shipping_address"):
            services.checkout_shipping_address_update(checkout, address=address_data(input["shipping_address"]))
        return {"checkout": checkout}


class CheckoutLinesAdd(CheckoutMutation):
    class Arguments:
        id = graphene.ID(required=True)
        lines = graphene.List(graphene.NonNull(CheckoutLineInput), required=True)

    class Meta:
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, id, lines):
        checkout = _get(info, id)
        return {"checkout": services.checkout_lines_add(checkout, lines=_lines(lines), user=_user(info))}


class CheckoutLineUpdateInput(graphene.InputObjectType):
    variant_id = graphene.ID(required=True)
    quantity = graphene.Int(required=True, description="0 removes the line.")
    price = graphene.Int(description="Ignored: prices always come from the channel's catalogue.")


class CheckoutLinesUpdate(CheckoutMutation):
    class Arguments:
        id = graphene.ID(required=True)
        lines = graphene.List(graphene.NonNull(CheckoutLineUpdateInput), required=True)

    class Meta:
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, id, lines):
        checkout = _get(info, id)
        return {"checkout": services.checkout_lines_update(checkout, lines=_lines(lines), user=_user(info))}


class CheckoutLinesDelete(CheckoutMutation):
    class Arguments:
        id = graphene.ID(required=True)
        lines_ids = graphene.List(graphene.NonNull(graphene.ID), required=True)

    class Meta:
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, id, lines_ids):
        checkout = _get(info, id)
        ids = [decode_global_id(x, "CheckoutLine", field="linesIds") for x in lines_ids]
        return {"checkout": services.checkout_lines_delete(checkout, line_ids=ids)}


class CheckoutEmailUpdate(CheckoutMutation):
    class Arguments:
        id = graphene.ID(required=True)
        email = graphene.String(required=True)

    class Meta:
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, id, email):
        return {"checkout": services.checkout_email_update(_get(info, id), email=email)}


class CheckoutShippingAddressUpdate(CheckoutMutation):
    class Arguments:
        id = graphene.ID(required=True)
        shipping_address = AddressInput(required=True)

    class Meta:
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, id, shipping_address):
        return {"checkout": services.checkout_shipping_address_update(_get(info, id),
                                                                      address=address_data(shipping_address))}


class CheckoutBillingAddressUpdate(CheckoutMutation):
    class Arguments:
        id = graphene.ID(required=True)
        billing_address = AddressInput(required=True)

    class Meta:
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, id, billing_address):
        return {"checkout": services.checkout_billing_address_update(_get(info, id),
                                                                     address=address_data(billing_address))}


class CheckoutDeliveryMethodUpdate(CheckoutMutation):
    class Arguments:
        id = graphene.ID(required=True)
        delivery_method_id = graphene.ID(required=True, description='"shipping" or a collection point Warehouse ID')

    class Meta:
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, id, delivery_method_id):
        checkout = _get(info, id)
        if delivery_method_id == "shipping":
            return {"checkout": services.checkout_delivery_method_update(checkout, method=DeliveryMethod.SHIPPING)}
        try:
            type_name, pk = from_global_id(delivery_method_id)
            wid = int(pk) if type_name == "Warehouse" else None
        except Exception:
            wid = None
        if wid is None:
            raise DomainError(_("Phương thức nhận hàng không hợp lệ."), field="deliveryMethodId", code="INVALID")
        return {"checkout": services.checkout_delivery_method_update(checkout, method=DeliveryMethod.COLLECTION,
                                                                     collection_point_id=wid)}


class CheckoutAddPromoCode(CheckoutMutation):
    class Arguments:
        id = graphene.ID(required=True)
        promo_code = graphene.String(required=True)

    class Meta:
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(cls, root, info, id, promo_code):
        return {"checkout": try_promo_code(info.context, _get(info, id), promo_code)}


class CheckoutComplete(BaseMutation):
    """Place the order. Calling it again for the same checkout returns the same order (idempotent)."""

    class Arguments:
        id = graphene.ID(required=True)
        payment_method = graphene.String(description="cod | vietqr | stripe (see Checkout.availablePaymentMethods)")

    class Meta:
        error_type_class = CheckoutError

    order = graphene.Field("orders.schema.OrderType")
    confirmation_needed = graphene.Boolean(required=True)
    confirmation_data = graphene.JSONString(description="Stripe: {clientSecret, publishableKey}")

    @classmethod
    def perform_mutation(cls, root, info, id, payment_method=None):
        user = _user(info)
        checkout = services.checkout_get(id, user=user)
        if payment_method:
            if checkout.completed_order_id is None:
                services.checkout_payment_method_update(checkout, method=payment_method)
        order = order_create_from_checkout(checkout_token=checkout.token, user=user)
        return {"order": order, "confirmation_needed": False}

    @classmethod
    def mutate(cls, root, info, **data):
        """The order is placed and committed first; only then does its payment provider call out
        (Stripe), so no row is locked while we wait for the network. A failed call leaves the order
        unpaid: calling checkoutComplete again (or opening the order page) tries again."""
        result = super().mutate(root, info, **data)
        order = getattr(result, "order", None)
        provider = provider_for(order.payment_method) if order is not None else None
        confirmation = provider.process(order) if provider else None
        if confirmation:
            result.confirmation_needed = "error" not in confirmation
            result.confirmation_data = confirmation
        return result


class Query(graphene.ObjectType):
    checkout = graphene.Field(CheckoutType, id=graphene.ID(required=True, description="The checkout token."))

    @staticmethod
    def resolve_checkout(root, info, id):
        try:
            return _get(info, id)
        except DomainError:
            return None


class Mutation(graphene.ObjectType):
    checkout_create = CheckoutCreate.Field()
    checkout_lines_add = CheckoutLinesAdd.Field()
    checkout_lines_update = CheckoutLinesUpdate.Field()
    checkout_lines_delete = CheckoutLinesDelete.Field()
    checkout_email_update = CheckoutEmailUpdate.Field()
    checkout_shipping_address_update = CheckoutShippingAddressUpdate.Field()
    checkout_billing_address_update = CheckoutBillingAddressUpdate.Field()
    checkout_delivery_method_update = CheckoutDeliveryMethodUpdate.Field()
    checkout_add_promo_code = CheckoutAddPromoCode.Field()
    checkout_complete = CheckoutComplete.Field()
