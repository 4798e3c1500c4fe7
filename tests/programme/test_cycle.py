"""The whole OCOP cycle in one run: register → forward → three members score → decision → certificate →
listed on the storefront → reward line → the report counts it."""

from __future__ import annotations

from django.utils import timezone

from catalog.gate import is_visible
from certification.models import IssuingLevel
from programme.models import DossierStatus, PaymentStatus, ReportPeriod
from programme.reports import programme_report
from programme.services import decisions, registration, scoring
from tests.factories.programme import score_all, upload_all_documents


def test_register_to_storefront_reward_and_report(prog, client):
    # Given a producer's registration with its full dossier
    d = registration.dossier_register(user=prog.owner_a, producer=prog.producer_a, product=prog.product_a,
                                      group=prog.group, description="Nem chua lá ổi")
    upload_all_documents(prog.owner_a, d)
    registration.dossier_submit(user=prog.owner_a, dossier=d)
    registration.dossier_forward(user=prog.officer_a, dossier_id=d.pk)
    scoring.dossier_assign(user=prog.office, dossier_id=d.pk, council=prog.council, members=prog.members)
    d.refresh_from_db()
    # When three members score (80, 78, 76 → average 78) and the council closes
    for member, fraction in zip(prog.members, ("max", "0.8", "0.8"), strict=True):
        score_all(member, d, default=fraction)
    assert not is_visible(prog.product_a, prog.online)
    scoring.council_close(user=prog.office, council_id=prog.council.pk)
    d.refresh_from_db()
    result = scoring.council_result(d)
    assert d.status == DossierStatus.SCORED and d.result_score == result.score and result.members == 3
    assert d.result_stars == 4 and 70 <= d.result_score <= 89
    decision = decisions.decision_issue(user=prog.office, cycle=prog.cycle, number="1234/QĐ-UBND",
                                        date=timezone.localdate(), signer="Chủ tịch UBND tỉnh", dossier_ids=[d.pk])
    d.refresh_from_db()
    # Then the certificate exists through certification, the product is on the storefront at once,
    cert = d.certificate
    assert d.status == DossierStatus.CERTIFIED and d.decision == decision
    assert (cert.stars, cert.score, cert.issuing_level, cert.decision_number) == (
        4, d.result_score, IssuingLevel.PROVINCE, "1234/QĐ-UBND")
    assert (cert.expires_on.year - cert.issued_on.year) == 3
    assert is_visible(prog.product_a, prog.online)
    page = client.get(f"/san-pham/{prog.product_a.slug}/")
    assert page.status_code == 200 and cert.certificate_number in page.content.decode()
    # a reward line at the year's 4★ rate waits for payment,
    reward = d.reward
    assert (reward.amount, reward.status, reward.decision_number) == (20_000_000, PaymentStatus.PENDING, decision.number)
    # and the report counts it
    report = programme_report(year=prog.cycle.year, period=ReportPeriod.YEAR)
    assert report["certified_in_period"]["total"] == 1
    assert [r["count"] for r in report["certified_in_period"]["by_stars"]] == [0, 1, 0]
    assert report["rewards"]["total"] == 20_000_000 and report["certificates_in_force"]["total"] == 1
    history = [h.to_status for h in d.history.all()]
    assert history == ["draft", "submitted", "forwarded", "in_evaluation", "scored", "certified"]
