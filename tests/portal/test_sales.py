"""Sales dashboard and monthly statements from the producer's own order lines."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone

from orders.models import OrderStatus
from portal.models import CommissionRate
from portal.services.sales import sales_report
from portal.services.statements import build_statement, commission
from tests.factories.portal import local_noon, make_order_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def sold(world):
    today = timezone.localdate()
    at = local_noon(today)
    a, b = world.variant_a, world.variant_b
    line = make_order_line(channel=world.online, variant=a, quantity=3, unit_price=50_000, created_at=at, payable=True)
    make_order_line(channel=world.online, variant=b, quantity=9, unit_price=70_000, order=line.order)  # mixed order
    make_order_line(channel=world.showroom_channel, variant=a, quantity=2, unit_price=50_000, returned=1,
                    created_at=at, payable=True)
    make_order_line(channel=world.online, variant=a, quantity=100, unit_price=50_000,
                    status=OrderStatus.CANCELED, created_at=at)
    make_order_line(channel=world.online, variant=a, quantity=7, unit_price=50_000, created_at=at)  # unpaid COD
    make_order_line(channel=world.online, variant=a, quantity=1, unit_price=50_000,
                    created_at=local_noon(today - dt.timedelta(days=3)), payable=True)
    return today


def test_report_counts_own_lines_net_of_returns_and_cancellations(world, sold):
    report = sales_report(producer_id=world.producer_a.pk, period="day", today=sold)
    assert (report.units, report.revenue) == (5, 250_000)
    assert report.buckets[-1].units == 4 and report.buckets[-4].units == 1
    by_channel = {c.channel_name: (c.units, c.revenue) for c in report.channels}
    assert by_channel == {"Trực tuyến": (4, 200_000), "Showroom Hạc Thành": (1, 50_000)}
    assert report.top_products[0].sku == world.variant_a.sku
    for period in ("week", "month"):
        r = sales_report(producer_id=world.producer_a.pk, period=period, today=sold)
        assert r.revenue == 250_000


def test_sales_page_has_server_side_svg_chart(world, sold, client):
    client.force_login(world.owner_a)
    for period in ("day", "week", "month"):
        page = client.get(f"/kenh-nguoi-ban/doanh-so/?period={period}").content.decode()
        main = page.split("<main", 1)[1].split("</main>", 1)[0]  # the site-wide page.js sits outside
        assert "<svg" in main and 'role="img"' in main and "<script" not in main
        assert "250.000" in page and "Mắm tép" not in page and "630.000" not in page


def test_statement_with_commission_per_channel(world, sold):
    CommissionRate.objects.create(channel=world.online, rate_bp=1000)
    CommissionRate.objects.create(channel=world.showroom_channel, rate_bp=1550)
    st = build_statement(producer=world.producer_a, month=sold.strftime("%Y-%m"))
    rows = {c.channel_name: c for c in st.channels}
    online, show = rows["Trực tuyến"], rows["Showroom Hạc Thành"]
    month_start = sold.replace(day=1)
    online_gross = 150_000 + (50_000 if sold - dt.timedelta(days=3) >= month_start else 0)
    assert (online.gross, online.returns, online.commission) == (online_gross, 0, online_gross // 10)
    assert (show.gross, show.returns, show.net, show.commission, show.payable) == (100_000, 50_000, 50_000,
                                                                                   7_750, 42_250)
    assert st.payable == st.net - st.commission
    assert commission(33_333, 1550) == 5_167  # rounded half up, integer VND


def test_statement_pdf_and_csv(world, sold, client):
    import pypdfium2

    CommissionRate.objects.create(channel=world.showroom_channel, rate_bp=1000)
    client.force_login(world.owner_a)
    month = sold.strftime("%Y-%m")
    pdf = client.get(f"/kenh-nguoi-ban/doi-soat/{month}.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    text = " ".join(pypdfium2.PdfDocument(pdf.content)[0].get_textpage().get_text_range().split())  # cells wrap
    assert "HTX Nem chua A" in text and "Showroom Hạc Thành" in text, text
    resp = client.get(f"/kenh-nguoi-ban/doi-soat/{month}.csv")
    rows = list(csv.reader(io.StringIO(resp.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Chủ thể", "HTX Nem chua A"]
    assert rows[-1][0] == "Tổng cộng" and "Mắm" not in resp.content.decode()
    assert client.get("/kenh-nguoi-ban/doi-soat/?month=2026-13").status_code == 400
    assert client.get(f"/kenh-nguoi-ban/doi-soat/{month}.xls").status_code == 404


def test_order_lines_query_returns_only_own_lines(world, sold, gql, token_for):
    q = "{ producerOrderLines { productName quantity unitPrice orderNumber } }"
    lines = gql(q, token=token_for(world.owner_a))["data"]["producerOrderLines"]
    assert {line["productName"] for line in lines} == {"Nem chua Thanh Hóa"}
    assert len(lines) == 4  # canceled order excluded (the unpaid one is listed); the mixed order shows only A's line


def test_centre_sets_commission_rate_on_its_page(world, sold, client):
    client.force_login(world.owner_a)
    assert client.post("/trung-tam/hoa-hong/", {"channel": world.online.pk, "rate": "12"}).status_code == 403
    client.force_login(world.centre)
    resp = client.post("/trung-tam/hoa-hong/", {"channel": world.online.pk, "rate": "150"})
    assert resp.status_code == 400 and "từ 0 đến 100" in resp.content.decode()
    assert client.post("/trung-tam/hoa-hong/", {"channel": world.online.pk, "rate": "12,5"}).status_code == 302
    assert CommissionRate.objects.get(channel=world.online).rate_bp == 1250
    st = build_statement(producer=world.producer_a, month=sold.strftime("%Y-%m"))
    online = next(c for c in st.channels if c.channel_id == world.online.pk)
    assert online.commission == commission(online.net, 1250)
