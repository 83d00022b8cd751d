"""Envelope letters are dated legal data, not code: a new letter applies from its effective date (R22)."""

import datetime as dt

import pytest

from bmnn.core import clock
from bmnn.core.errors import DomainError
from bmnn.core.levels import Level
from bmnn.legal.models import EnvelopeLetter
from bmnn.registry.services import handover_create, outgoing_register
from tests.conftest import outgoing_kwargs
from tests.helpers import at, world


def test_a_new_letter_applies_from_its_effective_date_and_a_missing_one_refuses_R22(cast):
    """R22: the shipped letters (A, B, C) apply; a decree changing MAT's letter from 1 July 2027 applies to
    hand-overs from that day only; with no letter configured for a level, the hand-over is refused, nothing changes."""
    with clock.frozen_at(at(2027, 6, 30)):
        first = outgoing_register(**outgoing_kwargs(cast))
        second = outgoing_register(**outgoing_kwargs(cast))
        assert handover_create(actor=cast.clerk, carrier=first, to_person=cast.officer).envelope_letter == "C"
    EnvelopeLetter.objects.create(
        level=Level.MAT,
        letter="M",
        effective_from=dt.date(2027, 7, 1),
        source="Nghị định giả định sửa đổi (thử nghiệm)",
    )
    with clock.frozen_at(at(2027, 7, 1)):
        assert handover_create(actor=cast.clerk, carrier=second, to_person=cast.officer).envelope_letter == "M"
    first.refresh_from_db()
    assert first.handovers.get().envelope_letter == "C"  # the register keeps what was stamped
    third = outgoing_register(**outgoing_kwargs(cast))
    EnvelopeLetter.objects.filter(level=Level.MAT).delete()
    before = world()
    with pytest.raises(DomainError) as refused:
        handover_create(actor=cast.clerk, carrier=third, to_person=cast.officer)
    assert refused.value.rule == "R22" and world() == before
