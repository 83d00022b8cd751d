"""Annual reports: figures from the data (R42), the four sections (R41), submission up the tree (P5)."""

import pytest

from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.errors import DomainError, NotFound, PermissionDenied
from bmnn.core.levels import Level
from bmnn.reports import selectors, services
from bmnn.reports.figures import registry_table
from bmnn.reports.models import PeriodicReport, ReportStatus
from tests.helpers import at
from tests.reports.conftest import TEXTS, receive, submitted


def _row(report, key):
    return next(r for r in registry_table(report.figures["total"]) if r["key"] == key)


def test_figures_count_items_received_inside_the_window_by_level(tree):
    """R42: yearly statistics of received items by level; R41: only 15/12 of last year to 14/12 counts."""
    clerk = tree.cast.clerk
    receive(clerk, Level.MAT, "1/BGDĐT", at(2025, 12, 14))  # previous window
    receive(clerk, Level.MAT, "2/BGDĐT", at(2025, 12, 15))
    receive(clerk, Level.TOI_MAT, "3/BGDĐT", at(2026, 6, 1))
    receive(clerk, Level.TOI_MAT, "4/BGDĐT", at(2026, 12, 14, 23))
    receive(clerk, Level.MAT, "5/BGDĐT", at(2026, 12, 15))  # next window
    with clock.frozen_at(at(2026, 12, 16)):
        report = services.report_build(actor=tree.cast.director, unit=tree.department, year=2026)
    row = _row(report, "registered_incoming")
    assert row["values"] == [1, 2, 0] and row["total"] == 3
    assert report.status == ReportStatus.DRAFT
    assert AuditEvent.objects.filter(action="reports.report.built", target_id=str(report.pk)).exists()


def test_a_submitted_report_is_locked_and_its_figures_frozen(tree):
    """R41: once signed and sent, the texts cannot change and later data does not move the figures."""
    report = submitted(tree.department, tree.cast.director)
    assert report.is_submitted and report.recipient == tree.police
    receive(tree.cast.clerk, Level.MAT, "9/BGDĐT", at(2026, 12, 1))  # recorded late, inside the window
    report.refresh_from_db()
    assert _row(report, "registered_incoming")["total"] == 0
    events = AuditEvent.objects.count()
    with pytest.raises(DomainError, match="đã gửi cấp trên nên đã khóa") as refused:
        services.report_edit(actor=tree.cast.director, report=report, situation="Sửa lại")
    assert refused.value.rule == "R41"
    with pytest.raises(DomainError, match="đã chốt"):
        services.report_build(actor=tree.cast.director, unit=tree.department, year=2026)
    report.refresh_from_db()
    assert report.situation == TEXTS["situation"] and AuditEvent.objects.count() == events


def test_submitting_twice_is_refused(tree):
    """R41: a report is sent once; the second submission changes nothing."""
    report = submitted(tree.school, tree.principal)
    first = report.submitted_at
    with pytest.raises(DomainError, match="đã gửi ngày 16/12/2026, không gửi lại được"):
        services.report_submit(actor=tree.principal, report=report)
    report.refresh_from_db()
    assert report.submitted_at == first
    assert AuditEvent.objects.filter(action="reports.report.submitted").count() == 1


def test_only_the_head_signs_and_sections_a_b_d_must_be_written(tree):
    """R41: the head or a deputy signs; the report carries the analysis, the results and the proposals."""
    with clock.frozen_at(at(2026, 12, 10)):
        report = services.report_build(actor=tree.school_clerk, unit=tree.school, year=2026)
        with pytest.raises(PermissionDenied, match="người đứng đầu hoặc cấp phó"):
            services.report_submit(actor=tree.school_clerk, report=report)
        with pytest.raises(DomainError, match="còn thiếu nội dung: a\\) đánh giá tình hình; b\\) kết quả"):
            services.report_submit(actor=tree.principal, report=report)
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_another_unit_cannot_prepare_or_read_the_report(tree):
    """R41, S2: only the unit's own leaders and secret-work staff prepare it; an outsider gets "not found"."""
    with pytest.raises(PermissionDenied):
        services.report_build(actor=tree.cast.outsider, unit=tree.department, year=2026)
    with clock.frozen_at(at(2026, 12, 10)):
        report = services.report_build(actor=tree.cast.clerk, unit=tree.department, year=2026)
    with pytest.raises(NotFound):
        selectors.report_get_for_user(tree.cast.outsider, report.pk)
    # The superior does not see a draft, only what was sent (P5).
    with pytest.raises(NotFound):
        selectors.report_get_for_user(tree.police_officer, report.pk)


def test_the_department_aggregates_its_schools_with_drill_down(tree):
    """P5: the department's report adds its own figures and each school's submitted report; a school that
    has not reported is listed as missing; the superior reads the school's report."""
    receive(tree.school_clerk, Level.TOI_MAT, "7/BGDĐT", at(2026, 3, 3))
    receive(tree.cast.clerk, Level.MAT, "8/BGDĐT", at(2026, 4, 4))
    school_report = submitted(tree.school, tree.principal, when=at(2026, 12, 15))
    report = submitted(tree.department, tree.cast.director, when=at(2026, 12, 18))
    figures = report.figures
    assert _row(report, "registered_incoming")["values"] == [1, 1, 0]
    assert [p["unit"] for p in figures["subordinates"]] == [tree.school.name]
    assert figures["subordinates"][0] == {
        "unit_id": tree.school.pk,
        "unit": tree.school.name,
        "source": "local",
        "ref": school_report.pk,
        "total": school_report.figures["total"],
    }
    assert [m["unit"] for m in figures["missing"]] == [tree.school2.name]
    assert selectors.report_get_for_user(tree.cast.director, school_report.pk) == school_report
    # The provincial police, further up the chain, can drill down to the school's report too.
    assert selectors.report_get_for_user(tree.police_officer, school_report.pk) == school_report


def test_a_subordinate_not_submitted_by_the_due_date_is_flagged_to_the_superior(tree):
    """R41: a report not sent by 20/12 is overdue and shows on the superior's list."""
    submitted(tree.school, tree.principal, when=at(2026, 12, 19))
    with clock.frozen_at(at(2026, 12, 20, 17)):
        assert selectors.overdue_reports_for(tree.cast.director, 2026) == []
    with clock.frozen_at(at(2026, 12, 21)):
        overdue = selectors.overdue_reports_for(tree.cast.director, 2026)
        assert [row["unit"] for row in overdue] == [tree.school2]
        own = selectors.own_report_due(tree.principal2)
        assert own["overdue"] and own["report"] is None
        assert selectors.own_report_due(tree.principal)["overdue"] is False


def test_the_report_keeps_one_row_per_unit_and_year(tree):
    """R41: building again refreshes the same draft rather than opening a second report."""
    with clock.frozen_at(at(2026, 11, 1)):
        first = services.report_build(actor=tree.principal, unit=tree.school, year=2026)
    receive(tree.school_clerk, Level.MAT, "10/BGDĐT", at(2026, 11, 2))
    with clock.frozen_at(at(2026, 11, 3)):
        again = services.report_build(actor=tree.principal, unit=tree.school, year=2026)
    assert again.pk == first.pk and PeriodicReport.objects.count() == 1
    assert _row(again, "registered_incoming")["total"] == 1
    assert AuditEvent.objects.filter(action="reports.report.refreshed").count() == 1
