"""The five-year summary report (R41): built from the data with the annual report's roll-up, one year at a time.

Each year of the period counts with the figures of the unit's submitted annual report for that year (what was
formally sent), or, when there is none, with the same roll-up computed now (services.aggregate). The number of
years is dated data (ReportSchedule.summary_years). One transaction and one audit event per operation.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.org.models import Organisation, Person

from . import figures as fig
from .models import PeriodicReport, ReportStatus, SummaryReport
from .policies import may_sign, works_on_reports
from .services import aggregate, write_texts
from .tree import recipient_of, schedule_on, window

SUMMARY_TEXTS = ("assessment", "proposals")


def summary_period(last_year: int) -> tuple[int, int]:
    """The first and last year of the summary period ending with ``last_year`` (R41, dated data)."""
    years = schedule_on(window(last_year)[1]).summary_years
    return last_year - years + 1, last_year


def summary_figures(unit: Organisation, first_year: int, last_year: int) -> dict[str, Any]:
    """Each year's roll-up and their sum (R41, R42, P5)."""
    years: list[dict[str, Any]] = []
    total: dict[str, Any] = {}
    for year in range(first_year, last_year + 1):
        sent = PeriodicReport.objects.filter(organisation=unit, year=year, status=ReportStatus.SUBMITTED).first()
        figures = sent.figures if sent is not None else aggregate(unit, year)
        years.append(
            {
                "year": year,
                "source": "submitted" if sent is not None else "data",
                "total": figures.get("total", {}),
                "missing": [m["unit"] for m in figures.get("missing", [])],
            }
        )
        total = fig.add(total, figures.get("total", {}))
    return {"years": years, "total": total}


def summary_build_check(actor: Person, unit: Organisation | None, report: SummaryReport | None = None) -> None:
    """The unit's leaders, clerk and designated staff build its summary, and refresh it until submitted (R41)."""
    if unit is None or not works_on_reports(actor, unit):
        raise PermissionDenied(
            _("Only the unit's leaders, clerks or assigned staff may draw up the unit's summary report."),
            rule="R41",
        )
    if report is not None and report.is_submitted:
        raise DomainError(
            _("The summary report has been sent; its figures are frozen and cannot be recomputed."), rule="R41"
        )


def summary_build(*, actor: Person, unit: Organisation, last_year: int) -> SummaryReport:
    """Open the unit's draft summary for the period ending ``last_year``, or refresh its figures (R41)."""
    with transaction.atomic():
        if last_year > clock.this_year():
            raise DomainError(_("The summary report period has not ended yet."), rule="R41", field="last_year")
        first_year, last_year = summary_period(last_year)
        start, (_s, end, due) = window(first_year)[0], window(last_year)
        report = SummaryReport.objects.select_for_update().filter(organisation=unit, last_year=last_year).first()
        summary_build_check(actor, unit, report)
        figures, now = summary_figures(unit, first_year, last_year), clock.now()
        if report is None:
            report = SummaryReport.objects.create(
                organisation=unit,
                first_year=first_year,
                last_year=last_year,
                window_start=start,
                window_end=end,
                due=due,
                recipient=recipient_of(unit, last_year),
                figures=figures,
                figures_at=now,
                created_by=actor,
                created_at=now,
            )
            action = "reports.summary.built"
        else:
            report.figures, report.figures_at = figures, now
            report.save(update_fields=["figures", "figures_at"])
            action = "reports.summary.refreshed"
        record(
            actor,
            action,
            report,
            basis="R41",
            data={
                "years": [first_year, last_year],
                "window": [start.isoformat(), end.isoformat()],
                "sources": {y["year"]: y["source"] for y in figures["years"]},
            },
        )
    return report


def summary_edit_check(actor: Person, report: SummaryReport) -> None:
    """Only the reporting unit edits, and only before it is submitted (R41)."""
    if not works_on_reports(actor, report.organisation):
        raise PermissionDenied(_("Only the unit that drew up the report may edit its content."), rule="R41")
    if report.is_submitted:
        raise DomainError(
            _("The report has been sent to the superior agency and is locked; it cannot be edited."), rule="R41"
        )


def summary_edit(*, actor: Person, report: SummaryReport, **texts: str) -> SummaryReport:
    """Write the assessment of the period and the proposals for the next (R41)."""
    with transaction.atomic():
        report = SummaryReport.objects.select_for_update().get(pk=report.pk)
        summary_edit_check(actor, report)
        changed = write_texts(report, {k: v for k, v in texts.items() if k in SUMMARY_TEXTS})
        record(actor, "reports.summary.edited", report, basis="R41", data={"fields": changed})
    return report


def summary_submit_check(actor: Person, report: SummaryReport) -> None:
    """The head or a deputy of the unit signs and sends it, once (R41)."""
    if not may_sign(actor, report.organisation):
        raise PermissionDenied(
            _("Only the head or a deputy head of the unit may sign and send the report."), rule="R41"
        )
    if report.is_submitted:
        raise DomainError(_("This summary report has already been sent and cannot be sent again."), rule="R41")


def summary_submit(*, actor: Person, report: SummaryReport) -> SummaryReport:
    """Sign and send the summary: texts lock, figures freeze as they are now (R41)."""
    with transaction.atomic():
        report = SummaryReport.objects.select_for_update().get(pk=report.pk)
        summary_submit_check(actor, report)
        if not report.assessment.strip():
            raise DomainError(_("The summary report is missing its assessment."), rule="R41")
        now = clock.now()
        report.figures, report.figures_at = (
            summary_figures(report.organisation, report.first_year, report.last_year),
            now,
        )
        report.status, report.submitted_by, report.submitted_at = ReportStatus.SUBMITTED, actor, now
        report.save()
        record(
            actor,
            "reports.summary.submitted",
            report,
            basis="R41",
            data={
                "years": [report.first_year, report.last_year],
                "recipient": str(report.recipient or ""),
                "late": clock.today() > report.due,
                "total": report.figures["total"],
            },
        )
    return report
