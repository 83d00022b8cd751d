"""Editing a draft plan (P1): the header and content items change with an audit event; an issued plan, an
outsider and an emptied required text are refused and change nothing."""

from __future__ import annotations

import pytest

from bmnn.audit.models import AuditEvent
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.programme.services import plan_update

from .test_plans import state


def test_a_draft_plan_is_edited_and_its_contents_replaced_P1(world):
    """P1: the owner edits the title and replaces the content items; the edit is audited."""
    plan = world.department_plan(issue=False)
    plan_update(
        actor=world.cast.clerk,
        plan=plan,
        title="Kế hoạch đã sửa",
        number=20,
        contents=["Nội dung mới thứ nhất", " ", "Nội dung mới thứ hai"],
    )
    plan.refresh_from_db()
    assert plan.title == "Kế hoạch đã sửa" and plan.number == 20
    assert [c.text for c in plan.contents.all()] == ["Nội dung mới thứ nhất", "Nội dung mới thứ hai"]
    event = AuditEvent.objects.get(action="programme.plan.updated")
    assert event.basis == "P1" and event.data["fields"] == ["number", "title"] and event.data["contents"] == 2


def test_edits_refused_change_nothing_P1(world):
    """P1: an issued plan, another unit's head, an empty title or empty contents are refused."""
    draft = world.department_plan(issue=False)
    issued = world.department_plan(number=16)
    before = state()
    with pytest.raises(DomainError, match="đã ban hành"):
        plan_update(actor=world.cast.director, plan=issued, title="Sửa sau ban hành")
    with pytest.raises(PermissionDenied):
        plan_update(actor=world.principal, plan=draft, title="Trường sửa kế hoạch của Sở")
    with pytest.raises(DomainError, match="Kế hoạch phải có tên kế hoạch"):
        plan_update(actor=world.cast.director, plan=draft, title="  ")
    with pytest.raises(DomainError, match="ít nhất một nội dung"):
        plan_update(actor=world.cast.director, plan=draft, contents=[""])
    with pytest.raises(DomainError, match="status"):
        plan_update(actor=world.cast.director, plan=draft, status="ISSUED")
    assert state() == before
    assert draft.contents.count() == 2
