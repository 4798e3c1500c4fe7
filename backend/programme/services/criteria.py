"""Criteria sets as data: the office's file (YAML or JSON) is validated as a whole and loaded as a new
version; an existing version is never rewritten (scores already given keep pointing at their criteria).

File shape::

    code: thuc-pham-che-bien          # one set per product group / sub-group
    version: "2023.1"
    name: Bộ tiêu chí nhóm thực phẩm chế biến
    group_code: "1"                   # catalog Category.ocop_group_code (group or sub-group)
    rule: average                     # the council's score: average of the members
    required_cap_stars: 2             # the most a product gets when it fails a required criterion
    source: Quyết định 148/QĐ-TTg, Phụ lục III
    is_demo: true                     # demo values, not the official text
    criteria:
      - {part: A, code: A1, text: "…", max_points: 5, required: true, min_points: 2}

Parts A, B and C must add up to exactly 40, 25 and 35 points (100 in all)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils.translation import gettext as _

from catalog.models import Category
from core.errors import FieldError, ValidationFailed

from ..models import PART_MAXIMA, CriteriaSet, Criterion, ScoringRule


def parse_criteria_file(text: str, *, filename: str = "") -> Any:
    try:
        if filename.endswith(".json"):
            return json.loads(text)
        return yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as exc:
        raise ValidationFailed([FieldError("file", "INVALID", _("Không đọc được tệp tiêu chí: %(e)s") % {"e": exc})]) \
            from None


def _int(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def criteria_errors(data: Any) -> list[FieldError]:
    """Every problem of a criteria file (empty when it can be loaded)."""
    if not isinstance(data, dict):
        return [FieldError("file", "INVALID", _("Tệp tiêu chí phải là một bộ tiêu chí (khoá: code, version, criteria…)."))]
    errors: list[FieldError] = []
    for key in ("code", "version", "name", "group_code"):
        if not str(data.get(key) or "").strip():
            errors.append(FieldError(key, "REQUIRED", _("Thiếu trường “%(k)s”.") % {"k": key}))
    if data.get("rule", ScoringRule.AVERAGE) not in ScoringRule.values:
        errors.append(FieldError("rule", "INVALID", _("Cách tính điểm “%(r)s” không được hỗ trợ (dùng: average).")
                                 % {"r": data.get("rule")}))
    cap = data.get("required_cap_stars", 2)
    if _int(cap) is None or not 1 <= cap <= 4:
        errors.append(FieldError("required_cap_stars", "INVALID", _("required_cap_stars phải từ 1 đến 4.")))
    items = data.get("criteria")
    if not isinstance(items, list) or not items:
        errors.append(FieldError("criteria", "REQUIRED", _("Bộ tiêu chí chưa có tiêu chí nào.")))
        return errors
    totals = dict.fromkeys(PART_MAXIMA, 0)
    seen: set[str] = set()
    for n, item in enumerate(items, start=1):
        where = _("Tiêu chí thứ %(n)s") % {"n": n}
        if not isinstance(item, dict):
            errors.append(FieldError("criteria", "INVALID", _("%(w)s: không hợp lệ.") % {"w": where}))
            continue
        code = str(item.get("code") or "").strip()
        if not code:
            errors.append(FieldError("criteria", "REQUIRED", _("%(w)s: thiếu mã.") % {"w": where}))
        elif code in seen:
            errors.append(FieldError("criteria", "UNIQUE", _("%(w)s: mã %(c)s bị trùng.") % {"w": where, "c": code}))
        seen.add(code)
        if item.get("part") not in PART_MAXIMA:
            errors.append(FieldError("criteria", "INVALID", _("%(w)s: phần phải là A, B hoặc C.") % {"w": where}))
        if not str(item.get("text") or "").strip():
            errors.append(FieldError("criteria", "REQUIRED", _("%(w)s: thiếu nội dung.") % {"w": where}))
        points = _int(item.get("max_points"))
        if points is None or points <= 0:
            errors.append(FieldError("criteria", "INVALID", _("%(w)s: điểm tối đa phải là số nguyên dương.") % {"w": where}))
            continue
        minimum = item.get("min_points", 1 if item.get("required") else 0)
        if _int(minimum) is None or not 0 <= minimum <= points:
            errors.append(FieldError("criteria", "INVALID", _("%(w)s: điểm tối thiểu phải từ 0 đến %(m)s.")
                                     % {"w": where, "m": points}))
        if item.get("part") in totals:
            totals[item["part"]] += points
    for part, maximum in PART_MAXIMA.items():
        if totals[part] != maximum:
            errors.append(FieldError("criteria", "INVALID", _("Phần %(p)s cộng được %(t)s điểm, phải đúng %(m)s điểm.")
                                     % {"p": part, "t": totals[part], "m": maximum}))
    if not errors and CriteriaSet.objects.filter(code=str(data["code"]).strip(),
                                                 version=str(data["version"]).strip()).exists():
        errors.append(FieldError("version", "ALREADY_EXISTS", _("Bộ tiêu chí %(c)s phiên bản %(v)s đã có; hãy tăng phiên bản.")
                                 % {"c": data["code"], "v": data["version"]}))
    return errors


@transaction.atomic
def criteria_set_load(data: Any) -> CriteriaSet:
    """Validate and load one criteria set; the new version becomes the active one of its code."""
    errors = criteria_errors(data)
    if errors:
        raise ValidationFailed(errors)
    code, group_code = str(data["code"]).strip(), str(data["group_code"]).strip()
    group = Category.objects.filter(slug=data.get("group_slug") or code).first() or \
        Category.objects.filter(ocop_group_code=group_code).order_by("level", "pk").first()
    CriteriaSet.objects.filter(code=code).update(is_active=False)
    cset = CriteriaSet.objects.create(
        code=code, version=str(data["version"]).strip(), name=str(data["name"]).strip(), group=group,
        group_code=group_code, rule=data.get("rule", ScoringRule.AVERAGE),
        required_cap_stars=data.get("required_cap_stars", 2), source=str(data.get("source") or "")[:255],
        is_demo=bool(data.get("is_demo", False)), is_active=True)
    Criterion.objects.bulk_create([
        Criterion(criteria_set=cset, part=item["part"], code=str(item["code"]).strip(), text=str(item["text"]).strip(),
                  max_points=item["max_points"], required=bool(item.get("required", False)),
                  min_points=item.get("min_points", 1 if item.get("required") else 0), position=n)
        for n, item in enumerate(data["criteria"])])
    return cset


def criteria_file_load(path: Path | str) -> CriteriaSet:
    path = Path(path)
    return criteria_set_load(parse_criteria_file(path.read_text(encoding="utf-8"), filename=path.name))


def criteria_set_for(group: Category) -> CriteriaSet | None:
    """The active set of the dossier's sub-group, else of its group (by slug or OCOP group code)."""
    for category in (group, group.parent if group.parent_id else None):
        if category is None:
            continue
        found = (CriteriaSet.objects.filter(is_active=True, group=category).order_by("-created_at").first()
                 or (CriteriaSet.objects.filter(is_active=True, group_code=category.ocop_group_code)
                     .order_by("-created_at").first() if category.ocop_group_code else None))
        if found:
            return found
    return None
