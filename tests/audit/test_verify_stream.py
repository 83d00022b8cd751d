"""Events whose values need escaping verify, and an edit among them is named at its own sequence number,
whichever way the walk reads the rows: PostgreSQL's COPY stream (written from the sent bytes, or decoded
when a value needs escaping) or SQLite's pages (S5, issue 17)."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from bmnn.audit import stream
from bmnn.audit.canonical import _fields, canonical_json, canonical_row
from bmnn.audit.chain import record
from bmnn.audit.models import AuditEvent
from bmnn.audit.verify import verify
from bmnn.core import channel
from bmnn.registry.services import outgoing_register
from tests.audit.test_chain import EDITED
from tests.conftest import outgoing_kwargs

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="the COPY stream is PostgreSQL's")

# Everything a JSON string or the COPY text format escapes, and text kept as it is (ensure_ascii=False).
ODD = 'Sở "Giáo dục" \\ tab\tdòng\nmới\r \x01\x08\x0b\x0c\x1f \u2028 đề thi 📄'


def sql(statement, *params):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.fixture
def odd_events(cast):
    """1: a plain registration; 2: quotes, escapes and control characters in the target's name, the basis
    and the data; 3: the system as actor, on the system channel; 4: a plain event after them."""
    carrier = outgoing_register(**outgoing_kwargs(cast))
    cast.department.name = ODD
    cast.department.save()
    with transaction.atomic():
        record(
            cast.clerk,
            "registers.form.exported",
            cast.department,
            basis=ODD,
            data={ODD: [ODD, 1.5, -2, None, True, {"b": "", "a": 0.1}], "z": {}, "": "không khóa"},
        )
    with channel.using(channel.Channel.SYSTEM), transaction.atomic():
        record(None, "audit.checkpoint.signed", basis="S5", data={"seq": 3})
    with transaction.atomic():
        record(cast.clerk, "registry.carrier.assigned", carrier, basis="S2", data={"người": "Lan"})
    return list(AuditEvent.objects.order_by("seq"))


def test_values_that_need_escaping_verify_S5(odd_events):
    assert len(odd_events) == 4 and odd_events[1].target_repr.startswith('Sở "Giáo dục"')
    assert odd_events[2].actor_id is None and odd_events[2].channel == "system"
    result = verify()
    assert result.ok and result.checked == 4 and result.head_hash == odd_events[-1].hash
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert "toàn vẹn: 4 sự kiện" in out.getvalue()


EDITS = [
    ("UPDATE audit_auditevent SET basis = %s WHERE seq = 2", ODD + "!", 2),
    ("UPDATE audit_auditevent SET target_repr = %s WHERE seq = 2", ODD.replace('"', "'"), 2),
    ("UPDATE audit_auditevent SET data = %s WHERE seq = 2", json.dumps({ODD: [ODD, 1.5]}), 2),
    ("UPDATE audit_auditevent SET target_repr = %s WHERE seq = 4", 'Sở "Giáo dục"', 4),
    ("UPDATE audit_auditevent SET actor_repr = %s WHERE seq = 1", "Cán bộ\x01", 1),
    ("UPDATE audit_auditevent SET actor_repr = %s WHERE seq = 3", "Hệ thống\\", 3),
    ("UPDATE audit_auditevent SET channel = %s WHERE seq = 3", "", 3),
    ("UPDATE audit_auditevent SET data = %s WHERE seq = 4", json.dumps({"người": "Lan "}), 4),
]


@pytest.mark.parametrize(("statement", "value", "bad_seq"), EDITS)
def test_an_edit_is_named_at_its_own_event_S5(odd_events, statement, value, bad_seq):
    sql(statement, value)
    result = verify()
    assert (result.ok, result.bad_seq, result.problem, result.checked) == (False, bad_seq, EDITED, bad_seq - 1)
    with pytest.raises(CommandError, match=f"#{bad_seq}"):
        call_command("audit", "verify", stdout=io.StringIO())


def _stream_lines():
    statement = stream._SELECT.format(table="audit_auditevent", where="", limit=1000)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY ({statement}) TO STDOUT") as copy:
        return b"".join(bytes(block) for block in copy).split(b"\n")[:-1]


@on_postgresql
def test_a_line_of_the_stream_decodes_to_the_events_raw_row_S5(odd_events):
    lines = _stream_lines()
    assert len(lines) == 4
    for line, event in zip(lines, odd_events, strict=True):
        assert canonical_row(stream.raw_row(line)) == canonical_json(_fields(event))


@on_postgresql
def test_the_stream_decodes_only_the_lines_that_need_it_and_rereads_none_S5(odd_events, monkeypatch):
    """Plain lines are hashed from the sent bytes; the line with escapes is decoded; no row is reread."""
    decoded, reread = [], []
    real_raw_row = stream.raw_row

    def spy(line):
        row = real_raw_row(line)
        decoded.append(row[0])
        return row

    monkeypatch.setattr(stream, "raw_row", spy)
    monkeypatch.setattr("bmnn.audit.verify._raw_row", lambda seq: reread.append(seq))
    assert verify().ok
    assert decoded == [2] and reread == []


@on_postgresql
def test_a_line_the_stream_renders_wrongly_is_reread_before_any_verdict_S5(odd_events, monkeypatch):
    """Only the raw row decides that an event was edited: every plain line wrong, small pages."""
    monkeypatch.setattr(stream, "_ROW", stream._ROW.replace(b'"seq"', b'"so"'))
    monkeypatch.setattr(stream, "PAGE", 2)
    result = verify()
    assert result.ok and result.checked == 4 and result.head_hash == odd_events[-1].hash
    sql("UPDATE audit_auditevent SET basis = %s WHERE seq = 3", "S6")
    result = verify()
    assert (result.bad_seq, result.problem, result.checked) == (3, EDITED, 2)


@on_postgresql
@pytest.mark.parametrize("page", [1, 2, 3, 50_000])
@pytest.mark.parametrize(
    ("statements", "bad_seq", "problem"),
    [
        ([], None, ""),
        ([("DELETE FROM audit_auditevent WHERE seq = 3",)], 4, "thiếu hoặc sai thứ tự: mong đợi #3, gặp #4"),
        ([("UPDATE audit_auditevent SET prev_hash = hash WHERE seq = 2",)], 2, "mã băm"),
        ([("UPDATE audit_auditevent SET basis = %s WHERE seq = 4", "S3")], 4, EDITED),
    ],
    ids=["intact", "deleted", "relinked", "edited"],
)
def test_pages_of_the_stream_agree_with_one_read_S5(odd_events, monkeypatch, page, statements, bad_seq, problem):
    for statement in statements:
        sql(*statement)
    monkeypatch.setattr(stream, "PAGE", page)
    result = verify()
    assert (result.ok, result.bad_seq) == (not statements, bad_seq)
    assert result.problem.startswith(problem)
    assert verify(segment_size=2) == result
