"""The privacy app's English catalogue is complete and compiled; its page reads in English."""

from __future__ import annotations

import pytest

from tests.factories import make_user
from tests.po_catalogue import mo_matches_po, read_po, untranslated


def test_catalogue_complete_and_compiled():
    assert len(read_po("privacy")) >= 8
    assert untranslated("privacy") == [] and mo_matches_po("privacy") == []


@pytest.mark.django_db
def test_delete_page_in_english(client):
    client.force_login(make_user("lan@example.vn"))
    client.cookies["django_language"] = "en"
    html = client.get("/tai-khoan/xoa-tai-khoan/").content.decode()
    assert "Delete my account permanently" in html and "Xoá vĩnh viễn" not in html
