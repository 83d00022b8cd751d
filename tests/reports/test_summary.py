"""The five-year summary report (R41): the annual roll-up year by year, submitted annual figures as sent, the
period's length as dated data, printed, signed by the head only, locked once sent."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse

from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level
from bmnn.reports.models import ReportSchedule, SummaryReport
from bmnn.reports.printing import summary_file
from bmnn.reports.summary import summary_build, summary_edit, summary_submit
from tests.helpers import at

from .conftest import receive, submitted


def incoming_total(figures: dict) -> int:
    return sum(figures["registry"]["registered_incoming"].values())


def test_the_summary_rolls_up_each_year_and_prefers_the_submitted_annual_figures_R41(tree):
    """R41: five years ending 2026; 2025 counts from the data, 2026 from the annual report as sent (a record
    received after it was sent is not in the period's total), the total is the sum of the years."""
    c = tree.cast
    receive(c.clerk, Level.MAT, "1/BGDĐT", at(2025, 3, 3))
    receive(c.clerk, Level.TOI_MAT, "2/BGDĐT", at(2026, 3, 3))
    submitted(c.department, c.director, 2026)
    receive(c.clerk, Level.MAT, "3/BGDĐT", at(2026, 12, 10))  # inside the 2026 window, after the report was sent
    with clock.frozen_at(at(2026, 12, 20)):
        report = summary_build(actor=c.clerk, unit=c.department, last_year=2026)
    assert (report.first_year, report.last_year) == (2022, 2026)
    years = {y["year"]: y for y in report.figures["years"]}
    assert sorted(years) == [2022, 2023, 2024, 2025, 2026]
    assert years[2026]["source"] == "submitted" and years[2025]["source"] == "data"
    assert incoming_total(years[2025]["total"]) == 1 and incoming_total(years[2026]["total"]) == 1
    assert incoming_total(report.figures["total"]) == 2
    event = AuditEvent.objects.get(action="reports.summary.built")
    assert event.basis == "R41" and event.actor_id == c.clerk.pk


def test_the_period_length_is_data_an_administrator_replaces_R41(tree):
    """R41: a schedule in force with three-year summaries makes a three-year period; no constant."""
    rule = ReportSchedule.objects.order_by("-effective_from").first()
    ReportSchedule.objects.create(
        **{
            f.name: getattr(rule, f.name)
            for f in rule._meta.fields
            if f.name not in ("id", "effective_from", "summary_years")
        },
        effective_from=rule.effective_from.replace(year=2026),
        summary_years=3,
    )
    with clock.frozen_at(at(2026, 12, 20)):
        report = summary_build(actor=tree.cast.clerk, unit=tree.cast.department, last_year=2026)
    assert (report.first_year, report.last_year) == (2024, 2026)


def test_only_the_unit_builds_and_only_its_head_submits_then_it_locks_R41(tree):
    """R41: another unit cannot build or read; staff cannot sign; the assessment is required; once sent, texts
    and figures lock; a period not yet over is refused."""
    c = tree.cast
    with clock.frozen_at(at(2026, 12, 20)):
        with pytest.raises(DomainError) as future:
            summary_build(actor=c.clerk, unit=c.department, last_year=2027)
        assert future.value.rule == "R41"
        with pytest.raises(PermissionDenied):
            summary_build(actor=tree.principal, unit=c.department, last_year=2026)
        report = summary_build(actor=c.clerk, unit=c.department, last_year=2026)
        with pytest.raises(PermissionDenied):
            summary_submit(actor=c.clerk, report=report)
        with pytest.raises(DomainError) as empty:
            summary_submit(actor=c.director, report=report)
        assert empty.value.rule == "R41"
        summary_edit(
            actor=c.clerk,
            report=report,
            assessment="Năm năm thực hiện nghiêm túc.",
            proposals="Tiếp tục số hóa sổ sách.",
        )
        sent = summary_submit(actor=c.director, report=report)
    assert sent.submitted_by == c.director and sent.recipient == tree.police
    with pytest.raises(DomainError):
        summary_edit(actor=c.clerk, report=sent, assessment="Sửa sau khi gửi")
    with pytest.raises(DomainError):
        summary_build(actor=c.clerk, unit=c.department, last_year=2026)
    assert SummaryReport.objects.get(pk=sent.pk).assessment == "Năm năm thực hiện nghiêm túc."
    assert AuditEvent.objects.filter(action="reports.summary.submitted", actor_id=c.director.pk).count() == 1


def test_the_summary_prints_and_shows_on_its_page_R41(tree, client):
    """R41: the printed summary (PDF, DOCX) carries each year; the page lists the years; another unit gets 404."""
    c = tree.cast
    receive(c.clerk, Level.MAT, "1/BGDĐT", at(2025, 3, 3))
    with clock.frozen_at(at(2026, 12, 20)):
        report = summary_build(actor=c.clerk, unit=c.department, last_year=2026)
    pdf, name, mime = summary_file(report, "pdf")
    assert pdf.startswith(b"%PDF") and name.endswith(".pdf") and mime == "application/pdf"
    docx, _name, _mime = summary_file(report, "docx")
    text = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
    assert "giai đoạn 2022–2026" in text and "2025" in text
    client.force_login(c.clerk)
    page = client.get(reverse("reports:summary", args=[report.pk])).content.decode()
    assert "2022" in page and "Tính từ dữ liệu" in page and reverse("ops:summary-print", args=[report.pk]) in page
    assert reverse("reports:summary", args=[report.pk]) in client.get(reverse("reports:list")).content.decode()
    client.force_login(tree.principal)
    assert client.get(reverse("reports:summary", args=[report.pk])).status_code == 404
