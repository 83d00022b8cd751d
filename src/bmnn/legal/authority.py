"""The authority table as a question: may this position approve this operation at this level? (R12, R36)"""

from __future__ import annotations

import datetime as dt

from bmnn.core.levels import rank

from .models import AuthorityRule, AuthorityTable


def table_on(day: dt.date) -> AuthorityTable | None:
    """Return the table version in force on ``day``."""
    return AuthorityTable.objects.filter(effective_from__lte=day).order_by("-effective_from").first()


def can_approve(*, position: str, org_kind: str, operation: str, level: str, on: dt.date) -> bool:
    """Say whether ``position`` in an organisation of ``org_kind`` may approve ``operation`` at ``level``."""
    table = table_on(on)
    if table is None:
        return False
    rule = AuthorityRule.objects.filter(table=table, operation=operation, position=position, org_kind=org_kind).first()
    return rule is not None and rank(level) <= rank(rule.max_level)


def approvers_described(operation: str, level: str, on: dt.date) -> list[str]:
    """Describe, in Vietnamese, who may approve: used in refusal messages."""
    table = table_on(on)
    if table is None:
        return []
    rules = AuthorityRule.objects.filter(table=table, operation=operation)
    return [
        f"{r.get_position_display()} ({r.get_org_kind_display()})" for r in rules if rank(level) <= rank(r.max_level)
    ]
