"""Factories for the OCOP programme tests: a cycle, roles, documents and a dossier at any stage."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.utils import timezone

import programme
from programme.models import DocumentKind, ProgrammeRole
from programme.services import registration, scoring
from programme.services.criteria import criteria_file_load

from .portal import PDF_BYTES, pdf_upload, png_upload

CRITERIA_DIR = Path(programme.__file__).resolve().parent / "criteria"


def load_demo_criteria(slug: str = "thuc-pham"):
    return criteria_file_load(CRITERIA_DIR / f"demo-{slug}.yaml")


def make_role(user, role: str, ward_code: str = "", ward_name: str = ""):
    ProgrammeRole.objects.create(user=user, role=role, ward_code=ward_code, ward_name=ward_name)
    return user


def make_cycle(office, *, year: int | None = None, target: int = 80):
    today = timezone.localdate()
    year = year or today.year
    return registration.cycle_create(user=office, year=year, name=f"Chu trình OCOP {year}",
                                     opens_on=today - dt.timedelta(days=30), closes_on=today + dt.timedelta(days=60),
                                     ends_on=today + dt.timedelta(days=120), target_certified=target)


def upload_all_documents(owner, dossier, kinds=None):
    for kind in kinds or registration.REQUIRED_DOCUMENTS[dossier.kind]:
        upload = png_upload() if kind == DocumentKind.PHOTO else pdf_upload(data=PDF_BYTES)
        registration.document_add(user=owner, dossier=dossier, kind=kind, upload=upload)


def forwarded_dossier(*, owner, officer, producer, product, group, cycle):
    d = registration.dossier_register(user=owner, producer=producer, product=product, group=group, cycle=cycle)
    upload_all_documents(owner, d)
    registration.dossier_submit(user=owner, dossier=d)
    return registration.dossier_forward(user=officer, dossier_id=d.pk)


def score_all(member, dossier, points_by_code: dict[str, int] | None = None, *, default: str = "max"):
    """Score every criterion: the given points, else the maximum (default='max') or a fraction."""
    scores = {}
    for c in dossier.criteria_set.criteria.all():
        pts = (points_by_code or {}).get(c.code)
        if pts is None:
            pts = c.max_points if default == "max" else int(c.max_points * float(default))
        scores[c.code] = (pts, f"Nhận xét {c.code}")
    return scoring.scores_save(user=member, dossier_id=dossier.pk, scores=scores, submit=True)
