"""A record that uses another agency's secret (a reply, a summary, an extract) is at least the source's level (R3)."""

import pytest

from bmnn.audit.models import AuditEvent
from bmnn.core.errors import DomainError
from bmnn.core.levels import Level
from bmnn.registry.models import Carrier
from bmnn.registry.services import incoming_receive, outgoing_register
from tests.conftest import outgoing_kwargs
from tests.helpers import command, world


@pytest.fixture
def directive(cast):
    """A TOI_MAT directive received from the province."""
    return incoming_receive(
        actor=cast.clerk,
        sender="UBND tỉnh",
        doc_number="7/CT-UBND",
        level=Level.TOI_MAT,
        doc_type="Chỉ thị",
        abstract="Chỉ thị bảo vệ kỳ thi",
    )


def test_a_reply_citing_a_received_secret_takes_at_least_its_level_R3(cast, directive):
    """R3: the reply's list item is MAT, the directive it answers is TOI_MAT: the reply is TOI_MAT, cites the
    directive, and the audit event names it."""
    reply = outgoing_register(**outgoing_kwargs(cast, doc_type="Báo cáo", source_ids=[directive.pk]))
    assert reply.level == Level.TOI_MAT and list(reply.sources.all()) == [directive]
    assert list(directive.cited_by.all()) == [reply]
    event = AuditEvent.objects.get(action="registry.outgoing.registered")
    assert event.data["level"] == Level.TOI_MAT and event.data["sources"] == [
        f"Số đến 1/{directive.reg_year}: {directive}"
    ]
    plain = outgoing_register(**outgoing_kwargs(cast))  # without a source, the item decides alone
    assert plain.level == Level.MAT and not plain.sources.exists()


def test_a_source_of_another_agency_or_an_outgoing_record_is_refused_and_changes_nothing_R3(cast, directive):
    """R3, S2: a record held by another agency, or one of the agency's own outgoing records, is no received source:
    refused, no number taken, nothing recorded."""
    theirs = incoming_receive(actor=cast.outsider, sender="Bộ Y tế", doc_number="3/BYT", level=Level.MAT)
    own = outgoing_register(**outgoing_kwargs(cast))
    before = world()
    for source in (theirs, own):
        with pytest.raises(DomainError) as refused:
            outgoing_register(**outgoing_kwargs(cast, source_ids=[source.pk]))
        assert refused.value.rule == "R3" and refused.value.field == "sources"
    assert world() == before


def test_the_api_and_the_command_take_the_source_and_raise_the_level_R3(client, cast, directive):
    """R3: the same registration through the API and the command line: both records are TOI_MAT."""
    client.force_login(cast.clerk)
    body = {
        "items": [cast.exam_logistics_item.pk],
        "doc_type": "Báo cáo",
        "symbol": "BC-SGDĐT",
        "abstract": "Trả lời chỉ thị",
        "drafter": cast.officer.pk,
        "decision_maker": cast.director.pk,
        "recipients": "UBND tỉnh",
        "copies_issued": 1,
        "custodian": cast.clerk.pk,
        "sources": [directive.pk],
    }
    created = client.post("/api/carriers/outgoing/", body, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["level"] == Level.TOI_MAT
    command(
        "registry",
        "vanthu",
        "outgoing-register",
        f"items={cast.exam_logistics_item.pk}",
        "doc_type=Báo cáo",
        "symbol=BC-SGDĐT",
        "abstract=Tổng hợp",
        "drafter=chuyenvien",
        "decision_maker=giamdoc",
        "recipients=UBND tỉnh",
        "copies_issued=1",
        "custodian=vanthu",
        f"sources={directive.pk}",
    )
    made = Carrier.objects.filter(doc_type="Báo cáo").order_by("pk")
    assert [c.level for c in made] == [Level.TOI_MAT, Level.TOI_MAT]
    assert all(list(c.sources.all()) == [directive] for c in made)
