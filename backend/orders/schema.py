"""Orders GraphQL in Saleor's names: `order(id)`, `orders` (staff), `orderFulfill`, `orderCancel`,
`orderMarkAsPaid`, `orderConfirm`; `me { orders }` is added to the User type."""

from __future__ import annotations

import uuid

import graphene
from graphql_relay import from_global_id, to_global_id

from accounts.permissions import Perm, has_perm
from catalog.pricing import vat_included
from core.graphql import BaseMutation, decode_global_id, error_type, require_perm
from core.graphql_money import Money, TaxedMoney, money, taxed
from payments.models import PaymentMethod
from payments.vietqr import transfer_details

from . import services
from .models import Order
from .selectors import is_unpaid_prepaid, order_detail_qs, staff_orders

OrderError = error_type("OrderError", ["CANNOT_CANCEL_ORDER", "CANNOT_FULFILL"])


class OrderLineType(graphene.ObjectType):
    class Meta:
        name = "OrderLine"

    id = graphene.ID(required=True)
    product_name = graphene.String(required=True)
    variant_name = graphene.String()
    product_sku = graphene.String()
    variant_id = graphene.ID()
    producer_id = graphene.ID()
    quantity = graphene.Int(required=True)
    quantity_fulfilled = graphene.Int(required=True)
    unit_price = graphene.Field(TaxedMoney, required=True)
    undiscounted_unit_price = graphene.Field(Money, required=True)
    total_price = graphene.Field(TaxedMoney, required=True)
    tax_rate = graphene.Int(required=True, description="VAT rate in percent.")

    @staticmethod
    def resolve_id(root, info):
        return to_global_id("OrderLine", root.pk)

    @staticmethod
    def resolve_variant_id(root, info):
        return to_global_id("ProductVariant", root.variant_id) if root.variant_id else None

    @staticmethod
    def resolve_producer_id(root, info):
        return to_global_id("Producer", root.producer_id) if root.producer_id else None

    @staticmethod
    def resolve_unit_price(root, info):
        return taxed(root.unit_price, vat_included(root.unit_price, root.vat_rate))

    @staticmethod
    def resolve_undiscounted_unit_price(root, info):
        return money(root.undiscounted_unit_price)

    @staticmethod
    def resolve_total_price(root, info):
        return taxed(root.total_price, root.vat_amount)

    @staticmethod
    def resolve_tax_rate(root, info):
        return root.vat_rate


class VietQRTransfer(graphene.ObjectType):
    payload = graphene.String(required=True, description="EMVCo/NAPAS payload to render as a QR code")
    bank_name = graphene.String()
    bank_bin = graphene.String()
    account_number = graphene.String()
    account_name = graphene.String()
    amount = graphene.Int()
    reference = graphene.String()


class OrderType(graphene.ObjectType):
    class Meta:
        name = "Order"

    id = graphene.ID(required=True)
    token = graphene.UUID(required=True)
    number = graphene.String(required=True)
    created = graphene.DateTime(required=True)
    status = graphene.String(required=True, description="UNCONFIRMED, UNFULFILLED, FULFILLED, DELIVERED, CANCELED…")
    charge_status = graphene.String(required=True, description="NONE, PARTIAL, FULL, OVERCHARGED")
    is_paid = graphene.Boolean(required=True)
    payment_method = graphene.String()
    user_email = graphene.String()
    customer_phone = graphene.String()
    lines = graphene.List(graphene.NonNull(OrderLineType), required=True)
    subtotal = graphene.Field(Money, required=True)
    shipping_price = graphene.Field(Money, required=True)
    discount = graphene.Field(Money, required=True)
    total = graphene.Field(TaxedMoney, required=True)
    total_charged = graphene.Field(Money, required=True)
    voucher_code = graphene.String()
    delivery_method = graphene.String()
    shipping_method_name = graphene.String()
    collection_point_name = graphene.String()
    shipping_address = graphene.Field("checkout.schema.AddressType")
    expires_at = graphene.DateTime()
    vietqr = graphene.Field(VietQRTransfer, description="Transfer details while a VietQR order is unpaid.")

    @staticmethod
    def resolve_id(root, info):
        return to_global_id("Order", root.pk)

    @staticmethod
    def resolve_number(root, info):
        return str(root.number)

    @staticmethod
    def resolve_created(root, info):
        return root.created_at

    @staticmethod
    def resolve_status(root, info):
        return root.status.upper()

    @staticmethod
    def resolve_charge_status(root, info):
        return root.charge_status.upper()

    @staticmethod
    def resolve_is_paid(root, info):
        return root.charge_status in ("full", "overcharged")

    @staticmethod
    def resolve_lines(root, info):
        return list(root.lines.all())

    @staticmethod
    def resolve_subtotal(root, info):
        return money(root.subtotal_amount)

    @staticmethod
    def resolve_shipping_price(root, info):
        return money(root.shipping_amount)

    @staticmethod
    def resolve_discount(root, info):
        return money(root.discount_amount)

    @staticmethod
    def resolve_total(root, info):
        return taxed(root.total_amount, root.vat_amount)

    @staticmethod
    def resolve_total_charged(root, info):
        return money(root.total_charged_amount)

    @staticmethod
    def resolve_collection_point_name(root, info):
        return root.collection_point.name if root.collection_point_id else None

    @staticmethod
    def resolve_vietqr(root, info):
        if root.payment_method != PaymentMethod.VIETQR or not is_unpaid_prepaid(root):
            return None
        d = transfer_details(root)
        return VietQRTransfer(payload=d.payload, bank_name=d.bank_name, bank_bin=d.bank_bin,
                              account_number=d.account_number, account_name=d.account_name, amount=d.amount,
                              reference=d.reference)


