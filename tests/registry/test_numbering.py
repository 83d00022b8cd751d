"""Register numbers: a separate series per agency, register and year, restarting on 1 January (R19, S4)."""

import pytest
from django.db import IntegrityError, transaction

from bmnn.core import clock
from bmnn.core.errors import DomainError
from bmnn.core.levels import Level
from bmnn.org.models import Position
from bmnn.registry.choices import Direction, SeriesKind
from bmnn.registry.models import Carrier
from bmnn.registry.services import handover_create, incoming_receive, outgoing_register
from tests.conftest import make_person, outgoing_kwargs
from tests.helpers import at, clear_for_tuyet_mat, last_number, tuyet_mat_item, world


def receive(cast, **overrides):
    values = dict(
        actor=cast.clerk,
        sender="UBND tỉnh",
        doc_number="45/UBND-VX",
        level=Level.MAT,
        abstract="Chỉ đạo tổ chức kỳ thi",
    )
    values.update(overrides)
    return incoming_receive(**values)


def test_outgoing_numbers_run_1_2_3_in_the_agency_and_year_R19_S4(cast):
    """R19: the secret series of the agency; number and symbol form the document number."""
    with clock.frozen_at(at(2026, 3, 16)):
        carriers = [
            outgoing_register(**outgoing_kwargs(cast, symbol=symbol))
            for symbol in ("KH-SGDĐT", "/CV-SGDĐT/", "QĐ-SGDĐT")
        ]
    assert [(c.reg_year, c.reg_number) for c in carriers] == [(2026, 1), (2026, 2), (2026, 3)]
    assert [c.doc_number for c in carriers] == ["1/KH-SGDĐT", "2/CV-SGDĐT", "3/QĐ-SGDĐT"]
    assert [c.register_label for c in carriers] == ["Số đi 1/2026", "Số đi 2/2026", "Số đi 3/2026"]
    assert last_number(SeriesKind.OUTGOING, cast.department, 2026) == 3


def test_numbers_restart_at_1_on_the_first_of_january_R19(cast):
    """R19: numbers restart at 1 on 1 January (the installation's time zone decides the day)."""
    with clock.frozen_at(at(2026, 12, 31, 23, 59)):
        december = [outgoing_register(**outgoing_kwargs(cast)) for _ in range(2)]
        received_december = receive(cast)
    with clock.frozen_at(at(2027, 1, 1, 0, 1)):
        january = [outgoing_register(**outgoing_kwargs(cast)) for _ in range(2)]
        received_january = receive(cast)
    assert [(c.reg_year, c.reg_number) for c in december] == [(2026, 1), (2026, 2)]
    assert [(c.reg_year, c.reg_number) for c in january] == [(2027, 1), (2027, 2)]
    assert [c.doc_number for c in january] == ["1/KH-SGDĐT", "2/KH-SGDĐT"]
    assert (received_december.register_label, received_january.register_label) == ("Số đến 1/2026", "Số đến 1/2027")
    assert last_number(SeriesKind.OUTGOING, cast.department, 2026) == 2
    assert last_number(SeriesKind.OUTGOING, cast.department, 2027) == 2


def test_a_refused_registration_consumes_no_number_R19_S4(cast):
    """S4: no gap: refusals (R2, R18, R38) leave the series where it was."""
    clear_for_tuyet_mat(cast.clerk)
    with clock.frozen_at(at(2026, 3, 16)):
        first = outgoing_register(**outgoing_kwargs(cast))
        before = world()
        for kwargs, error_type in [
            (outgoing_kwargs(cast, item_ids=[]), DomainError),  # R2
            (outgoing_kwargs(cast, item_ids=[tuyet_mat_item().pk], abstract="Trích yếu"), DomainError),  # R18
            (outgoing_kwargs(cast, actor=cast.director), DomainError),  # R38
        ]:
            with pytest.raises(error_type):
                outgoing_register(**kwargs)
        assert world()["series"] == before["series"] and world()["audit"] == before["audit"]
        assert last_number(SeriesKind.OUTGOING, cast.department) == 1
        second = outgoing_register(**outgoing_kwargs(cast))
    assert (first.reg_number, second.reg_number) == (1, 2)


def test_a_held_receipt_takes_no_incoming_number_R19_R25(cast):
    with clock.frozen_at(at(2026, 3, 16)):
        held = receive(cast, expected_count=2, received_count=1)
        registered = receive(cast, doc_number="46/UBND-VX")
    assert held.reg_number is None and registered.reg_number == 1
    assert last_number(SeriesKind.INCOMING, cast.department, 2026) == 1


def test_incoming_outgoing_and_delivery_registers_have_separate_series_R19(cast):
    with clock.frozen_at(at(2026, 3, 16)):
        out_1 = outgoing_register(**outgoing_kwargs(cast))
        out_2 = outgoing_register(**outgoing_kwargs(cast))
        in_1 = receive(cast)
        delivery_1 = handover_create(actor=cast.clerk, carrier=out_1, to_person=cast.officer)
        out_3 = outgoing_register(**outgoing_kwargs(cast))
        in_2 = receive(cast, doc_number="46/UBND-VX")
    assert [c.reg_number for c in (out_1, out_2, out_3)] == [1, 2, 3]
    assert [c.reg_number for c in (in_1, in_2)] == [1, 2]
    assert in_1.direction == Direction.INCOMING and delivery_1.number == 1
    assert {kind: last_number(kind, cast.department, 2026) for kind in SeriesKind.values} == {
        SeriesKind.OUTGOING: 3,
        SeriesKind.INCOMING: 2,
        SeriesKind.DELIVERY: 1,
        SeriesKind.COPY: 0,
    }


def test_another_agency_has_its_own_series_and_a_division_uses_its_agencys_R19(cast):
    """R19: each agency keeping a register numbers on its own; a division without one uses its agency's."""
    health_director = make_person("giamdocsyt", cast.other_department, Position.HEAD, Level.TOI_MAT)
    exams_clerk = make_person("vanthukhaothi", cast.exams_division, Position.CLERK, Level.TOI_MAT, designated=True)
    with clock.frozen_at(at(2026, 3, 16)):
        ours = outgoing_register(**outgoing_kwargs(cast))
        theirs = outgoing_register(
            **outgoing_kwargs(
                cast, actor=cast.outsider, decision_maker=health_director, custodian=cast.outsider, symbol="KH-SYT"
            )
        )
        their_incoming = receive(cast, actor=cast.outsider)
        from_the_division = outgoing_register(**outgoing_kwargs(cast, actor=exams_clerk))
    assert (theirs.agency, theirs.reg_number, theirs.doc_number) == (cast.other_department, 1, "1/KH-SYT")
    assert (their_incoming.agency, their_incoming.reg_number) == (cast.other_department, 1)
    assert (from_the_division.agency, from_the_division.reg_number) == (cast.department, 2)
    assert ours.reg_number == 1


def test_the_database_refuses_a_number_twice_in_a_register_and_year_R19(cast):
    """R19: number + symbol is unique per year, even for a write that bypasses the services."""
    with clock.frozen_at(at(2026, 3, 16)):
        first = outgoing_register(**outgoing_kwargs(cast))
    duplicate = Carrier(
        agency=cast.department,
        direction=Direction.OUTGOING,
        reg_year=2026,
        reg_number=1,
        doc_number="1/CV-SGDĐT",
        issuing_body=cast.department.name,
        doc_type="Công văn",
        level=Level.MAT,
        created_at=first.created_at,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()
    duplicate.reg_year = 2027
    duplicate.save()  # the same number in another year is another entry
    assert Carrier.objects.filter(reg_number=1).count() == 2
