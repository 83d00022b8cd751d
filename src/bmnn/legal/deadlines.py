"""Every deadline the law sets, computed in one place from the dated legal parameters."""

from __future__ import annotations

import datetime as dt

from .periods import Durations, add_years, days, protection_years


def _days(table: Durations | None, key: str, on: dt.date) -> int:
    """The parameter from ``table`` when a job loaded them once, else from the database."""
    return table.days(key, on) if table is not None else days(key, on)


def protection_expiry(level: str, determination_date: dt.date) -> dt.date:
    """R6: determination date plus the base period of the level."""
    return add_years(determination_date, protection_years(level, determination_date))


def extension_decision_deadline(protection_until: dt.date, table: Durations | None = None) -> dt.date:
    """R7: the last day to decide an extension (expiry minus 60 days by default)."""
    return protection_until - dt.timedelta(days=_days(table, "EXTENSION_DECISION_LEAD", protection_until))


def extension_alert_from(protection_until: dt.date, table: Durations | None = None) -> dt.date:
    """R7: when to start reminding the head that the extension deadline approaches."""
    deadline = extension_decision_deadline(protection_until, table)
    return deadline - dt.timedelta(days=_days(table, "EXTENSION_ALERT_LEAD", deadline))


def notice_due(start: dt.date) -> dt.date:
    """R7, R10, R11: a written notice is due within the notice period (15 days by default)."""
    return start + dt.timedelta(days=days("NOTICE_DAYS", start))


def notice_alert_from(start: dt.date, table: Durations | None = None) -> dt.date:
    """R7: remind on day 10 by default."""
    return start + dt.timedelta(days=_days(table, "NOTICE_ALERT_DAY", start))


def return_alert_from(due: dt.date, key: str, table: Durations | None = None) -> dt.date:
    """R26, R32: remind a few days before a recall or take-out return date."""
    return due - dt.timedelta(days=_days(table, key, due))
