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
    return Reporting(year).recipient(unit)


class Reporting:
    """Who reports to whom in one year (R41, P5), for many units at once: the schedule's recipient kind and
    each province's channel are read once, not once per unit (issue 17: the head's dashboard)."""

    def __init__(self, year: int) -> None:
        self.year = year
        self._kind: str | None = None
        self._channels: dict[int, list[Organisation]] = {}

    def kind(self) -> str:
        if self._kind is None:
            self._kind = schedule_on(dt.date(self.year, 12, 31)).recipient_kind
        return self._kind

    def channel(self, superior: Organisation, unit: Organisation) -> Organisation | None:
        """The first unit of the recipient kind under ``superior`` other than ``unit``."""
        if superior.pk not in self._channels:
            # Two are enough: ``unit`` itself may be the first one.
            self._channels[superior.pk] = list(Organisation.objects.filter(parent=superior, kind=self.kind())[:2])
        return next((o for o in self._channels[superior.pk] if o.pk != unit.pk), None)

    def recipient(self, unit: Organisation) -> Organisation | None:
        superior = unit.parent.registering_agency() if unit.parent is not None else None
        if superior is None:
            return None
        if superior.kind == OrgKind.PROVINCE:
            # R41 (LAW-ADDENDUM): departments of a province report to the configured recipient, by default
            # the provincial police; the recipient itself reports outside the system (to the Ministry).
            if unit.kind == self.kind():
                return None
            channel = self.channel(superior, unit)
            if channel is not None:
                return channel
        return superior


def subordinates_of(unit: Organisation, year: int) -> list[Organisation]:
    """The reporting units whose annual report ``unit`` receives (P5).

    A report climbs to the nearest superior that keeps a register (or to the parent when none does) or,
    under a province, crosses to the configured recipient. So only two groups can report to ``unit``: the
    register-keeping units reached from ``unit`` through units that keep none, and, when ``unit`` sits
    under a province (it may be the recipient), those reached so from the province. Only they are loaded,
    with their parents, and each is then checked against the chain.
    """
    reporting = Reporting(year)
    roots = [unit]
    if unit.parent is not None and unit.parent.kind == OrgKind.PROVINCE:
        roots.append(unit.parent)
    candidates: dict[int, Organisation] = {}
    for root in roots:
        for org in _register_keepers_under(root):
            candidates.setdefault(org.pk, org)
    ordered = sorted(candidates.values(), key=lambda org: (org.name, org.pk))  # the model's order (name)
    return [org for org in ordered if org.pk != unit.pk and _reports_to(reporting, org, unit)]


def _register_keepers_under(root: Organisation) -> list[Organisation]:
    """The units under ``root`` that keep a register with none between them and ``root``."""
    found: list[Organisation] = []
    frontier = [root.pk]
    while frontier:
        children = list(Organisation.objects.filter(parent_id__in=frontier).select_related("parent__parent__parent"))
        found.extend(org for org in children if org.keeps_register)
        frontier = [org.pk for org in children if not org.keeps_register]
    return found


def _reports_to(reporting: Reporting, org: Organisation, unit: Organisation) -> bool:
    recipient = reporting.recipient(org)
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
