"""Certificate rules at the model level: stars/score bands, date order, reasons; DB constraints."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from certification.models import SCORE_BANDS, CertificateStatus, OcopCertificate
from tests.factories import make_certificate, make_product

BANDS = {3: (50, 69), 4: (70, 89), 5: (90, 100)}


@pytest.mark.django_db
@pytest.mark.parametrize("stars,score,ok", [
    (3, 50, True), (3, 69, True), (3, 49, False), (3, 70, False),
    (4, 70, True), (4, 89, True), (4, 69, False), (4, 90, False),
    (5, 90, True), (5, 100, True), (5, 89, False),
    (2, 30, True), (1, 29, True),
])
def test_stars_and_score_must_agree(stars, score, ok):
    cert = make_certificate(make_product(), stars=stars, score=score)
    if ok:
        cert.full_clean()
    else:
        with pytest.raises(ValidationError) as exc:
            cert.full_clean()
        assert "score" in exc.value.message_dict
        assert f"không khớp với {stars} sao" in exc.value.message_dict["score"][0]


def test_score_bands_match_the_ocop_rules():
    for stars, band in BANDS.items():
        assert SCORE_BANDS[stars] == band


@pytest.mark.django_db
def test_suspension_needs_a_reason():
    cert = make_certificate(make_product(), status=CertificateStatus.SUSPENDED)
    with pytest.raises(ValidationError) as exc:
        cert.full_clean()
    assert "status_reason" in exc.value.message_dict
    cert.status_reason = "Kiểm tra lại an toàn thực phẩm"
    cert.full_clean()


@pytest.mark.django_db
def test_expiry_after_issue():
    cert = make_certificate(make_product())
    cert.expires_on = cert.issued_on
    with pytest.raises(ValidationError) as exc:
        cert.full_clean()
    assert "expires_on" in exc.value.message_dict


@pytest.mark.django_db
@pytest.mark.parametrize("field,value", [("stars", 6), ("stars", 0), ("score", 101)])
def test_database_constraints(field, value):
    cert = make_certificate(make_product())
    with pytest.raises(IntegrityError), transaction.atomic():
        OcopCertificate.objects.filter(pk=cert.pk).update(**{field: value})


@pytest.mark.django_db
def test_database_rejects_expiry_before_issue():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_certificate(make_product(), issued_on=dt.date(2025, 1, 1), expires_on=dt.date(2024, 1, 1))
