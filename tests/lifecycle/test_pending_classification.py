"""Information the list covers that arrives without a secrecy mark: protected meanwhile, a task for its handler (R5)."""

import pytest
from django.core.management import CommandError

from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.errors import DomainError
from bmnn.core.levels import Level
from bmnn.lifecycle.models import Reminder
from bmnn.lifecycle.services.classification import classification_pending
from bmnn.registry.models import Carrier
from bmnn.registry.policies import visible_carriers
from tests.helpers import command

from .conftest import world


def receive(cast, **extra):
    values = dict(
        actor=cast.clerk,
        sender="Trường THPT Chuyên",
        doc_number="Không số",
        doc_type="Báo cáo",
        abstract="Dự kiến phương án vận chuyển đề thi của điểm thi",
        item_ids=[cast.exam_logistics_item.pk],
        handler=cast.exams_head,
    )
    values.update(extra)
    return classification_pending(**values)


def test_unmarked_listed_information_is_protected_and_its_handler_gets_a_task_R5(cast):
    """R5: registered at the level its list item gives, marked as pending, visible to and assigned to the handler,
    who gets a "pending classification" task due at once; audited."""
    carrier = receive(cast)
    assert carrier.level == Level.MAT and list(carrier.items.all()) == [cast.exam_logistics_item]
    assert carrier.marks[-1] == "Chờ xác định độ mật – bảo vệ như BMNN độ Mật"
    assert visible_carriers(cast.exams_head).filter(pk=carrier.pk).exists()
    task = Reminder.objects.get(key=f"classify:{carrier.pk}")
    assert task.person == cast.exams_head and task.due == clock.today() and "Xác định độ mật" in task.text
    event = AuditEvent.objects.get(action="lifecycle.classification.pending")
    assert event.basis == "R5" and event.data["handler"] == str(cast.exams_head)


def test_without_a_list_item_or_with_an_undesignated_handler_nothing_is_registered_R5(cast):
    """R5: the list decides the protection; the handler must be designated staff; a refusal changes nothing."""
    before = world()
    with pytest.raises(DomainError) as no_item:
        receive(cast, item_ids=[])
    assert no_item.value.rule == "R2"
    cast.officer.designated_for_secrets = False
    cast.officer.save()
    with pytest.raises(DomainError):
        receive(cast, handler=cast.officer)
    with pytest.raises(DomainError):
        receive(cast, actor=cast.officer, handler=cast.exams_head)  # only the clerk registers
    assert world() == before and not Carrier.objects.exists()


def test_the_screen_the_api_and_the_cli_call_the_same_service_R5(client, cast):
    """R5: the same form on every interface; the highest item wins (R3); Vietnamese refusals."""
    client.force_login(cast.clerk)
    page = client.post(
        "/cho-xac-dinh-do-mat/",
        {
            "sender": "Trường THPT Chuyên",
            "doc_number": "Không số",
            "abstract": "Bản nháp đề thi",
            "items": [cast.exam_paper_item.pk, cast.exam_logistics_item.pk],
            "handler": cast.exams_head.pk,
        },
    )
    carrier = Carrier.objects.get()
    assert page.url == f"/so-bmnn/{carrier.pk}/" and carrier.level == Level.TOI_MAT
    made = client.post(
        "/api/pending-classifications/",
        {
            "sender": "Phòng GDĐT",
            "doc_number": "12/PGD",
            "abstract": "Danh sách cán bộ coi thi",
            "items": [cast.exam_logistics_item.pk],
            "handler": cast.exams_head.pk,
        },
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["level"] == Level.MAT
    missing = client.post(
        "/api/pending-classifications/",
        {"sender": "A", "doc_number": "B", "handler": cast.exams_head.pk},
        content_type="application/json",
    )
    assert missing.status_code == 400 and "Trường này là bắt buộc." in missing.json()["items"]
    out = command(
        "lifecycle",
        "vanthu",
        "pending-classification",
        "sender=Trường THPT Chuyên",
        "doc_number=Không số",
        "abstract=Ghi chép họp",
        f"items={cast.exam_logistics_item.pk}",
        f"handler={cast.exams_head.pk}",
    )
    assert "đã giao xác định độ mật" in out
    assert Reminder.objects.filter(key__startswith="classify:", person=cast.exams_head).count() == 3
    with pytest.raises(CommandError, match="bắt buộc"):
        command("lifecycle", "vanthu", "pending-classification", "sender=A")
