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
from bmnn.catalog.services import repeal_request_approve, repeal_request_submit
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level
from bmnn.core.roles import Operation
from bmnn.org.authority import valid_delegation
from bmnn.org.models import Delegation, Person
from bmnn.org.services import delegation_grant, delegation_revoke
from tests.helpers import world

ROOT = Path(bmnn.__file__).parent


def recording_sources() -> str:
    """The source of every module that writes audit events (calls ``record(`` or ``record_many(``, or names the
    action its audited admin records), migrations and the vocabulary aside."""
    texts = []
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts or path.name == "vocabulary.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"\brecord(_many)?\(|\baudit_action\s*=", text):
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
    values = dict(
        actor=cast.director,
        deputy=cast.deputy,
        document_ref="46/UQ-SGDĐT",
        scope="Sao tài liệu",
        operations=[Operation.COPY],
        max_level=Level.MAT,
        valid_from=dt.date(2026, 1, 1),
        valid_until=dt.date(2026, 12, 31),
    )
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


def test_a_list_change_is_an_audited_operation_decided_by_the_head_R2_R48(cast):
    """R2, R48, S7: the administrator asks, the head decides; an item repealed and a list superseded each change the
    list as an audited event with the old and new state, and the requester cannot decide their own request."""
    admin = Person.objects.create_superuser(username="quantri", password="x-y-z-1-2-3")
    item = cast.exam_logistics_item
    repeal = repeal_request_submit(actor=admin, secret_list=item.secret_list, item=item, reasons="QĐ 99/QĐ-TTg")
    supersede = repeal_request_submit(
        actor=admin,
        secret_list=item.secret_list,
        new_status=ListStatus.SUPERSEDED,
        reasons="Thay thế bởi QĐ 100/QĐ-TTg",
    )
    before = world()
    with pytest.raises(PermissionDenied):
        repeal_request_approve(actor=admin, request=repeal)
    with pytest.raises(PermissionDenied):
        repeal_request_approve(actor=cast.clerk, request=repeal)
    assert world() == before
    repeal_request_approve(actor=cast.director, request=repeal)
    repeal_request_approve(actor=cast.director, request=supersede)
    changes = AuditEvent.objects.filter(action="catalog.list.changed").order_by("seq")
    assert [e.data["changes"] for e in changes] == [
        {"repealed": {"old": False, "new": True}},
        {"status": {"old": ListStatus.ACTIVE, "new": ListStatus.SUPERSEDED}},
    ]
    assert {e.actor_id for e in changes} == {cast.director.pk}
