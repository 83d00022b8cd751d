"""The official outputs agree on the demo data: the annual report and the statistics register count received and
issued secrets with one selector, over the same days (R41, R42)."""

import io

from django.core.management import call_command

from bmnn.core.levels import Level
from bmnn.org.models import Organisation, Person
from bmnn.registers.choices import RegisterKind
from bmnn.registers.selectors import Selection, statistics
from bmnn.reports.figures import registry_figures
from bmnn.reports.models import PeriodicReport
from bmnn.reports.tree import own_unit_ids
from tests.conftest import ensure_reference_data


def register_counts(person: Person, agency: Organisation, start, end) -> dict[str, dict[str, int]]:
    """The statistics register's "Cộng" rows over [start, end], year by year (its books are yearly)."""
    counts = {
        "registered_incoming": dict.fromkeys(Level.values, 0),
        "registered_outgoing": dict.fromkeys(Level.values, 0),
    }
    for year in range(start.year, end.year + 1):
        sel = Selection(agency, RegisterKind.STATISTICS, year, date_from=start, date_to=end)
        total = statistics(person, sel)[-1].cells
        for level in Level.values:
            counts["registered_incoming"][level] += int(total[f"in_{level}"])
            counts["registered_outgoing"][level] += int(total[f"out_{level}"])
    return counts


def test_the_annual_report_and_the_statistics_register_agree_on_the_demo_data_R42_R41(db):
    """R42, R41: the department's own figures in its 2026 report (built by the demo) and its statistics register
    give the same received and issued counts, level by level, over the report's window; some were received."""
    ensure_reference_data()
    call_command("demo", stdout=io.StringIO())
    clerk = Person.objects.get(username="vanthu")
    department = clerk.agency()
    report = PeriodicReport.objects.get(organisation=department, year=2026)
    from_register = register_counts(clerk, department, report.window_start, report.window_end)
    in_report = {
        key: {lv: report.figures["own"]["registry"][key][lv] for lv in Level.values}
        for key in ("registered_incoming", "registered_outgoing")
    }
    assert in_report == from_register
    assert sum(in_report["registered_incoming"].values()) > 0
    recomputed = registry_figures(own_unit_ids(department), report.window_start, report.window_end)
    assert {k: recomputed[k] for k in in_report} == in_report


def test_the_report_counts_the_inspection_the_department_carried_out_on_the_demo_data_R41_P2(db):
    """R41, P2: the demo's inspection of a school by the department (22/09/2026) is in the department's 2026
    report, once, and not again in the school's."""
    from bmnn.programme.models import Inspection

    ensure_reference_data()
    call_command("demo", stdout=io.StringIO())
    department = Person.objects.get(username="vanthu").agency()
    report = PeriodicReport.objects.get(organisation=department, year=2026)
    conducted = Inspection.objects.filter(
        inspecting_unit_id__in=own_unit_ids(department),
        started_on__gte=report.window_start,
        started_on__lte=report.window_end,
    )
    assert conducted.exists()
    assert report.figures["own"]["inspections"]["inspections"] == conducted.count()
    for school_report in PeriodicReport.objects.filter(year=2026).exclude(organisation=department):
        undergone = conducted.filter(unit=school_report.organisation).count()
        if undergone:
            assert school_report.figures["own"]["inspections"]["inspections"] == 0
