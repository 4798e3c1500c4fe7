"""The audit app's English catalogue is complete and compiled."""

from tests.po_catalogue import mo_matches_po, read_po, untranslated


def test_catalogue_complete_and_compiled():
    assert len(read_po("audit")) >= 18
    assert untranslated("audit") == [] and mo_matches_po("audit") == []
