"""No mass declassification without a person (R9, R48): a repealed item is proposed to the head of each holding
agency, who declassifies or keeps the record under another item; a superseded list is mapped by the clerk."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from bmnn.audit.models import AuditEvent
from bmnn.catalog.models import ListStatus, SecretList, SecretListItem
from bmnn.catalog.services import repeal_request_approve, repeal_request_submit
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level
from bmnn.lifecycle.models import DelistingReview, LevelChange, Notice, NoticeKind
from bmnn.lifecycle.services.delisting import delisting_confirm, delisting_keep, item_map, item_map_check
from bmnn.org.models import Person, Position
from bmnn.registry.choices import Status
from bmnn.registry.services import outgoing_register
from tests.conftest import make_person, outgoing_kwargs

from .conftest import world


def run() -> str:
    out = io.StringIO()
    call_command("deadlines", "run", stdout=out)
    return out.getvalue()


def repeal(cast, item: SecretListItem) -> None:
    """The administrator asks, the head of an agency decides (R2, S7)."""
    admin = Person.objects.create_superuser(username="quantri", password="x-y-z-1-2-3")
    request = repeal_request_submit(actor=admin, secret_list=item.secret_list, item=item, reasons="QĐ 99/QĐ-TTg")
    repeal_request_approve(actor=cast.director, request=request)


def replacement_list(cast) -> SecretListItem:
    """A new list replacing the education list; its item matching the MAT logistics item."""
    new = SecretList.objects.create(
        decision_number="200/QĐ-TTg",
        decision_date=dt.date(2026, 5, 1),
        sector="Giáo dục và đào tạo",
        effective_from=dt.date(2026, 5, 1),
    )
    return SecretListItem.objects.create(
        secret_list=new, level=Level.MAT, number="2", text="Phương án bảo vệ, vận chuyển đề thi"
    )


@pytest.fixture
def proposed(cast):
    """A record whose only item was repealed, and the job's proposal to the director."""
    carrier = outgoing_register(**outgoing_kwargs(cast))
    repeal(cast, cast.exam_logistics_item)
    run()
    return carrier, DelistingReview.objects.get(carrier=carrier)


def test_a_list_change_is_an_audited_event_of_the_list_R48(cast):
    """R48: repealing an item writes the list's change, decided by the head, with old and new values."""
    repeal(cast, cast.exam_logistics_item)
    event = AuditEvent.objects.get(action="catalog.list.changed")
    assert event.actor_id == cast.director.pk and event.basis == "R9, R48"
    assert event.data["changes"] == {"repealed": {"old": False, "new": True}}


def test_the_deadline_job_declassifies_nothing_and_proposes_to_the_head_R9_R48(cast):
    """R48: after a repeal, `deadlines run` leaves every record protected and proposes it to the head of its
    agency, once; a record still citing an item in force is not proposed."""
    carrier = outgoing_register(**outgoing_kwargs(cast))
    both = outgoing_register(
        **outgoing_kwargs(cast, symbol="TB-SGDĐT", item_ids=[cast.exam_logistics_item.pk, cast.item("MAT", "1").pk])
    )
    repeal(cast, cast.exam_logistics_item)
    output = run()
    assert "delisting_proposed (R9, R48)" in output
    carrier.refresh_from_db()
    assert carrier.status == Status.IN_STORAGE and not LevelChange.objects.exists()
    assert not Notice.objects.exists()
    [review] = DelistingReview.objects.all()
    assert review.carrier == carrier and review.head == cast.director
    assert review.status == DelistingReview.Status.PENDING and "khoản 2" in review.repealed_items
    event = AuditEvent.objects.get(action="lifecycle.delisting.proposed")
    assert event.actor_id is None and event.target_id == str(carrier.pk)
    assert not AuditEvent.objects.filter(action="lifecycle.declassified.automatically").exists()
    before = world()
    run()  # idempotent: no second proposal
    assert world() == before and DelistingReview.objects.count() == 1
    both.refresh_from_db()
    assert both.status == Status.IN_STORAGE


def test_the_head_confirms_and_the_record_is_declassified_with_the_head_named_R9_R48(cast, proposed, client):
    """R9, R48: the head of the holding agency confirms; the record is stamped declassified, the head is the
    decider, notices are due the same day."""
    carrier, review = proposed
    client.force_login(cast.director)
    page = client.get(reverse("lifecycle:due")).content.decode()
    assert reverse("ops:delisting-confirm", args=[review.pk]) in page
    change = delisting_confirm(actor=cast.director, review=review, reasons="Đồng ý")
    carrier.refresh_from_db()
    assert carrier.status == Status.DECLASSIFIED and "mục danh mục bị bãi bỏ" in carrier.marks[-1]
    assert change.decided_by == cast.director and change.kind == LevelChange.Kind.AUTO_DELISTED
    review.refresh_from_db()
    assert review.status == DelistingReview.Status.DECLASSIFIED and review.decided_by == cast.director
    notices = Notice.objects.filter(carrier=carrier, kind=NoticeKind.DECLASSIFY)
    assert notices and {n.due for n in notices} == {clock.today()}
    event = AuditEvent.objects.get(action="lifecycle.delisting.confirmed")
    assert event.actor_id == cast.director.pk and event.data["head"] == str(cast.director)
    with pytest.raises(DomainError):  # decided once
        delisting_confirm(actor=cast.director, review=review)


