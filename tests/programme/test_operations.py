"""The programme's declared operations (P1, P2): each has a screen, an endpoint in the API schema and a
sub-command of its command, and a subject's page offers it exactly when its check passes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import CommandError
from django.urls import reverse

from bmnn.core import operations
from bmnn.documents.samples import text_pdf
from bmnn.programme.choices import Answer
from bmnn.programme.management.commands.inspections import Command as InspectionsCommand
from bmnn.programme.management.commands.programme import Command as ProgrammeCommand
from bmnn.programme.models import Occurrence
from bmnn.programme.services import (
    finding_close,
    finding_record,
    inspection_answer,
    inspection_conclude,
    progress_report,
)
from tests.helpers import command

from .test_inspections import open_department_inspection
from .test_plans import state

SLUGS = [op.slug for op in operations.of_app("programme")]
COMMANDS = {"programme": ProgrammeCommand, "inspections": InspectionsCommand}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def test_the_programme_declares_its_thirteen_operations_once_P1_P2():
    """P1, P2: plan writing, editing, tasks, attachments, issue, the three task operations (one declaration
    each, no more "bao-cao" vs "report"), and the five inspection operations."""
    assert sorted(SLUGS) == sorted(
        [
            "plan-create",
            "plan-edit",
            "plan-task-add",
            "plan-attach",
            "plan-issue",
            "task-report",
            "task-remind",
            "task-return",
            "inspection-open",
            "inspection-answer",
            "inspection-finding",
            "inspection-conclude",
            "finding-close",
        ]
    )


@pytest.mark.parametrize("slug", SLUGS)
def test_every_operation_has_a_screen_an_endpoint_and_a_command_P1_P2(slug, client, world):
    """P1, P2: the screen answers at its path, the API schema lists the endpoint, and exactly one of
    `bmnn programme` and `bmnn inspections` runs it."""
    op = operations.get(slug)
    args = [] if op.subject is None else [1]
    assert reverse(f"ops:{slug}", args=args) == "/" + op.web_path.replace("<int:pk>", "1")
    assert reverse(f"api:{slug}", args=args) == "/api/" + op.api_path.replace("<int:pk>", "1")
    client.force_login(world.cast.director)
    schema = client.get("/api/schema/").content.decode()
    assert f"operationId: {slug}\n" in schema
    assert re.search(re.escape("/api/" + op.api_path).replace(re.escape("<int:pk>"), r"\{\w+\}") + ":", schema)
    runs = [name for name, command in COMMANDS.items() if slug in {o.slug for o in command().operations()}]
    assert len(runs) == 1
    help_text = COMMANDS[runs[0]]().create_parser("bmnn", runs[0]).format_help()
    assert slug in help_text


def _subjects(world):
    """Plans, tasks, inspections and findings in every state an operation's check looks at."""
    c = world.cast
    draft = world.department_plan(issue=False)
    empty = world.department_plan(issue=False, number=17, tasks=[])
    issued = world.department_plan(number=16)
    pending = Occurrence.objects.get(
        assignment__task__plan=issued, assignment__unit=c.school, assignment__task__order=1
    )
    done = Occurrence.objects.get(
        assignment__task__plan=issued, assignment__unit=world.school2, assignment__task__order=1
    )
    progress_report(
        actor=world.principal2,
        occurrence=done,
        text="Đã tự kiểm tra",
        complete=True,
        files=[SimpleUploadedFile("bb.pdf", text_pdf("Biên bản"))],
    )
    inspection = open_department_inspection(world, unit=c.school)
    concluded = open_department_inspection(world, unit=c.school, started_on=dt.date(2026, 3, 1))
    for answer in concluded.answers.all():
        inspection_answer(actor=c.director, answer=answer, result=Answer.MET)
    open_finding = finding_record(
        actor=c.director,
        inspection=concluded,
        description="Tủ không khóa",
        remedy="Trang bị tủ sắt",
        owner=world.principal,
        due=dt.date(2026, 3, 20),
    )
    closed_finding = finding_record(
        actor=c.director,
        inspection=concluded,
        description="Thiếu sổ",
        remedy="Lập sổ",
        owner=world.school_clerk,
        due=dt.date(2026, 3, 20),
    )
    inspection_conclude(actor=c.director, inspection=concluded, conclusion="Hai tồn tại.")
    finding_close(actor=world.school_clerk, finding=closed_finding, result_note="Đã lập sổ.")
    return {
        "plan": [draft, empty, issued],
        "plan-task": [pending, done],
        "inspection": [inspection, concluded],
        "inspection-answer": [inspection.answers.first(), concluded.answers.first()],
        "finding": [open_finding, closed_finding],
    }


