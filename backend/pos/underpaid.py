"""The underpaid rule, in one place: a sale whose payments come to less than its total is never paid.

Online the sale is refused (pos.sales._check_payments). Offline it is already made, so it is recorded with
what was collected only (charge status PARTIAL, no payment for the rest) and flagged (PosReconciliation,
kind PAYMENT); the shift then closes only once the cashier has confirmed the underpaid amount with a note.
"""

from __future__ import annotations

from django.db.models import Count, Sum

from orders.models import ChargeStatus

from .models import PosReconciliation, PosShift, ReconciliationKind


def charge_status_for(total: int, unpaid: int) -> str:
    return ChargeStatus.PARTIAL if unpaid > 0 and unpaid < total else (ChargeStatus.NONE if unpaid > 0
                                                                      else ChargeStatus.FULL)


def underpaid_in_shift(shift: PosShift) -> tuple[int, int]:
    """(sales, VND) collected short in the shift."""
    row = PosReconciliation.objects.filter(sale__shift=shift, kind=ReconciliationKind.PAYMENT).aggregate(
        n=Count("sale", distinct=True), amount=Sum("amount"))
    return row["n"] or 0, int(row["amount"] or 0)