def test_the_head_keeps_the_record_under_another_item_with_the_reason_R48(cast, proposed):
    """R48: the head records why the record stays protected: another item in force, at its level (R10)."""
    carrier, review = proposed
    before = world()
    with pytest.raises(DomainError) as no_reason:
        delisting_keep(actor=cast.director, review=review, item=cast.item("MAT", "1"), reasons=" ")
    assert no_reason.value.field == "reasons"
    with pytest.raises(DomainError) as other_level:  # a change of level is a re-grade (R10)
        delisting_keep(actor=cast.director, review=review, item=cast.exam_paper_item, reasons="Vẫn mật")
    assert other_level.value.rule == "R10"
    assert world() == before
    delisting_keep(actor=cast.director, review=review, item=cast.item("MAT", "1"), reasons="Nội dung vẫn thuộc khoản 1")
    carrier.refresh_from_db()
    assert carrier.status == Status.IN_STORAGE and list(carrier.items.all()) == [cast.item("MAT", "1")]
    review.refresh_from_db()
    assert review.status == DelistingReview.Status.KEPT and review.new_item == cast.item("MAT", "1")
    assert AuditEvent.objects.get(action="lifecycle.delisting.kept").actor_id == cast.director.pk
    run()  # kept: never proposed again
    assert DelistingReview.objects.count() == 1


def test_only_the_head_of_the_holding_agency_decides_R48(cast, proposed):
    """R48: a deputy, the clerk, a custodian or another agency's head is refused; nothing changes."""
    _carrier, review = proposed
    other_head = make_person("giamdocyte", cast.other_department, Position.HEAD, Level.TOI_MAT, designated=True)
    before = world()
    for person in (cast.deputy, cast.clerk, cast.exams_head, other_head):
        with pytest.raises(PermissionDenied) as refused:
            delisting_confirm(actor=person, review=review)
        assert refused.value.rule == "R48"
        with pytest.raises(PermissionDenied):
            delisting_keep(actor=person, review=review, item=cast.item("MAT", "1"), reasons="x")
    assert world() == before
    review.refresh_from_db()
    assert review.status == DelistingReview.Status.PENDING


def test_a_superseded_list_is_not_repealed_and_the_clerk_maps_its_items_R48(cast, client):
    """R48: superseding the list proposes nothing; the clerk maps the old item to the matching new one and the
    record is re-cited under it, still protected; only a clerk maps, once, at the same level."""
    carrier = outgoing_register(**outgoing_kwargs(cast))
    new_item = replacement_list(cast)
    admin = Person.objects.create_superuser(username="quantri", password="x-y-z-1-2-3")
    request = repeal_request_submit(
        actor=admin,
        secret_list=cast.exam_logistics_item.secret_list,
        new_status=ListStatus.SUPERSEDED,
        reasons="Thay thế bởi QĐ 200/QĐ-TTg",
    )
    repeal_request_approve(actor=cast.director, request=request)
    run()
    assert not DelistingReview.objects.exists()
    carrier.refresh_from_db()
    assert carrier.status == Status.IN_STORAGE
    client.force_login(cast.clerk)
    old = cast.exam_logistics_item
    assert reverse("ops:item-map", args=[old.pk]) in client.get(reverse("lifecycle:due")).content.decode()
    before = world()
    for person in (cast.director, cast.officer):
        with pytest.raises(PermissionDenied):
            item_map_check(person, old)
    with pytest.raises(DomainError) as wrong_level:
        item_map(
            actor=cast.clerk,
            item=old,
            new_item=SecretListItem.objects.create(
                secret_list=new_item.secret_list, level=Level.TOI_MAT, number="9", text="Khác"
            ),
        )
    assert wrong_level.value.rule == "R10"
    assert world() == before
    item_map(actor=cast.clerk, item=old, new_item=new_item, reasons="Khoản tương ứng")
    carrier.refresh_from_db()
    assert list(carrier.items.all()) == [new_item] and carrier.status == Status.IN_STORAGE
    old.refresh_from_db()
    assert old.replaced_by == new_item and old.mapped_by == cast.clerk
    event = AuditEvent.objects.get(action="catalog.item.mapped")
    assert event.actor_id == cast.clerk.pk and event.data["records"] == [carrier.pk]
    with pytest.raises(DomainError):
        item_map_check(cast.clerk, old)
    assert reverse("ops:item-map", args=[old.pk]) not in client.get(reverse("lifecycle:due")).content.decode()


def test_the_head_keeps_a_record_from_the_web_form_offered_only_items_at_its_level_R48(cast, proposed, client):
    """R48: the keep form offers the items in force at the record's level; posting it keeps the record."""
    _carrier, review = proposed
    client.force_login(cast.director)
    url = reverse("ops:delisting-keep", args=[review.pk])
    form = client.get(url).content.decode()
    assert f'value="{cast.item("MAT", "1").pk}"' in form and f'value="{cast.exam_paper_item.pk}"' not in form
    response = client.post(url, {"item": cast.item("MAT", "1").pk, "reasons": "Vẫn thuộc khoản 1"})
    assert response.status_code in (200, 302)
    review.refresh_from_db()
    assert review.status == DelistingReview.Status.KEPT and review.decided_by == cast.director
    client.force_login(cast.deputy)
    assert client.get(reverse("ops:delisting-confirm", args=[review.pk])).status_code in (403, 404)
