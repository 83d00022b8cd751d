"""A secret place is protected until its head records the end of its use, not for a fixed period (R6)."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.lifecycle.models import LevelChange, Notice, NoticeKind
from bmnn.lifecycle.services.protection import place_use_end
from bmnn.registry.choices import CarrierKind, Status
from bmnn.registry.services import outgoing_register
from tests.conftest import outgoing_kwargs
from tests.helpers import at

from .conftest import world


def test_a_place_has_no_end_date_and_only_its_head_ends_its_protection_R6(client, cast):
    """R6: the exam printing room is registered without an end date and stays secret past ten years; the clerk is
    refused (service and API), a document cannot be ended this way; the director records the end of use: the
    place is declassified, stamped, its recipients owed a notice, audited."""
    with clock.frozen_at(at(2026, 6, 1)):
        room = outgoing_register(
            **outgoing_kwargs(
                cast, kind=CarrierKind.PLACE, doc_type="Phòng in sao đề thi", recipients="Phòng Khảo thí; Lưu: VT"
            )
        )
    assert room.protection_until is None
    with clock.frozen_at(at(2037, 1, 5)):
        call_command("deadlines", "run", stdout=io.StringIO())
        room.refresh_from_db()
        assert room.status == Status.IN_STORAGE  # no fixed period: still protected
        plan = outgoing_register(**outgoing_kwargs(cast))
        before = world()
        with pytest.raises(PermissionDenied) as refused:
            place_use_end(actor=cast.clerk, carrier=room, ended_on=dt.date(2037, 1, 1), decision_ref="2/QĐ-SGDĐT")
        assert refused.value.rule == "R6"
        client.force_login(cast.clerk)
        answer = client.post(
            f"/api/carriers/{room.pk}/use-ended/",
            {"ended_on": "2037-01-01", "decision_ref": "2/QĐ-SGDĐT"},
            content_type="application/json",
        )
        assert answer.status_code == 403
        with pytest.raises(DomainError, match="Chỉ địa điểm"):
            place_use_end(actor=cast.director, carrier=plan, ended_on=dt.date(2037, 1, 1), decision_ref="2/QĐ")
        assert world() == before
        client.force_login(cast.director)
        answer = client.post(
            f"/api/carriers/{room.pk}/use-ended/",
            {"ended_on": "2037-01-01", "decision_ref": "2/QĐ-SGDĐT"},
            content_type="application/json",
        )
        assert answer.status_code == 200, answer.content
    room.refresh_from_db()
    assert room.status == Status.DECLASSIFIED and room.marks[-1].startswith("GIẢI MẬT (địa điểm không còn sử dụng")
    change = LevelChange.objects.get(carrier=room)
    assert change.kind == LevelChange.Kind.USE_ENDED and change.decided_by == cast.director
    assert [n.recipient for n in Notice.objects.filter(carrier=room, kind=NoticeKind.DECLASSIFY)] == ["Phòng Khảo thí"]
    assert AuditEvent.objects.get(action="lifecycle.place.use_ended").data["decision_ref"] == "2/QĐ-SGDĐT"