def test_each_page_offers_an_operation_exactly_when_its_check_passes_P1_P2(client, world):
    """P1, P2: for every person who may open a plan, a task, an inspection or a finding, its page links or
    posts to an operation exactly when the operation's check (the one its service runs) passes."""
    c = world.cast
    subjects = _subjects(world)
    people = [c.director, c.clerk, world.principal, world.school_clerk, world.principal2, world.teacher]
    seen: dict[str, set[bool]] = {slug: set() for slug in SLUGS}
    for person in people:
        client.force_login(person)
        for kind, objects in subjects.items():
            ops = [op for op in operations.of_app("programme") if op.subject and op.subject.name == kind]
            for obj in objects:
                obj.refresh_from_db()  # as it is now, after the operations above
                kind_of = ops[0].subject
                answer = client.get(kind_of.page_url(obj))
                if answer.status_code == 404:  # not visible to this person (S2): nothing to offer
                    continue
                page = answer.content.decode()
                for op in ops:
                    allowed = op.allowed(person, obj)
                    shown = (
                        f'action="{reverse(f"ops:{op.slug}", args=[obj.pk])}"' in page
                        or f'href="{reverse(f"ops:{op.slug}", args=[obj.pk])}"' in page
                    )
                    assert shown == allowed, (person.username, op.slug, obj)
                    seen[op.slug].add(allowed)
    # Not vacuous: every operation on a subject was both offered and withheld somewhere above.
    assert {slug: states for slug, states in seen.items() if operations.get(slug).subject is not None} == {
        slug: {True, False} for slug in SLUGS if operations.get(slug).subject is not None
    }


def test_the_list_pages_offer_writing_a_plan_and_opening_an_inspection_only_to_those_who_may_P1_P2(client, world):
    """P1, P2: "Lập kế hoạch" and "Mở đợt kiểm tra" appear for a head, not for a teacher, as their checks say."""
    for person, may in ((world.principal, True), (world.teacher, False)):
        client.force_login(person)
        plans = client.get(reverse("programme:plans")).content.decode()
        inspections = client.get(reverse("programme:inspections")).content.decode()
        assert operations.get("plan-create").allowed(person, None) is may
        assert operations.get("inspection-open").allowed(person, None) is may
        assert (f'href="{reverse("ops:plan-create")}"' in plans) is may
        assert (f'href="{reverse("ops:inspection-open")}"' in inspections) is may


def test_a_draft_is_edited_over_the_api_and_written_from_the_command_line_P1(client, world, tmp_path):
    """P1: the screens' edit is also an endpoint (fields left out keep their value) and a sub-command; a plan
    is written with `bmnn programme plan-create`, and a unit reports with an evidence file from the command
    line; the other school's head is refused the edit on both surfaces (not found) and nothing changes."""
    c = world.cast
    draft = world.department_plan(issue=False)
    client.force_login(c.director)
    edited = client.post(
        f"/api/plans/{draft.pk}/edit/",
        {"title": "Công tác bảo vệ BMNN năm 2026 (sửa)"},
        content_type="application/json",
    )
    assert edited.status_code == 200 and edited.json()["title"].endswith("(sửa)")
    assert edited.json()["contents"] == ["Tự kiểm tra tại các trường", "Báo cáo định kỳ"]
    before = state()
    client.force_login(world.principal2)
    assert (
        client.post(f"/api/plans/{draft.pk}/edit/", {"title": "Sửa hộ"}, content_type="application/json").status_code
        == 404
    )
    with pytest.raises(CommandError, match="Không tìm thấy hồ sơ"):
        command("programme", "hieutruong2", "plan-edit", str(draft.pk), "title=Sửa hộ")
    assert state() == before

    out = command(
        "programme",
        "hieutruong",
        "plan-create",
        f"unit={c.school.pk}",
        "symbol=KH-THPTC",
        "place=Thử Nghiệm",
        "issued_on=2026-03-02",
        "title=Kế hoạch bảo vệ BMNN của trường",
        "basis=Kế hoạch số 15/KH-SGDĐT",
        "purposes=Bảo đảm an toàn BMNN.",
        "contents=Tự kiểm tra\nBáo cáo quý",
    )
    made = c.school.plans.get()
    assert "Đã lập dự thảo kế hoạch" in out and f"(số hiệu {made.pk})" in out
    assert [x.text for x in made.contents.all()] == ["Tự kiểm tra", "Báo cáo quý"]

    issued = world.department_plan(number=16)
    mine = Occurrence.objects.get(assignment__task__plan=issued, assignment__unit=c.school, assignment__task__order=1)
    proof = tmp_path / "bien-ban.pdf"
    proof.write_bytes(text_pdf("bien ban"))
    with pytest.raises(CommandError, match="mới được báo cáo nhiệm vụ này"):
        command("programme", "vanthu", "task-report", str(mine.pk), "text=Báo cáo hộ")
    out = command(
        "programme", "vanthutruong", "task-report", str(mine.pk), "text=Đã tự kiểm tra", "complete=1", f"files=@{proof}"
    )
    mine.refresh_from_db()
    assert "Đã gửi báo cáo tiến độ." in out and mine.status == "DONE"
    assert [e.name for e in mine.events.get().evidence.all()] == ["bien-ban.pdf"]
