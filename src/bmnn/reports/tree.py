"""Who reports to whom (P5, R41): reporting units are agencies; a provincial department reports to the
configured recipient (the provincial police by default), any other unit to its nearest superior agency."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from bmnn.core.errors import DomainError
from bmnn.core.roles import OrgKind
from bmnn.org.models import Organisation

from .models import ReportSchedule


def schedule_on(day: dt.date) -> ReportSchedule:
    """Return the schedule in force on ``day`` (R41: dated data, never a constant)."""
    row = ReportSchedule.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
    if row is None:
        raise DomainError(
            _("The periodic report schedule (data window, deadline) has not been configured."), rule="R41"
        )
    return row


def window(year: int) -> tuple[dt.date, dt.date, dt.date]:
    """Return (first day, last day, due date) of the annual report for ``year`` (R41)."""
    rule = schedule_on(dt.date(year, 12, 31))
    start = dt.date(year - 1, rule.window_start_month, rule.window_start_day)
    if (rule.window_start_month, rule.window_start_day) <= (rule.window_end_month, rule.window_end_day):
        start = dt.date(year, rule.window_start_month, rule.window_start_day)  # a window inside one year
    end = dt.date(year, rule.window_end_month, rule.window_end_day)
    return start, end, dt.date(year, rule.due_month, rule.due_day)


def reporting_unit(org: Organisation) -> Organisation:
    """The agency that reports for ``org``: divisions report through their agency."""
    return org.registering_agency()


def recipient_of(unit: Organisation, year: int) -> Organisation | None:
    """Return the unit that receives ``unit``'s annual report (R41, P5), or None at the top."""
    superior = unit.parent.registering_agency() if unit.parent is not None else None
    if superior is None:
        return None
    if superior.kind == OrgKind.PROVINCE:
        # R41 (LAW-ADDENDUM): departments of a province report to the configured recipient, by default
        # the provincial police; the recipient itself reports outside the system (to the Ministry).
        kind = schedule_on(dt.date(year, 12, 31)).recipient_kind
        channel = Organisation.objects.filter(parent=superior, kind=kind).exclude(pk=unit.pk).first()
        if unit.kind == kind:
            return None
        if channel is not None:
            return channel
    return superior


def subordinates_of(unit: Organisation, year: int) -> list[Organisation]:
    """The reporting units whose annual report ``unit`` receives (P5).

    A report climbs to a superior or, under a province, crosses to the configured recipient: so only the
    units under ``unit``'s parent can report to it, and their parents are loaded with them.
    """
    around = (unit.parent or unit).subtree_ids()
    candidates = (
        Organisation.objects.filter(keeps_register=True, pk__in=around)
        .exclude(pk=unit.pk)
        .select_related("parent__parent__parent")
    )
    return [org for org in candidates if _reports_to(org, unit, year)]


def _reports_to(org: Organisation, unit: Organisation, year: int) -> bool:
    recipient = recipient_of(org, year)
    return recipient is not None and recipient.pk == unit.pk


def own_unit_ids(unit: Organisation) -> list[int]:
    """The unit and its descendants that use its registers (divisions), not subordinate agencies."""
    ids, frontier = [unit.pk], [unit.pk]
    while frontier:
        frontier = list(
            Organisation.objects.filter(parent_id__in=frontier, keeps_register=False).values_list("pk", flat=True)
        )
        ids.extend(frontier)
    return ids
