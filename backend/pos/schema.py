"""POS GraphQL API in Saleor's mutation style (`errors { field code message }`)."""

from __future__ import annotations

import graphene
from django.utils.translation import gettext as _
from graphql_relay import to_global_id

from core.errors import DomainError, PermissionDenied
from core.graphql import BaseMutation, decode_global_id, error_type, user_from_info

from . import returns as return_services
from . import sales as sale_services
from . import shifts as shift_services
from .access import registers_to_open, shift_for_user
from .device import issue_device_token
from .errors import POS_ERROR_CODES
from .reports import z_report
from .sale_access import merge, redact_foreign_duplicates, split_permitted

PosError = error_type("PosError", POS_ERROR_CODES)


def _gid(type_name: str, pk: int) -> str:
    return to_global_id(type_name, pk)


class PosMethodAmount(graphene.ObjectType):
    method = graphene.String(required=True)
    expected = graphene.Int()
    counted = graphene.Int()
    difference = graphene.Int()


class PosRegister(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    code = graphene.String(required=True)
    warehouse_name = graphene.String(required=True)
    channel_slug = graphene.String(required=True)
    catalogue_url = graphene.String(required=True)
    open_shift = graphene.Field(lambda: PosShift)

    @staticmethod
    def from_model(reg):
        return PosRegister(id=_gid("PosRegister", reg.pk), name=reg.name, code=reg.code,
                           warehouse_name=reg.warehouse.name, channel_slug=reg.channel.slug,
                           catalogue_url=f"/pos/quay/{reg.pk}/danh-muc.json", open_shift=None)


class PosShift(graphene.ObjectType):
    id = graphene.ID(required=True)
    pk = graphene.Int(required=True)
    register = graphene.Field(PosRegister, required=True)
    status = graphene.String(required=True)
    opened_at = graphene.DateTime(required=True)
    closed_at = graphene.DateTime()
    opening_float = graphene.Int(required=True)
    difference = graphene.Int()
    closing_note = graphene.String()
    amounts = graphene.List(graphene.NonNull(PosMethodAmount), required=True,
                            description="Expected (and when closed, counted) amounts per payment method.")

    @staticmethod
    def from_model(shift):
        if shift.closing_summary:
            amounts = [PosMethodAmount(method=m, **v) for m, v in shift.closing_summary.items()]
        else:
            amounts = [PosMethodAmount(method=m, expected=v) for m, v in
                       shift_services.expected_amounts(shift).items()]
        return PosShift(id=_gid("PosShift", shift.pk), pk=shift.pk, register=PosRegister.from_model(shift.register),
                        status=shift.status, opened_at=shift.opened_at, closed_at=shift.closed_at,
                        opening_float=shift.opening_float, difference=shift.difference_amount,
                        closing_note=shift.closing_note, amounts=amounts)


class PosMethodTotal(graphene.ObjectType):
    method = graphene.String(required=True)
    charged = graphene.Int(required=True)
    refunded = graphene.Int(required=True)
    expected = graphene.Int()
    counted = graphene.Int()
    difference = graphene.Int()


class PosShiftReport(graphene.ObjectType):
    shift = graphene.Field(PosShift, required=True)
    sales_count = graphene.Int(required=True)
    gross = graphene.Int(required=True)
    discounts = graphene.Int(required=True)
    net = graphene.Int(required=True)
    vat = graphene.Int(required=True)
    returns_count = graphene.Int(required=True)
    returns_amount = graphene.Int(required=True)
    flagged_count = graphene.Int(required=True)
    difference = graphene.Int()
    by_method = graphene.List(graphene.NonNull(PosMethodTotal), required=True)


class PosShortfall(graphene.ObjectType):
    variant_id = graphene.ID(required=True)
    quantity_sold = graphene.Int(required=True)
    shortfall = graphene.Int(required=True)


class PosSaleResult(graphene.ObjectType):
    client_uuid = graphene.String(required=True)
    status = graphene.String(required=True, description="created | duplicate | flagged | error")
    order_number = graphene.Int()
    order_token = graphene.String()
    receipt_url = graphene.String()
    change = graphene.Int()
    shortfalls = graphene.List(graphene.NonNull(PosShortfall), required=True)
    warnings = graphene.List(graphene.NonNull(graphene.String), required=True,
                             description="Recorded anyway: e.g. a traceability stamp already sold or unknown.")
    errors = graphene.List(graphene.NonNull(PosError), required=True)


class PosReturn(graphene.ObjectType):
    id = graphene.ID(required=True)
    order_number = graphene.Int(required=True)
    amount = graphene.Int(required=True)
    refund_method = graphene.String(required=True)


class PosReceiptLine(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    quantity = graphene.Int(required=True)
    quantity_returned = graphene.Int(required=True)
    unit_price = graphene.Int(required=True)


class PosReceipt(graphene.ObjectType):
    number = graphene.Int(required=True)
    total = graphene.Int(required=True)
    created_at = graphene.DateTime(required=True)
    lines = graphene.List(graphene.NonNull(PosReceiptLine), required=True)


def _require_user(info):
    user = user_from_info(info)
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("Vui lòng đăng nhập."))
    return user


class Query(graphene.ObjectType):
    pos_registers = graphene.List(graphene.NonNull(PosRegister), required=True,
                                  description="Registers the current user may open.")
    pos_shift = graphene.Field(PosShift, id=graphene.ID(required=True))
    pos_shift_report = graphene.Field(PosShiftReport, id=graphene.ID(required=True))
    pos_receipt = graphene.Field(PosReceipt, code=graphene.String(required=True),
                                 description="A POS receipt by number or QR URL (for returns).")

    @staticmethod
    def resolve_pos_registers(root, info):
        user = user_from_info(info)
        out = []
        for reg in registers_to_open(user).prefetch_related("shifts"):
            item = PosRegister.from_model(reg)
            shift = next((s for s in reg.shifts.all() if s.status == "open"), None)
            if shift is not None:
                shift.register = reg
                item.open_shift = PosShift.from_model(shift)
            out.append(item)
        return out

    @staticmethod
    def resolve_pos_shift(root, info, id):
        try:
            return PosShift.from_model(shift_for_user(user_from_info(info), decode_global_id(id, "PosShift")))
        except DomainError:
            return None

    @staticmethod
    def resolve_pos_shift_report(root, info, id):
        try:
            shift = shift_for_user(user_from_info(info), decode_global_id(id, "PosShift"))
        except DomainError:
            return None
        rep = z_report(shift)
        rec = rep["reconciliation"]
        by_method = [PosMethodTotal(method=m, charged=v["charged"], refunded=v["refunded"], **rec.get(m, {}))
                     for m, v in rep["by_method"].items()]
        return PosShiftReport(shift=PosShift.from_model(shift), sales_count=rep["sales_count"], gross=rep["gross"],
                              discounts=rep["discounts"], net=rep["net"], vat=rep["vat"],
                              returns_count=rep["returns_count"], returns_amount=rep["returns_amount"],
                              flagged_count=rep["flagged_count"], difference=rep["difference"], by_method=by_method)

    @staticmethod
    def resolve_pos_receipt(root, info, code):
        try:
            order = return_services.find_receipt(code, user=user_from_info(info))
        except DomainError:
            return None
        return PosReceipt(number=order.number, total=order.total_amount, created_at=order.created_at,
                          lines=[PosReceiptLine(id=_gid("OrderLine", ln.pk), name=ln.product_name,
                                                quantity=ln.quantity, quantity_returned=ln.quantity_returned,
                                                unit_price=ln.unit_price) for ln in order.lines.all()])


class DenominationCount(graphene.InputObjectType):
    denomination = graphene.Int(required=True, description="500000, 200000, … 1000")
    count = graphene.Int(required=True)


class MethodAmountInput(graphene.InputObjectType):
    method = graphene.String(required=True)
    amount = graphene.Int(required=True)


def _counts(items) -> dict:
    out: dict[int, int] = {}
    for c in items or []:
        out[c.denomination] = out.get(c.denomination, 0) + c.count
    return out


class PosShiftOpen(BaseMutation):
    shift = graphene.Field(PosShift)
    device_token = graphene.String(description="Send with every posSaleSync of this shift from this device.")

    class Arguments:
        register_id = graphene.ID(required=True)
        counts = graphene.List(graphene.NonNull(DenominationCount))
        opening_float = graphene.Int()

    class Meta:
        description = "Open a shift on a register with a counted cash float."
        error_type_class = PosError

    @classmethod
    def perform_mutation(cls, root, info, register_id, counts=None, opening_float=None):
        user = _require_user(info)
        shift = shift_services.shift_open(user=user, register_id=decode_global_id(register_id, "PosRegister",
                                                                                   "registerId"),
                                          counts=_counts(counts), opening_float=opening_float)
        return {"shift": PosShift.from_model(shift), "device_token": issue_device_token(shift)}


class PosShiftClose(BaseMutation):
    shift = graphene.Field(PosShift)

    class Arguments:
        id = graphene.ID(required=True)
        counts = graphene.List(graphene.NonNull(DenominationCount), required=True)
        counted_other = graphene.List(graphene.NonNull(MethodAmountInput))
        note = graphene.String()
        confirm_difference = graphene.Boolean()
        pending_sales = graphene.Int(description="Sales still queued on the device (closing is refused if > 0).")

    class Meta:
        description = "Close a shift with the counted cash by denomination."
        error_type_class = PosError

    @classmethod
    def perform_mutation(cls, root, info, id, counts, counted_other=None, note="", confirm_difference=False,
                         pending_sales=0):
        user = _require_user(info)
        shift = shift_services.shift_close(
            user=user, shift_id=decode_global_id(id, "PosShift"), counts=_counts(counts),
            counted_other={m.method: m.amount for m in counted_other or []}, note=note or "",
            confirm_difference=bool(confirm_difference), pending_sales=pending_sales or 0)
        return {"shift": PosShift.from_model(shift)}


class PosCashMovementCreate(BaseMutation):
    shift = graphene.Field(PosShift)

    class Arguments:
        shift_id = graphene.ID(required=True)
        kind = graphene.String(required=True, description="in | out")
        amount = graphene.Int(required=True)
        reason = graphene.String(required=True)

    class Meta:
        description = "Cash paid into or taken out of the drawer, with a reason."
        error_type_class = PosError

    @classmethod
    def perform_mutation(cls, root, info, shift_id, kind, amount, reason):
        user = _require_user(info)
        move = shift_services.cash_movement_create(user=user, shift_id=decode_global_id(shift_id, "PosShift",
                                                                                         "shiftId"),
                                                   kind=kind, amount=amount, reason=reason)
        return {"shift": PosShift.from_model(move.shift)}


class PosSaleLineInput(graphene.InputObjectType):
    variant_id = graphene.ID(required=True)
    quantity = graphene.Int(required=True)
    stamp_uris = graphene.List(graphene.NonNull(graphene.String),
                               description="Traceability stamps (GS1 Digital Link URIs) scanned for this line.")


class PosPaymentInput(graphene.InputObjectType):
    method = graphene.String(required=True, description="cash | vietqr | card")
    amount = graphene.Int(required=True, description="Cash: the amount tendered (change is computed).")
    reference = graphene.String()
    confirmed = graphene.Boolean(description="VietQR: staff confirmed the transfer arrived.")


class PosBuyerInput(graphene.InputObjectType):
    name = graphene.String()
    tax_code = graphene.String()
    address = graphene.String()
    id_number = graphene.String()


class PosSaleInput(graphene.InputObjectType):
    client_uuid = graphene.String(required=True)
    shift_id = graphene.ID(required=True)
    sold_at = graphene.DateTime()
    offline = graphene.Boolean()
    lines = graphene.List(graphene.NonNull(PosSaleLineInput), required=True)
    payments = graphene.List(graphene.NonNull(PosPaymentInput), required=True)
    customer_email = graphene.String()
    buyer = graphene.Field(PosBuyerInput)
    device_token = graphene.String(description="The token posShiftOpen gave this device.")


def _sale_input(raw) -> sale_services.SaleInput:
    try:
        shift_id = decode_global_id(raw.shift_id, "PosShift", "shiftId")
    except DomainError:
        shift_id = -1
    lines = []
    for ln in raw.lines:
        try:
            vid = decode_global_id(ln.variant_id, "ProductVariant", "lines")
        except DomainError:
            vid = int(ln.variant_id) if str(ln.variant_id).isdigit() else -1
        lines.append(sale_services.SaleLineInput(variant_id=vid, quantity=ln.quantity,
                                                 stamp_uris=[u for u in (ln.stamp_uris or []) if u]))
    return sale_services.SaleInput(
        client_uuid=raw.client_uuid, shift_id=shift_id, lines=lines, sold_at=raw.sold_at,
        offline=bool(raw.offline), customer_email=raw.customer_email or "",
        buyer={k: v for k, v in dict(raw.buyer or {}).items() if v},
        payments=[sale_services.PaymentInput(method=p.method, amount=p.amount, reference=p.reference or "",
                                             confirmed=bool(p.confirmed)) for p in raw.payments])


class PosSaleSync(BaseMutation):
    results = graphene.List(graphene.NonNull(PosSaleResult), required=True)

    class Arguments:
        input = graphene.List(graphene.NonNull(PosSaleInput), required=True)

    class Meta:
        description = ("Record a batch of sales (online or from the offline queue). Idempotent on clientUuid; each "
                       "sale commits on its own and gets its own result.")
        error_type_class = PosError

    @classmethod
    def mutate(cls, root, info, input):
        # No batch-wide transaction: every sale commits on its own (see pos.sales).
        try:
            user = _require_user(info)
        except DomainError as exc:
            denied = cls._error(exc.as_field_errors())
            denied.results = []
            return denied
        sales = [_sale_input(s) for s in input]
        permitted, denied = split_permitted(user, sales, [s.device_token or "" for s in input])
        results = redact_foreign_duplicates(user, sale_services.sale_sync(user=user, sales=permitted))
        results = merge(results, denied, len(sales))
        out = []
        for r in results:
            out.append(PosSaleResult(
                client_uuid=r.client_uuid, status=r.status, order_number=r.order_number,
                order_token=r.order_token or None, change=r.change,
                receipt_url=f"/pos/hoa-don/{r.order_token}/" if r.order_token else None,
                shortfalls=[PosShortfall(variant_id=_gid("ProductVariant", s["variant_id"]),
                                         quantity_sold=s["quantity_sold"], shortfall=s["shortfall"])
                            for s in r.shortfalls],
                warnings=r.warnings,
                errors=cls._error(r.errors).errors))
        return cls(results=out, errors=[])


class PosReturnLineInput(graphene.InputObjectType):
    line_id = graphene.ID(required=True)
    quantity = graphene.Int(required=True)
    restock = graphene.Boolean(description="Back on the shelf (default) or written off.")


class PosReturnInput(graphene.InputObjectType):
    shift_id = graphene.ID(required=True)
    receipt = graphene.String(required=True, description="Receipt number, or the URL in its QR code.")
    lines = graphene.List(graphene.NonNull(PosReturnLineInput), required=True)
    refund_method = graphene.String(required=True)
    note = graphene.String()


class PosReturnCreate(BaseMutation):
    pos_return = graphene.Field(PosReturn)

    class Arguments:
        input = PosReturnInput(required=True)

    class Meta:
        description = "Return goods against a POS receipt and refund them."
        error_type_class = PosError

    @classmethod
    def perform_mutation(cls, root, info, input):
        user = _require_user(info)
        ret = return_services.return_create(
            user=user, shift_id=decode_global_id(input.shift_id, "PosShift", "shiftId"), receipt=input.receipt,
            lines=[return_services.ReturnLineInput(order_line_id=decode_global_id(ln.line_id, "OrderLine", "lines"),
                                                   quantity=ln.quantity,
                                                   restock=True if ln.restock is None else bool(ln.restock))
                   for ln in input.lines],
            refund_method=input.refund_method, note=input.note or "")
        return {"pos_return": PosReturn(id=_gid("PosReturn", ret.pk), order_number=ret.order.number,
                                        amount=ret.amount, refund_method=ret.refund_method)}


class Mutation(graphene.ObjectType):
    pos_shift_open = PosShiftOpen.Field()
    pos_shift_close = PosShiftClose.Field()
    pos_cash_movement_create = PosCashMovementCreate.Field()
    pos_sale_sync = PosSaleSync.Field()
    pos_return_create = PosReturnCreate.Field()

