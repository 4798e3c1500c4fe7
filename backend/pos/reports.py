"""Reports: the shift Z-report and daily reports per register and per location, with CSV export."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.db.models import Count, Q, Sum
from django.utils import timezone

from orders.models import Order
from payments.models import PaymentMethod, TransactionItem

from .models import PosReturn, PosShift
from .shifts import POS_METHODS, expected_amounts


def _sales_totals(orders) -> dict:
    agg = orders.aggregate(n=Count("pk"), gross=Sum("subtotal_amount"), disc=Sum("discount_amount"),
                           total=Sum("total_amount"), vat=Sum("vat_amount"))
    return {"sales_count": agg["n"] or 0, "gross": int(agg["gross"] or 0), "discounts": int(agg["disc"] or 0),
            "net": int(agg["total"] or 0), "vat": int(agg["vat"] or 0)}


def _by_method(orders_q: Q, returns) -> dict[str, dict[str, int]]:
    charged = dict(TransactionItem.objects.filter(orders_q).values("method").annotate(s=Sum("amount_charged"))
                   .values_list("method", "s"))
    refunded = dict(returns.values("refund_method").annotate(s=Sum("amount")).values_list("refund_method", "s"))
    return {m: {"label": str(PaymentMethod(m).label), "charged": int(charged.get(m) or 0),
                "refunded": int(refunded.get(m) or 0)} for m in POS_METHODS}


def z_report(shift: PosShift) -> dict:
    orders = Order.objects.filter(pos_sale__shift=shift)
    returns = PosReturn.objects.filter(shift=shift)
    ret = returns.aggregate(n=Count("pk"), s=Sum("amount"))
    report = {
        "shift_id": shift.pk, "register": shift.register.name, "warehouse": shift.register.warehouse.name,
        "opened_at": shift.opened_at, "closed_at": shift.closed_at, "status": shift.status,
        "opening_float": shift.opening_float, **_sales_totals(orders),
        "flagged_count": orders.filter(pos_sale__needs_reconciliation=True).count(),
        "returns_count": ret["n"] or 0, "returns_amount": int(ret["s"] or 0),
        "by_method": _by_method(Q(order__pos_sale__shift=shift), returns),
        "cash_movements": list(shift.cash_movements.values("kind", "amount", "reason", "created_at")),
    }
    if shift.closing_summary:
        report["reconciliation"] = shift.closing_summary
    else:
        report["reconciliation"] = {m: {"expected": v, "counted": None, "difference": None}
                                    for m, v in expected_amounts(shift).items()}
    report["difference"] = shift.difference_amount
    report["closing_note"] = shift.closing_note
    return report


def _day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return start, start + dt.timedelta(days=1)


def daily_report(day: dt.date, *, register_ids: list[int] | None = None) -> dict:
    """Per register and per location (warehouse) for one local day, by time the sale was rung up."""
    start, end = _day_bounds(day)
    orders = Order.objects.filter(origin="pos", pos_sale__sold_at__gte=start, pos_sale__sold_at__lt=end)
    returns = PosReturn.objects.filter(created_at__gte=start, created_at__lt=end)
    if register_ids is not None:
        orders = orders.filter(pos_sale__register_id__in=register_ids)
        returns = returns.filter(shift__register_id__in=register_ids)
    rows = []
    reg_keys = orders.values_list("pos_sale__register_id", "pos_sale__register__name",
                                  "pos_sale__register__warehouse__name").distinct().order_by("pos_sale__register__name")
    for rid, rname, wname in reg_keys:
        o = orders.filter(pos_sale__register_id=rid)
        rows.append({"register": rname, "warehouse": wname, **_sales_totals(o),
                     "by_method": _by_method(Q(order__in=o), returns.filter(shift__register_id=rid))})
    locations: dict[str, dict] = {}
    for row in rows:
        loc = locations.setdefault(row["warehouse"], {"warehouse": row["warehouse"], "sales_count": 0, "gross": 0,
                                                      "discounts": 0, "net": 0, "vat": 0,
                                                      "by_method": {m: {"charged": 0, "refunded": 0}
                                                                    for m in POS_METHODS}})
        for k in ("sales_count", "gross", "discounts", "net", "vat"):
            loc[k] += row[k]
        for m, v in row["by_method"].items():
            loc["by_method"][m]["charged"] += v["charged"]
            loc["by_method"][m]["refunded"] += v["refunded"]
    return {"day": day, "registers": rows, "locations": list(locations.values()), "total": _sales_totals(orders)}


CSV_HEADER = ["ngay", "cap", "ten", "diem_ban", "so_don", "doanh_thu_gop", "giam_gia", "doanh_thu_thuan", "thue_gtgt",
              "tien_mat", "vietqr", "the", "hoan_tien"]


def daily_report_csv(report: dict) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CSV_HEADER)
    for level, rows in (("quay", report["registers"]), ("diem_ban", report["locations"])):
        for r in rows:
            bm = r["by_method"]
            w.writerow([report["day"].isoformat(), level, r.get("register", r["warehouse"]), r["warehouse"],
                        r["sales_count"], r["gross"], r["discounts"], r["net"], r["vat"], bm["cash"]["charged"],
                        bm["vietqr"]["charged"], bm["card"]["charged"], sum(v["refunded"] for v in bm.values())])
    return buf.getvalue()


def _local(moment: dt.datetime | None) -> str:
    """A time in the shop's zone (Asia/Ho_Chi_Minh, with its +07:00 offset), as staff read the till."""
    return timezone.localtime(moment, timezone.get_default_timezone()).isoformat(sep=" ", timespec="seconds") if moment else ""


def z_report_csv(report: dict) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["muc", "gia_tri"])
    for key in ("register", "warehouse", "opened_at", "closed_at", "opening_float", "sales_count", "gross",
                "discounts", "net", "vat", "returns_count", "returns_amount", "difference", "closing_note"):
        w.writerow([key, _local(report[key]) if key.endswith("_at") else report[key]])
    for m, v in report["by_method"].items():
        w.writerow([f"{m}_charged", v["charged"]])
        w.writerow([f"{m}_refunded", v["refunded"]])
    for m, v in report["reconciliation"].items():
        for k in ("expected", "counted", "difference"):
            w.writerow([f"{m}_{k}", v[k]])
    return buf.getvalue()
