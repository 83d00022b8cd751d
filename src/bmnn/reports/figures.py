"""The figures of an annual report, computed from the data (R41 sections, R42 statistics, P5 roll-up).

Own figures count what a unit (with the divisions that use its registers) did inside the window.
Sections owned by the programme and safeguards apps are read through their selectors.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, Sum

from bmnn.core.levels import Level
from bmnn.lifecycle.models import CopyJob, DestructionEntry, EmergencyDestruction, LevelChange, Provision
from bmnn.org.models import Organisation
from bmnn.registry.choices import Direction, IncidentKind
from bmnn.registry.models import Incident
from bmnn.registry.selectors import registered

from .tree import own_unit_ids

LEVELS = [lv.value for lv in Level]
# R42: the statistics form counts items by level; row keys, in print order.
REGISTRY_ROWS = [
    ("registered_outgoing", "BMNN phát hành (đăng ký đi)"),
    ("registered_incoming", "BMNN nhận (đăng ký đến)"),
    ("copied", "Bản sao, chụp đã thực hiện"),
    ("provided", "Lượt cung cấp, chuyển giao"),
    ("declassified", "BMNN được giải mật"),
    ("destroyed", "BMNN đã tiêu hủy"),
]
SECTION_ROWS = {
    "incidents": [
        ("total", "Tổng số vụ lộ, mất BMNN"),
        ("disclosure", "Vụ lộ BMNN"),
        ("loss", "Vụ mất BMNN"),
        ("remedied", "Đã khắc phục xong"),
    ],
    "inspections": [
        ("inspections", "Cuộc tự kiểm tra, kiểm tra"),
        ("findings", "Tồn tại, thiếu sót phát hiện"),
        ("findings_closed", "Tồn tại đã khắc phục xong"),
    ],
    "training": [
        ("sessions", "Lớp tập huấn, phổ biến"),
        ("attendees", "Lượt cán bộ tham dự"),
        ("without_commitment", "Cán bộ làm công tác BMNN chưa ký cam kết (lúc lập)"),
    ],
    "devices": [
        ("inspected", "Thiết bị được kiểm tra an ninh trong kỳ"),
        ("not_inspected", "Thiết bị đang dùng chưa qua kiểm tra (lúc lập)"),
    ],
    "tasks": [
        ("total", "Nhiệm vụ đến hạn trong kỳ"),
        ("done", "Đã hoàn thành"),
        ("done_on_time", "Hoàn thành đúng hạn"),
        ("overdue", "Quá hạn chưa hoàn thành"),
    ],
}
SECTION_TITLES = {
    "incidents": "Lộ, mất BMNN",
    "inspections": "Tự kiểm tra và tồn tại phát hiện",
    "training": "Cán bộ, tập huấn, cam kết",
    "devices": "Thiết bị",
    "tasks": "Thực hiện kế hoạch",
}


def _span(start: dt.date, end: dt.date, field: str) -> Q:
    return Q(**{f"{field}__date__gte": start, f"{field}__date__lte": end})


def _by_level(rows: Any, key: str = "level", total: str = "n") -> dict[str, int]:
    counts = dict.fromkeys(LEVELS, 0)
    for row in rows:
        counts[row[key]] = counts.get(row[key], 0) + int(row[total] or 0)
    return counts


def registry_figures(unit_ids: list[int], start: dt.date, end: dt.date) -> dict[str, dict[str, int]]:
    """R42: items registered, copied, provided, declassified and destroyed in the window, by level."""
    # R42: counted as the statistics register counts them (one selector: bmnn.registry.selectors.registered).
    return {
        "registered_outgoing": _by_level(
            registered(Direction.OUTGOING, start, end)
            .filter(agency_id__in=unit_ids)
            .values("level")
            .annotate(n=Count("pk"))
        ),
        "registered_incoming": _by_level(
            registered(Direction.INCOMING, start, end)
            .filter(agency_id__in=unit_ids)
            .values("level")
            .annotate(n=Count("pk"))
        ),
        "copied": _by_level(
            CopyJob.objects.filter(_span(start, end, "made_at"), agency_id__in=unit_ids)
            .values("original__level")
            .annotate(n=Sum("made_count")),
            key="original__level",
        ),
        "provided": _by_level(
            Provision.objects.filter(_span(start, end, "provided_at"), carrier__agency_id__in=unit_ids)
            .values("carrier__level")
            .annotate(n=Count("pk")),
            key="carrier__level",
        ),
        "declassified": _by_level(
            LevelChange.objects.filter(
                _span(start, end, "decided_at"),
                carrier__agency_id__in=unit_ids,
                kind__in=[
                    LevelChange.Kind.AUTO_EXPIRY,
                    LevelChange.Kind.AUTO_DELISTED,
                    LevelChange.Kind.COUNCIL,
                    LevelChange.Kind.USE_ENDED,
                ],
            )
            .values("old_level")
            .annotate(n=Count("pk")),
            key="old_level",
        ),
        "destroyed": _sum_levels(
            _by_level(
                DestructionEntry.objects.filter(_span(start, end, "destroyed_at"), carrier__agency_id__in=unit_ids)
                .values("carrier__level")
                .annotate(n=Count("pk")),
                key="carrier__level",
            ),
            _by_level(
                EmergencyDestruction.objects.filter(_span(start, end, "destroyed_at"), carrier__agency_id__in=unit_ids)
                .values("carrier__level")
                .annotate(n=Count("pk")),
                key="carrier__level",
            ),
        ),
    }


def _sum_levels(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    return {k: a.get(k, 0) + b.get(k, 0) for k in set(a) | set(b)}


def incident_figures(unit_ids: list[int], start: dt.date, end: dt.date) -> dict[str, int]:
    """R40: cases of disclosure and loss found in the window (section c), from the registry's incidents."""
    incidents = Incident.objects.filter(
        _span(start, end, "found_at"),
        carrier__agency_id__in=unit_ids,
        kind__in=[IncidentKind.DISCLOSURE, IncidentKind.LOSS],
    )
    return {
        "total": incidents.count(),
        "disclosure": incidents.filter(kind=IncidentKind.DISCLOSURE).count(),
        "loss": incidents.filter(kind=IncidentKind.LOSS).count(),
        "remedied": incidents.filter(closed=True).count(),
    }


