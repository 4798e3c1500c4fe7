"""English for the search page; its strings live in the storefront catalogue (search templates extend it)."""

import pytest
from django.utils import translation

from search.backends.base import SearchUnavailable
from tests.factories import make_listed_product

pytestmark = pytest.mark.django_db

SEARCH_MSGIDS = [
    "Không tìm thấy sản phẩm nào cho “%(query)s”. Hãy thử từ khác, hoặc bỏ bớt bộ lọc.",
    "Nhập tên sản phẩm, chủ thể hoặc đặc sản để tìm.",
    "Máy chủ tìm kiếm tạm thời không truy cập được.",
    "Kết quả tìm kiếm cho “%(q)s”",
    "Tìm kiếm sản phẩm",
]


def test_search_page_in_english(client, channel):
    make_listed_product(channel, name="Nem chua Thanh Hóa")
    client.cookies["django_language"] = "en"
    page = client.get("/tim-kiem/", {"q": "nem chua"}).content.decode()
    assert "Search results for “nem chua”" in page and "Nem chua Thanh Hóa" in page
    assert "Kết quả tìm kiếm" not in page
    page = client.get("/tim-kiem/", {"q": "khongcogi"}).content.decode()
    assert "No products found for “khongcogi”" in page and "Không tìm thấy sản phẩm" not in page
    page = client.get("/tim-kiem/").content.decode()
    assert "Search products" in page and "Tìm kiếm sản phẩm" not in page


def test_vietnamese_stays_the_default(client, channel):
    page = client.get("/tim-kiem/").content.decode()
    assert "Tìm kiếm sản phẩm" in page and "Search products" not in page


def test_every_search_string_has_an_english_translation():
    with translation.override("en"):
        missing = [m for m in SEARCH_MSGIDS if translation.gettext(m) == m]
        assert missing == []
        assert SearchUnavailable().message == "The search server is temporarily unreachable."
