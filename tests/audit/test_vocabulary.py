"""Every declared audit action is recorded by some code path, and the list and delegation changes are audited
operations (S5, R13, R2, R48)."""

import datetime as dt
import re
from pathlib import Path

import pytest

import bmnn
from bmnn.audit.models import AuditEvent
from bmnn.audit.vocabulary import ACTIONS
from bmnn.catalog.models import ListStatus
from bmnn.catalog.services import item_set_repealed, list_set_status
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level
from bmnn.core.roles import Operation
from bmnn.org.authority import valid_delegation
from bmnn.org.models import Delegation, Person
from bmnn.org.services import delegation_grant, delegation_revoke
from tests.helpers import world

ROOT = Path(bmnn.__file__).parent


def recording_sources() -> str:
    """The source of every module that writes audit events (calls ``record(``), migrations and the vocabulary aside."""
    texts = []
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts or path.name == "vocabulary.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"\brecord\(", text):
            texts.append(text)
    return "\n".join(texts)


def test_every_declared_action_is_recorded_somewhere_S5():
    """S5: a declared action that no module recording events names is vocabulary that is never written."""
    source = recording_sources()
    never = sorted(a for a in ACTIONS if f'"{a}"' not in source)
    assert never == []


def test_the_scan_would_catch_an_unwritten_action_S5(monkeypatch):
    """S5: the check above is not vacuous: a new declared action nobody records is reported."""
    monkeypatch.setitem(ACTIONS, "registry.nothing.happened", "Không ai ghi")
    source = recording_sources()
    assert sorted(a for a in ACTIONS if f'"{a}"' not in source) == ["registry.nothing.happened"]


def grant(cast, **overrides):
    values = dict(actor=cast.director, deputy=cast.deputy, document_ref="46/UQ-SGDĐT", scope="Sao tài liệu",
                  operations=[Operation.COPY], max_level=Level.MAT, valid_from=dt.date(2026, 1, 1),
                  valid_until=dt.date(2026, 12, 31))
    values.update(overrides)
    return delegation_grant(**values)


def test_a_delegation_is_granted_and_revoked_by_the_head_and_audited_R13(cast):
    """R13: the deputy cannot grant, the head of another unit cannot revoke; the head grants then revokes, each
    once in the audit log, and the revoked delegation authorises nothing more."""
    before = world()
    with pytest.raises(PermissionDenied) as refused:
        grant(cast, actor=cast.deputy)
    assert refused.value.rule == "R13" and world() == before and not Delegation.objects.exists()
    delegation = grant(cast)
    event = AuditEvent.objects.get(action="org.delegation.granted")
    assert event.actor_id == cast.director.pk and event.data["document_ref"] == "46/UQ-SGDĐT"
    assert valid_delegation(cast.deputy, Operation.COPY, Level.MAT, dt.date(2026, 6, 1)) == delegation
    stranger = Person.objects.create_user(username="gdyt", organisation=cast.other_department, position="HEAD")
    before = world()
    with pytest.raises(PermissionDenied):
        delegation_revoke(actor=stranger, delegation=delegation, reason="Hết nhu cầu")
    assert world() == before
    delegation_revoke(actor=cast.director, delegation=delegation, reason="Hết nhu cầu")
    assert AuditEvent.objects.get(action="org.delegation.revoked").data["reason"] == "Hết nhu cầu"
    assert valid_delegation(cast.deputy, Operation.COPY, Level.MAT, dt.date(2026, 6, 1)) is None
    with pytest.raises(DomainError, match="đã bị thu hồi"):
        delegation_revoke(actor=cast.director, delegation=delegation, reason="Lần nữa")


def test_a_list_change_is_an_audited_operation_of_the_administrator_R2_R48(cast):
    """R2, R48: a clerk cannot change a list; the administrator marks an item repealed and a list superseded,
    each with its document, each audited with the old and new state."""
    admin = Person.objects.create_superuser(username="quantri", password="x-y-z-1-2-3")
    item = cast.exam_logistics_item
    before = world()
    with pytest.raises(PermissionDenied):
        item_set_repealed(actor=cast.clerk, item=item, repealed=True, note="QĐ 99/QĐ-TTg")
    with pytest.raises(DomainError):
        list_set_status(actor=admin, secret_list=item.secret_list, status=ListStatus.SUPERSEDED, note=" ")
    assert world() == before
    item_set_repealed(actor=admin, item=item, repealed=True, note="QĐ 99/QĐ-TTg bãi bỏ khoản 2")
    list_set_status(actor=admin, secret_list=item.secret_list, status=ListStatus.SUPERSEDED,
                    note="Thay thế bởi QĐ 100/QĐ-TTg")
    changes = AuditEvent.objects.filter(action="catalog.list.changed").order_by("seq")
    assert [(e.data["field"], e.data["old"], e.data["new"]) for e in changes] == [
        ("repealed", False, True), ("status", ListStatus.ACTIVE, ListStatus.SUPERSEDED)]
    assert {e.actor_id for e in changes} == {admin.pk}
