"""Reads of periodic reports for a person (R41, P5): their unit's reports, and those received."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q

from bmnn.core import clock
from bmnn.core.errors import NotFound
from bmnn.org.models import Organisation, Person

from .models import ImportedReport, PeriodicReport, ReportStatus, SummaryReport, TrustedKey
from .policies import agency_of, may_read, works_on_reports
from .tree import Reporting, recipient_of, subordinates_of, window


def reports_visible_to(person: Person) -> list[PeriodicReport]:
    """The person's unit's reports and the submitted reports that reach it up the chain (P5, S2).

    Only the agency's own reports and submitted reports of units under the agency's parent can reach it
    (a reporting chain climbs to superiors and, under a province, crosses to the configured recipient),
    so the others are never loaded; each unit's next step up the chain is worked out once per year.
    """
    agency = agency_of(person)
    if agency is None or not works_on_reports(person, agency):
        return []
    around = (agency.parent or agency).subtree_ids()
    rows = PeriodicReport.objects.filter(
        Q(organisation=agency) | Q(status=ReportStatus.SUBMITTED, organisation_id__in=around)
    ).select_related("organisation__parent__parent__parent", "recipient", "submitted_by")
    known: dict[tuple[int, int], Organisation | None] = {}
    chains: dict[int, Reporting] = {}

    def recipient(unit: Organisation, year: int) -> Organisation | None:
        if (unit.pk, year) not in known:
            known[(unit.pk, year)] = chains.setdefault(year, Reporting(year)).recipient(unit)
        return known[(unit.pk, year)]

    return [r for r in rows if may_read(person, r, recipient)]


def report_get_for_user(person: Person, pk: int) -> PeriodicReport:
    """One report, or NotFound alike for a missing and a forbidden one (S2)."""
    report = PeriodicReport.objects.select_related("organisation", "recipient").filter(pk=pk).first()
    if report is None or not may_read(person, report):
        raise NotFound()
    return report


def imported_get_for_user(person: Person, pk: int) -> ImportedReport:
    imported = ImportedReport.objects.select_related("organisation", "recipient").filter(pk=pk).first()
    agency = agency_of(person)
    if imported is None or agency is None or imported.recipient_id != agency.pk or not works_on_reports(person, agency):
        raise NotFound()
    return imported


def imported_for(person: Person) -> list[ImportedReport]:
    agency = agency_of(person)
    if agency is None or not works_on_reports(person, agency):
        return []
    return list(ImportedReport.objects.filter(recipient=agency).select_related("organisation"))


def subordinate_status(unit: Organisation, year: int) -> list[dict[str, Any]]:
    """P5, R41: each subordinate's report for the year: submitted here, imported, or missing/overdue."""
    _start, _end, due = window(year)
    today = clock.today()
    rows, orgs = [], subordinates_of(unit, year)
    imports = {i.organisation_id: i for i in ImportedReport.objects.filter(organisation__in=orgs, year=year)}
    locals_ = {r.organisation_id: r for r in PeriodicReport.objects.filter(organisation__in=orgs, year=year)}
    for org in orgs:
        imported, local = imports.get(org.pk), locals_.get(org.pk)
        submitted = local if local is not None and local.is_submitted else None
        received = imported is not None or submitted is not None
        rows.append(
            {
                "unit": org,
                "imported": imported,
                "report": submitted,
                "draft": local if not submitted else None,
                "received": received,
                "due": due,
                "overdue": not received and today > due,
            }
        )
    return rows


def overdue_reports_for(person: Person, year: int | None = None) -> list[dict[str, Any]]:
    """R41: subordinates that have not submitted by the due date, flagged to the superior."""
    agency = agency_of(person)
    if agency is None or not works_on_reports(person, agency):
        return []
    year = year or current_year()
    return [row for row in subordinate_status(agency, year) if row["overdue"]]


def current_year(today: dt.date | None = None) -> int:
    """The report year a day belongs to: the year whose report is due at its end (R41)."""
    return (today or clock.today()).year


def own_report_due(person: Person) -> dict[str, Any] | None:
    """The person's unit's report for the current year, if they work on it: its state and due date."""
    agency = agency_of(person)
    if agency is None or not works_on_reports(person, agency):
        return None
    year = current_year()
    _start, _end, due = window(year)
    report = PeriodicReport.objects.filter(organisation=agency, year=year).first()
    submitted = report is not None and report.status == ReportStatus.SUBMITTED
    return {
        "year": year,
        "due": due,
        "report": report,
        "submitted": submitted,
        "overdue": not submitted and clock.today() > due,
        "recipient": recipient_of(agency, year),
    }


def trusted_keys() -> list[TrustedKey]:
    return list(TrustedKey.objects.select_related("organisation", "registered_by"))


def trusted_key_get_for_user(person: Person, pk: int) -> TrustedKey:
    """A registered key, for the administrators who manage them; anyone else finds nothing."""
    key = TrustedKey.objects.filter(pk=pk).select_related("organisation").first()
    if key is None or not (person.is_staff or person.is_superuser):
        raise NotFound()
    return key


def summaries_visible_to(person: Person) -> list[SummaryReport]:
    """The five-year summaries of the person's unit, and submitted ones addressed to it (R41, S2)."""
    agency = agency_of(person)
    if agency is None or not works_on_reports(person, agency):
        return []
    return list(
        SummaryReport.objects.filter(Q(organisation=agency) | Q(status=ReportStatus.SUBMITTED, recipient=agency))
        .select_related("organisation", "recipient", "submitted_by")
        .order_by("-last_year", "pk")
    )


def summary_get_for_user(person: Person, pk: int) -> SummaryReport:
    """One summary, or NotFound alike for a missing and a forbidden one (S2)."""
    found = next((r for r in summaries_visible_to(person) if r.pk == pk), None)
    if found is None:
        raise NotFound()
    return found