def own_figures(unit: Organisation, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Everything the unit's own report counts, before its subordinates are added (R41, R42)."""
    from . import sources

    ids = own_unit_ids(unit)
    figures: dict[str, Any] = {
        "registry": registry_figures(ids, start, end),
        "incidents": incident_figures(ids, start, end),
    }
    figures.update(sources.programme_figures(ids, start, end))
    figures.update(sources.safeguards_figures(ids, start, end))
    if "incidents_override" in figures:
        figures["incidents"] = figures.pop("incidents_override")
    for section, rows in SECTION_ROWS.items():
        present = figures.setdefault(section, {})
        for key, _label in rows:
            present.setdefault(key, 0)
    return figures


def add(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Sum two figure trees leaf by leaf (P5 aggregation)."""
    out: dict[str, Any] = {}
    for key in set(a) | set(b):
        x, y = a.get(key), b.get(key)
        if isinstance(x, dict) or isinstance(y, dict):
            out[key] = add(x or {}, y or {})
        else:
            out[key] = int(x or 0) + int(y or 0)
    return out


def registry_table(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """R42 rows for screens and print: label, counts per level, row total."""
    registry = figures.get("registry", {})
    rows = []
    for key, label in REGISTRY_ROWS:
        counts = registry.get(key, {})
        values = [int(counts.get(lv, 0)) for lv in LEVELS]
        rows.append({"key": key, "label": label, "values": values, "total": sum(values)})
    return rows


def section_tables(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """The other sections' rows for screens and print."""
    return [
        {
            "key": section,
            "title": SECTION_TITLES[section],
            "rows": [(label, int(figures.get(section, {}).get(key, 0))) for key, label in rows],
        }
        for section, rows in SECTION_ROWS.items()
    ]