def _resolve_order(info, id: str) -> Order | None:
    """By token (a guest's confirmation link) or by global ID; an account's order only for its owner
    or MANAGE_ORDERS staff."""
    user = getattr(info.context, "user", None)
    me = user.pk if getattr(user, "is_authenticated", False) else -1
    qs = order_detail_qs()
    try:
        order = qs.filter(token=uuid.UUID(str(id))).first()
    except ValueError:
        try:
            type_name, pk = from_global_id(id)
            order = qs.filter(pk=int(pk)).first() if type_name == "Order" else None
        except Exception:
            order = None
        if order is not None and not (has_perm(user, Perm.MANAGE_ORDERS) or order.user_id == me):
            return None
        return order
    if order is not None and order.user_id and not (
            has_perm(user, Perm.MANAGE_ORDERS) or order.user_id == me):
        return None
    return order


class Query(graphene.ObjectType):
    order = graphene.Field(OrderType, id=graphene.ID(required=True, description="Order ID or order token."))
    orders = graphene.List(graphene.NonNull(OrderType), required=True, first=graphene.Int(default_value=50),
                           status=graphene.String(), search=graphene.String(),
                           description="Orders, newest first (MANAGE_ORDERS).")

    @staticmethod
    def resolve_order(root, info, id):
        return _resolve_order(info, id)

    @staticmethod
    def resolve_orders(root, info, first=50, status=None, search=None):
        require_perm(info, Perm.MANAGE_ORDERS)
        qs = staff_orders(status=(status or "").lower(), q=search or "").prefetch_related("lines")
        return list(qs[: max(1, min(first, 100))])


class OrderMutation(BaseMutation):
    class Meta:
        abstract = True

    order = graphene.Field(OrderType)


def _order_pk(order_id: str) -> int:
    return decode_global_id(order_id, "Order")


class OrderConfirm(OrderMutation):
    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        error_type_class = OrderError
        permissions = (Perm.MANAGE_ORDERS,)

    @classmethod
    def perform_mutation(cls, root, info, id):
        return {"order": services.order_confirm(order_id=_order_pk(id), user=info.context.user)}


class OrderMarkAsPaid(OrderMutation):
    class Arguments:
        id = graphene.ID(required=True)
        transaction_reference = graphene.String()

    class Meta:
        error_type_class = OrderError
        permissions = (Perm.MANAGE_ORDERS,)

    @classmethod
    def perform_mutation(cls, root, info, id, transaction_reference=""):
        return {"order": services.order_mark_paid(order_id=_order_pk(id), user=info.context.user,
                                                  psp_reference=transaction_reference or "")}


class OrderFulfillInput(graphene.InputObjectType):
    warehouse = graphene.ID(required=True, description="Warehouse to ship every remaining unit from.")
    tracking_number = graphene.String()


class OrderFulfill(OrderMutation):
    class Arguments:
        order = graphene.ID(required=True)
        input = OrderFulfillInput(required=True)

    class Meta:
        error_type_class = OrderError
        permissions = (Perm.MANAGE_ORDERS,)

    @classmethod
    def perform_mutation(cls, root, info, order, input):
        pk = _order_pk(order)
        services.order_fulfill(order_id=pk, warehouse_id=decode_global_id(input["warehouse"], "Warehouse",
                                                                          field="warehouse"),
                               user=info.context.user, tracking_number=input.get("tracking_number") or "")
        return {"order": Order.objects.get(pk=pk)}


class OrderCancel(OrderMutation):
    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        error_type_class = OrderError
        permissions = (Perm.MANAGE_ORDERS,)

    @classmethod
    def perform_mutation(cls, root, info, id):
        return {"order": services.order_cancel(order_id=_order_pk(id), user=info.context.user)}


class Mutation(graphene.ObjectType):
    order_confirm = OrderConfirm.Field()
    order_mark_as_paid = OrderMarkAsPaid.Field()
    order_fulfill = OrderFulfill.Field()
    order_cancel = OrderCancel.Field()
