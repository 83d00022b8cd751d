"""The report window, deadline and recipient are dated data (R41), and who reports to whom (P5)."""

import datetime as dt

from bmnn.reports.models import ReportSchedule
from bmnn.reports.tree import recipient_of, subordinates_of, window


def test_default_window_is_15_december_to_14_december_due_20_december(tree):
    """R41: data from 15/12 of the previous year to 14/12, due by 20/12 (Decree 26/2020 Art. 8)."""
    assert window(2026) == (dt.date(2025, 12, 15), dt.date(2026, 12, 14), dt.date(2026, 12, 20))


def test_an_administrator_changes_the_window_from_a_date_and_past_years_keep_theirs(tree):
    """R41: Decree 63/2026 may move the dates; a new row with an effective date changes later years only."""
    ReportSchedule.objects.create(
        effective_from=dt.date(2027, 1, 1),
        window_start_day=1,
        window_start_month=1,
        window_end_day=30,
        window_end_month=11,
        due_day=10,
        due_month=12,
        source="Nghị định 63/2026/NĐ-CP (giả định)",
    )
    assert window(2027) == (dt.date(2027, 1, 1), dt.date(2027, 11, 30), dt.date(2027, 12, 10))
    assert window(2026) == (dt.date(2025, 12, 15), dt.date(2026, 12, 14), dt.date(2026, 12, 20))


def test_schools_report_to_the_department_and_the_department_to_the_provincial_police(tree):
    """P5, R41: school -> department -> provincial police (the configured recipient); the police on top."""
    assert recipient_of(tree.school, 2026) == tree.department
    assert recipient_of(tree.department, 2026) == tree.police
    assert recipient_of(tree.police, 2026) is None
    assert set(subordinates_of(tree.department, 2026)) == {tree.school, tree.school2}
    assert set(subordinates_of(tree.police, 2026)) == {tree.department, tree.cast.other_department}
    # A division uses its department's registers and reports through it, not on its own.
    assert tree.cast.exams_division not in subordinates_of(tree.department, 2026)
