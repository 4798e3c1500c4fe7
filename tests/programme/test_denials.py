"""Every refusal of the programme: a clear message, a code, and nothing half-saved."""

from __future__ import annotations

import pytest
from django.utils import timezone

from certification.models import OcopCertificate
from core.errors import DomainError, NotFound, PermissionDenied
from programme.models import Decision, DocumentKind, Dossier, DossierStatus, Score
from programme.services import decisions, registration, scoring
from tests.factories.portal import pdf_upload
from tests.factories.programme import forwarded_dossier, score_all, upload_all_documents


def _in_evaluation(prog, members=None):
    d = forwarded_dossier(owner=prog.owner_a, officer=prog.officer_a, producer=prog.producer_a,
                          product=prog.product_a, group=prog.group, cycle=prog.cycle)
    return scoring.dossier_assign(user=prog.office, dossier_id=d.pk, council=prog.council,
                                  members=members or prog.members)


def test_commune_officer_cannot_touch_another_commune(prog):
    d = registration.dossier_register(user=prog.owner_a, producer=prog.producer_a, product=prog.product_a,
                                      group=prog.group)
    upload_all_documents(prog.owner_a, d)
    registration.dossier_submit(user=prog.owner_a, dossier=d)
    with pytest.raises(NotFound):
        registration.dossier_forward(user=prog.officer_b, dossier_id=d.pk)
    with pytest.raises(NotFound):
        registration.dossier_return(user=prog.officer_b, dossier_id=d.pk, reason="Thiếu nhãn")
    d.refresh_from_db()
    assert d.status == DossierStatus.SUBMITTED and d.history.count() == 2


def test_return_needs_a_reason_and_submit_needs_every_required_document(prog):
    d = registration.dossier_register(user=prog.owner_a, producer=prog.producer_a, product=prog.product_a,
                                      group=prog.group)
    upload_all_documents(prog.owner_a, d, kinds=[DocumentKind.BUSINESS_REGISTRATION, DocumentKind.PHOTO])
    with pytest.raises(DomainError) as exc:
        registration.dossier_submit(user=prog.owner_a, dossier=d)
    assert exc.value.code == "REQUIRED"
    assert "Giấy tờ an toàn thực phẩm / chất lượng" in exc.value.message and "Nhãn sản phẩm" in exc.value.message
    d.refresh_from_db()
    assert d.status == DossierStatus.DRAFT and d.submitted_at is None
    upload_all_documents(prog.owner_a, d, kinds=[DocumentKind.QUALITY, DocumentKind.LABEL, DocumentKind.STORY])
    registration.dossier_submit(user=prog.owner_a, dossier=d)
    with pytest.raises(DomainError) as exc:
        registration.dossier_return(user=prog.officer_a, dossier_id=d.pk, reason="  ")
    assert exc.value.code == "REQUIRED"
    registration.dossier_return(user=prog.officer_a, dossier_id=d.pk, reason="Nhãn thiếu hạn sử dụng")
    d.refresh_from_db()
    assert d.status == DossierStatus.RETURNED and d.status_reason == "Nhãn thiếu hạn sử dụng"


def test_upload_is_sniffed_by_content_and_only_own_dossier(prog):
    d = registration.dossier_register(user=prog.owner_a, producer=prog.producer_a, product=prog.product_a,
                                      group=prog.group)
    with pytest.raises(DomainError) as exc:
        registration.document_add(user=prog.owner_a, dossier=d, kind=DocumentKind.LABEL,
                                  upload=pdf_upload("nhan.pdf", data=b"MZ\x90\x00 not a pdf"))
    assert exc.value.code == "INVALID_FILE_TYPE"
    with pytest.raises(PermissionDenied):
        registration.document_add(user=prog.owner_b, dossier=d, kind=DocumentKind.LABEL, upload=pdf_upload())
    assert d.documents.count() == 0
    with pytest.raises(PermissionDenied):
        registration.dossier_register(user=prog.owner_b, producer=prog.producer_a, product=prog.product_a,
                                      group=prog.group)


def test_unassigned_member_out_of_range_and_closed_council(prog):
    d = _in_evaluation(prog)
    with pytest.raises(NotFound):
        scoring.scores_save(user=prog.outsider_member, dossier_id=d.pk, scores={"A1": (3, "")})
    member = prog.members[0]
    with pytest.raises(DomainError) as exc:
        scoring.scores_save(user=member, dossier_id=d.pk, scores={"A1": (4, "tốt"), "A2": (6, "quá điểm")})
    assert exc.value.as_field_errors()[0].field == "A2" and exc.value.code == "INVALID_SCORE"
    assert "từ 0 đến 5" in exc.value.message
    with pytest.raises(DomainError) as exc:
        scoring.scores_save(user=member, dossier_id=d.pk, scores={"A1": (4, "")}, submit=True)
    assert exc.value.code == "REQUIRED"
    assert Score.objects.count() == 0  # neither the valid A1 nor the partial submit was kept
    with pytest.raises(DomainError) as exc:
        scoring.council_close(user=prog.office, council_id=prog.council.pk)
    assert "hd1@example.vn" in exc.value.message
    for m in prog.members:
        score_all(m, d)
    scoring.council_close(user=prog.office, council_id=prog.council.pk)
    with pytest.raises(DomainError) as exc:
        scoring.scores_save(user=member, dossier_id=d.pk, scores={"A1": (1, "")})
    assert exc.value.code == "INVALID_STATUS" and "kết thúc" in exc.value.message
    assert Score.objects.get(member=member, criterion__code="A1").points == 5


def test_failed_required_criterion_caps_the_result(prog):
    d = _in_evaluation(prog)
    for m in prog.members:
        score_all(m, d, {"C2": 0})  # food safety failed, everything else full: 90 points
    scoring.council_close(user=prog.office, council_id=prog.council.pk)
    d.refresh_from_db()
    assert (d.result_score, d.result_stars, d.result_capped) == (90, 2, True)
    assert "C2" in d.history.last().reason


def test_decision_without_council_result_changes_nothing(prog):
    scored = _in_evaluation(prog)
    for m in prog.members:
        score_all(m, scored, default="0.8")
    scoring.council_close(user=prog.office, council_id=prog.council.pk)
    pending = forwarded_dossier(owner=prog.owner_b, officer=prog.officer_b, producer=prog.producer_b,
                                product=prog.product_b, group=prog.group, cycle=prog.cycle)
    with pytest.raises(DomainError) as exc:
        decisions.decision_issue(user=prog.office, cycle=prog.cycle, number="99/QĐ-UBND", date=timezone.localdate(),
                                 signer="Chủ tịch", dossier_ids=[scored.pk, pending.pk])
    assert exc.value.code == "INVALID_STATUS" and f"#{pending.pk}" in exc.value.message
    assert "chưa có kết quả của hội đồng" in exc.value.message
    assert not Decision.objects.exists() and not OcopCertificate.objects.exists()
    assert Dossier.objects.get(pk=scored.pk).status == DossierStatus.SCORED
    with pytest.raises(PermissionDenied):
        decisions.decision_issue(user=prog.officer_a, cycle=prog.cycle, number="98/QĐ-UBND",
                                 date=timezone.localdate(), signer="X", dossier_ids=[scored.pk])
