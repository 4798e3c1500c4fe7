"""What `orders.services.order_place` needs to write an order, whoever places it.

Every entry point (online checkout, POS sync, event CSV import) prices its lines with
`catalog.pricing` and describes the order as an `OrderDraft`; `order_place` alone turns a draft into
Order, OrderLine, stock movements or allocations, transactions and the order event.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from catalog.models import ProductVariant
from channels.models import Channel


class StockMode:
    """How the goods leave stock when the order is placed."""

    NONE = "none"
    ALLOCATE = "allocate"  # online: allocated now, removed when fulfilled
    SELL = "sell"  # handed over now; refused if a warehouse has less (event tallies are checked first)
    SELL_AVAILABLE = "sell_available"  # POS: take what exists, report the rest as shortfalls


@dataclass(frozen=True)
class DraftLine:
    variant: ProductVariant
    quantity: int
    undiscounted_unit_price: int
    unit_price: int
    vat_rate: int
    vat_amount: int
    discount_reason: str = ""
    promotion_id: int | None = None
    metadata: dict = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.unit_price * self.quantity


@dataclass(frozen=True)
class DraftPayment:
    """One TransactionItem and its first TransactionEvent."""

    method: str
    name: str
    amount_charged: int = 0
    event_type: str = "CHARGE_SUCCESS"
    event_amount: int | None = None  # defaults to amount_charged
    psp_reference: str = ""
    message: str = ""
    checkout_token: str | None = None
    metadata: dict = field(default_factory=dict)


@dataclass
class OrderDraft:
    channel: Channel
    origin: str
    status: str
    lines: list[DraftLine]
    payment_method: str
    charge_status: str = "none"
    number: int | None = None  # given when the caller must print it before placing (receipts, transfer reference)
    user: object | None = None
    email: str = ""
    phone: str = ""
    shipping_address: dict | None = None
    billing_address: dict | None = None
    delivery_method: str = ""
    shipping_method_name: str = ""
    collection_point_id: int | None = None
    warehouse_id: int | None = None
    subtotal_amount: int | None = None  # default: the lines' totals
    shipping_amount: int = 0
    discount_amount: int = 0
    total_amount: int | None = None  # default: subtotal − discount + shipping
    total_charged_amount: int = 0
    voucher_code: str = ""
    promotion_id: int | None = None
    customer_note: str = ""
    expires_at: dt.datetime | None = None
    payable_at: dt.datetime | None = None
    created_at: dt.datetime | None = None  # back-dated tallies (event imports)
    client_id: str | None = None  # idempotency: one order per client id (POS sale UUID)
    invoice_data: dict = field(default_factory=dict)
    metadata: dict = field(default_factory=dict)
    created_by: object | None = None
    fulfilled: bool = False  # handed over at once (POS, events): lines are fulfilled, nothing to ship
    payments: list[DraftPayment] = field(default_factory=list)
    stock: str = StockMode.NONE
    stock_warehouse_ids: list[int] | None = None
    checkout_token: str | None = None
    event_type: str | None = "placed"
    event_params: dict = field(default_factory=dict)
