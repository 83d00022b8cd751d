"""Councils: declassification on practical grounds (R11) and routine destruction (R36); emergency destruction (R37).

A council is set up by decision, meets and writes minutes, then a competent person decides. A
declassification takes effect with the decision; a destruction takes effect when every member
has confirmed the destruction record, and the items are then locked as destroyed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from bmnn.approvals.policies import decision_basis
from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.levels import Level, highest
from bmnn.core.roles import Operation, Position
from bmnn.legal.authority import approvers_described
from bmnn.org.models import Organisation, Person
from bmnn.registry.choices import Direction, Medium, Status
from bmnn.registry.guards import guard
from bmnn.registry.models import Carrier, Incident
from bmnn.registry.policies import is_register_keeper
from bmnn.registry.services.common import require_cleared

from .. import electronic
from ..models import (
    Council,
    CouncilConfirmation,
    CouncilPurpose,
    DestroyedFile,
    DestructionEntry,
    EmergencyDestruction,
    LevelChange,
    NoticeKind,
    RecallItem,
    Reminder,
)
from .common import add_mark, head_of, open_notices
from .protection import mark_declassified

RULE = {CouncilPurpose.DESTROY: "R36", CouncilPurpose.DECLASSIFY: "R11"}
OPERATION = {CouncilPurpose.DESTROY: Operation.DESTROY, CouncilPurpose.DECLASSIFY: Operation.DECLASSIFY}
LEADERS = {Position.HEAD, Position.DEPUTY_HEAD}


def council_set_up_check(actor: Person, _subject: object = None) -> None:
    """The head or the clerk of an agency records the decisions setting up its councils (R11, R36)."""
    agency = actor.agency()
    if agency is None:
        raise PermissionDenied(_("The account does not belong to any agency or unit yet."), rule="R11")
    _require_leader(actor, agency, "R11")


def council_set_up(
    *,
    actor: Person,
    purpose: str,
    carriers: Sequence[Carrier],
    setup_decision_ref: str,
    setup_date: dt.date,
    chair: Person,
    members: Sequence[Person],
) -> Council:
    """Record the decision setting up a council over a list of secrets of one agency (R11, R36).

    The chair counts as a member: every member, the chair included, signs the destruction record.
    """
    if purpose not in CouncilPurpose.values:
        raise DomainError(_("Invalid kind of council."), field="purpose")
    rule = RULE[CouncilPurpose(purpose)]
    with transaction.atomic():
        listed = _lock([c.pk for c in carriers])
        if not listed:
            raise DomainError(_("List the state secrets put before the council."), rule=rule, field="carriers")
        agency = listed[0].agency
        if any(c.agency_id != agency.pk for c in listed):
            raise DomainError(
                _("The state secrets put before one council must be managed by one agency."),
                rule=rule,
                field="carriers",
            )
        _require_leader(actor, agency, rule)
        if not setup_decision_ref.strip():
            raise DomainError(
                _("Write the number of the council's founding decision."), rule=rule, field="setup_decision_ref"
            )
        if setup_date > clock.today():
            raise DomainError(_("The council's founding date cannot be in the future."), field="setup_date")
        for carrier in listed:
            _check_subject(carrier, purpose)
        people = _check_people(purpose, agency, listed, chair, members)
        council = Council.objects.create(
            purpose=purpose,
            agency=agency,
            setup_decision_ref=setup_decision_ref.strip(),
            setup_date=setup_date,
            chair=chair,
            created_by=actor,
        )
        council.members.set(people)
        council.carriers.set(listed)
        record(
            actor,
            "lifecycle.council.set_up",
            council,
            basis=rule,
            data={
                "purpose": purpose,
                "setup_decision_ref": council.setup_decision_ref,
                "setup_date": setup_date.isoformat(),
                "chair": str(chair),
                "members": [str(p) for p in people],
                "carriers": [_describe(c) for c in listed],
            },
        )
    return council


def _require_leader(actor: Person, agency: Organisation, rule: str) -> None:
    if not (is_register_keeper(actor, agency) or _is_head(actor, agency)):
        raise PermissionDenied(
            _("Only the agency's head or clerk may register a council's founding decision."), rule=rule
        )


def council_destroy_check(actor: Person, carrier: Carrier) -> None:
    """The head or the clerk brings a record that may be destroyed before a destruction council (R36)."""
    _require_leader(actor, carrier.agency, "R36")
    _check_subject(carrier, CouncilPurpose.DESTROY)


def council_declassify_check(actor: Person, carrier: Carrier) -> None:
    """The head or the clerk of the classifying agency brings an original before a declassification council (R11)."""
    _require_leader(actor, carrier.agency, "R11")
    _check_subject(carrier, CouncilPurpose.DECLASSIFY)


def _check_people(
    purpose: str, agency: Organisation, listed: list[Carrier], chair: Person, members: Sequence[Person]
) -> list[Person]:
    """The chair leads the agency; every member may see the items; for destruction the custodians sit on it."""
    rule = RULE[CouncilPurpose(purpose)]
    if chair.organisation_id != agency.pk or chair.position not in LEADERS or not chair.is_active:
        if purpose == CouncilPurpose.DESTROY:
            text = _("The council chair must be a leader (the head or a deputy) of the managing agency: {agency}.")
        else:
            text = _("The council chair must be a leader (the head or a deputy) of the classifying agency: {agency}.")
        raise DomainError(
            text.format(agency=agency),
            rule=rule,
            field="chair",
        )
    people = list({p.pk: p for p in [chair, *members]}.values())
    level = highest(c.level for c in listed) or Level.MAT
    for person in people:
        require_cleared(person, level, f"Thành viên hội đồng {person}")
    if purpose == CouncilPurpose.DESTROY:
        member_ids = {p.pk for p in people}
        absent = sorted({str(c.custodian) for c in listed if c.custodian_id and c.custodian_id not in member_ids})
        if absent:
            raise DomainError(
                _(
                    "The persons directly managing the state secrets must sit on the destruction council: {names}."
                ).format(names=", ".join(absent)),
                rule="R36",
                field="members",
            )
    return people


def _check_subject(carrier: Carrier, purpose: str, council: Council | None = None) -> None:
    if purpose == CouncilPurpose.DESTROY:
        _check_destroyable(carrier, council)
        return
    guard(carrier, "declassify")
    if carrier.original_id:
        raise DomainError(
            _("{carrier}: declassification applies to the original; copies follow the original.").format(
                carrier=carrier
            ),
            rule="R11",
        )
    if carrier.direction != Direction.OUTGOING:
        raise DomainError(
            _("{carrier}: only the classifying agency ({agency}) may set up a declassification council.").format(
                carrier=carrier, agency=carrier.sender or carrier.issuing_body
            ),
            rule="R11",
        )
    _check_no_other_council(carrier, purpose, council)


def _check_destroyable(carrier: Carrier, council: Council | None) -> None:
    """R36: nothing out of storage, in transit, under recall or under an open incident is destroyed."""
    guard(carrier, "destroy")
    if RecallItem.objects.filter(carrier=carrier, returned_at__isnull=True, recall__closed_at__isnull=True).exists():
        raise DomainError(
            _("Cannot destroy {carrier}: it is under recall and not returned.").format(carrier=carrier), rule="R36"
        )
    if Incident.objects.open_about(carrier).exists():
        raise DomainError(
            _("Cannot destroy {carrier}: an incident about it is not yet remedied.").format(carrier=carrier), rule="R36"
        )
    _check_no_other_council(carrier, CouncilPurpose.DESTROY, council)


def _check_no_other_council(carrier: Carrier, purpose: str, council: Council | None) -> None:
    others = Council.objects.filter(purpose=purpose, carriers=carrier, closed_at__isnull=True)
    if council is not None:
        others = others.exclude(pk=council.pk)
    if others.exists():
        raise DomainError(
            _("{carrier} is before another council.").format(carrier=carrier), rule=RULE[CouncilPurpose(purpose)]
        )


def council_minutes_check(actor: Person, council: Council) -> None:
    """A member writes the minutes once, before the decision (R11, R36)."""
    _require_member(actor, council)
    _require_undecided(council)
    if council.minutes:
        raise DomainError(
            _("The council meeting minutes are already drawn up."), rule=RULE[CouncilPurpose(council.purpose)]
        )


def council_minutes(*, actor: Person, council: Council, minutes: str) -> Council:
    """Record the council's meeting minutes, once, before the decision (R11, R36)."""
    with transaction.atomic():
        council = Council.objects.select_for_update().get(pk=council.pk)
        rule = RULE[CouncilPurpose(council.purpose)]
        council_minutes_check(actor, council)
        if not minutes.strip():
            raise DomainError(_("The council meeting minutes cannot be empty."), rule=rule, field="minutes")
        council.minutes, council.minutes_at = minutes.strip(), clock.now()
        council.save(update_fields=["minutes", "minutes_at"])
        record(
            actor,
            "lifecycle.council.minutes",
            council,
            basis=rule,
            data={"minutes_at": council.minutes_at.isoformat(), "length": len(council.minutes)},
        )
    return council


def _decision_basis(actor: Person, council: Council) -> str:
    """The basis on which ``actor`` decides for the highest level listed; refused otherwise (R11, R36)."""
    purpose = CouncilPurpose(council.purpose)
    rule = RULE[purpose]
    _require_undecided(council)
    level = highest(council.carriers.values_list("level", flat=True)) or Level.MAT
    today = clock.today()
    basis = decision_basis(actor, operation=OPERATION[purpose], level=level, agency=council.agency, on=today)
    if basis is None:  # R36: a Mật-only approver may not decide a destruction
        who = "; ".join(approvers_described(OPERATION[purpose], level, today)) or pgettext("lifecycle", "nobody")
        raise PermissionDenied(
            _(
                "You are not competent to decide this for a state secret of level {level}. "
                "By the table of competence: {who}."
            ).format(level=Level(level).label, who=who),
            rule=rule,
        )
    if not council.minutes:
        raise DomainError(_("No council meeting minutes yet: no decision can be made."), rule=rule)
    return basis


def council_decide_check(actor: Person, council: Council) -> None:
    """A person competent for the highest level listed decides once, after the minutes (R11, R36)."""
    _decision_basis(actor, council)


def council_decide(
    *, actor: Person, council: Council, decision_ref: str, approve: bool = True, partial_content: str | None = None
) -> Council:
    """Decide after the minutes, by a person competent for the operation and the highest level listed.

    Declassification (R11) takes effect at once, fully or, with ``partial_content``, partly: the item
    stays secret and the declassified content is recorded. Destruction (R36) then needs the record.
    """
    with transaction.atomic():
        council = Council.objects.select_for_update().get(pk=council.pk)
        purpose = CouncilPurpose(council.purpose)
        rule = RULE[purpose]
        listed = _lock(list(council.carriers.values_list("pk", flat=True)))
        level = highest(c.level for c in listed) or Level.MAT
        basis = _decision_basis(actor, council)
        if not decision_ref.strip():
            raise DomainError(_("Write the decision number."), rule=rule, field="decision_ref")
        partial = _partial(purpose, partial_content) if approve else ""
        if approve:
            for carrier in listed:
                _check_subject(carrier, purpose, council)
        council.decision_ref, council.decided_by, council.decided_at = decision_ref.strip(), actor, clock.now()
        if not approve or purpose == CouncilPurpose.DECLASSIFY:
            council.closed_at = council.decided_at
        council.save(update_fields=["decision_ref", "decided_by", "decided_at", "closed_at"])
        record(
            actor,
            "lifecycle.council.decided",
            council,
            basis=rule,
            data={
                "approve": approve,
                "decision_ref": council.decision_ref,
                "decision_basis": basis,
                "level": level,
                "partial": bool(partial),
                "carriers": [_describe(c) for c in listed],
            },
        )
        if approve and purpose == CouncilPurpose.DECLASSIFY:
            for carrier in listed:
                _declassify(actor, council, carrier, partial)
    return council


def _partial(purpose: str, partial_content: str | None) -> str:
    if partial_content is None:
        return ""
    if purpose != CouncilPurpose.DECLASSIFY:
        raise DomainError(_("Only a declassification can be partial."), field="partial_content")
    if not partial_content.strip():  # R11: a partial decision spells out what is declassified
        raise DomainError(
            _("A partial declassification must state the declassified content."), rule="R11", field="partial_content"
        )
    return partial_content.strip()


def _declassify(actor: Person, council: Council, carrier: Carrier, partial: str) -> None:
    """R11: full declassification stamps "GIẢI MẬT"; a partial one keeps the item secret. Notices either way."""
    now = council.decided_at or clock.now()
    when = f"{clock.today():%d/%m/%Y} (Quyết định {council.decision_ref})"
    LevelChange.objects.create(
        carrier=carrier,
        kind=LevelChange.Kind.COUNCIL,
        old_level=carrier.level,
        new_level=carrier.level if partial else "",
        old_until=carrier.protection_until,
        new_until=carrier.protection_until if partial else None,
        partial=bool(partial),
        declassified_content=partial,
        decided_by=actor,
        decided_at=now,
        basis=f"R11; {council.setup_decision_ref}",
    )
    if partial:
        mark = f"Giải mật một phần – Từ: {when}"
        for target in [carrier, *carrier.copies.exclude(status__in=[Status.DESTROYED, Status.DECLASSIFIED])]:
            add_mark(target, mark)
            target.save(update_fields=["marks"])
        content = f"{carrier} được giải mật một phần từ {when}. Nội dung được giải mật: {partial}"
    else:
        mark_declassified(carrier, f"GIẢI MẬT – Từ: {when}")
        content = f"{carrier} được giải mật từ {when}."
    notices = open_notices(carrier, NoticeKind.DECLASSIFY, content)
    record(
        actor,
        "lifecycle.declassified.by_council",
        carrier,
        basis="R11",
        data={
            "council_id": council.pk,
            "setup_decision_ref": council.setup_decision_ref,
            "decision_ref": council.decision_ref,
            "partial": bool(partial),
            "declassified_content": partial,
            "notices": [n.recipient for n in notices],
            "notice_due": notices[0].due.isoformat() if notices else "",
        },
    )


def destruction_record_check(actor: Person, council: Council) -> None:
    """A member writes the record once, after the decision to destroy (R36)."""
    _require_destruction_decided(council)
    _require_member(actor, council)
    if council.entries.exists():
        raise DomainError(_("This council's destruction record is already drawn up."), rule="R36")


def destruction_record(
    *, actor: Person, council: Council, entries: Sequence[tuple[Carrier, str, str]]
) -> list[DestructionEntry]:
    """Write the destruction record: each listed item once, in sequence, with its method and executors (R36)."""
    with transaction.atomic():
        council = Council.objects.select_for_update().get(pk=council.pk)
        destruction_record_check(actor, council)
        given = [carrier.pk for carrier, _, _ in entries]
        if len(set(given)) != len(given) or set(given) != set(council.carriers.values_list("pk", flat=True)):
            raise DomainError(
                _("The destruction record must list exactly every state secret decided for destruction, each once."),
                rule="R36",
                field="entries",
            )
        locked = {c.pk: c for c in _lock(given)}
        now, rows = clock.now(), []
        for sequence, (carrier, method, executors) in enumerate(entries, start=1):
            if not method.strip() or not executors.strip():
                raise DomainError(
                    _("Line {line}: write the destruction method and who carries it out.").format(line=sequence),
                    rule="R36",
                    field="entries",
                )
            _check_destroyable(locked[carrier.pk], council)
            row = DestructionEntry.objects.create(
                council=council,
                carrier=locked[carrier.pk],
                sequence=sequence,
                method=method.strip(),
                executors=executors.strip(),
                destroyed_at=now,
            )
            _list_files(row)
            rows.append(row)
        record(
            actor,
            "lifecycle.destruction.recorded",
            council,
            basis="R36",
            data={
                "decision_ref": council.decision_ref,
                "entries": [
                    {
                        "sequence": r.sequence,
                        **_describe(r.carrier),
                        "method": r.method,
                        "executors": r.executors,
                        "files": [_file_data(f) for f in r.files.all()],
                    }
                    for r in rows
                ],
            },
        )
    return rows


def _list_files(entry: DestructionEntry) -> None:
    """R36: the record lists each electronic item of the line: the files the stores keep of the record, or, for
    an electronic copy no store keeps (a downloaded copy), where its holder keeps it."""
    carrier = entry.carrier
    items = electronic.items_of(carrier)
    if not items and carrier.medium == Medium.ELECTRONIC:
        items = [electronic.outside_item(carrier)]
    for item in items:
        DestroyedFile.objects.create(entry=entry, reference=item.reference, name=item.name, location=item.location)


def _erase_files(actor: Person, entry: DestructionEntry) -> list[DestroyedFile]:
    """Crypto-erase every file the stores keep of the line's record, in this transaction, and write the time on
    the record's electronic items; a file stored after the record was written is added to it (R36, S6)."""
    listed = {f.reference: f for f in entry.files.all() if f.reference}
    for item in electronic.erase_all(actor, entry.carrier, "R36, R44"):
        row = listed.get(item.reference) or DestroyedFile(
            entry=entry, reference=item.reference, name=item.name, location=item.location
        )
        row.erased_at = item.erased_at
        row.save()
        listed[item.reference] = row
    return list(entry.files.all())


def _file_data(f: DestroyedFile) -> dict[str, object]:
    return {
        "name": f.name,
        "location": f.location,
        "erased_at": f.erased_at.isoformat() if f.erased_at else "",
    }


def destruction_confirm_check(actor: Person, council: Council) -> None:
    """Each member confirms the written record once (R36)."""
    _require_destruction_decided(council)
    _require_member(actor, council)
    if not council.entries.exists():
        raise DomainError(_("There is no destruction record to confirm yet."), rule="R36")
    if council.confirmations.filter(member=actor).exists():
        raise DomainError(_("You have already confirmed this destruction record."), rule="R36")


def destruction_confirm(*, actor: Person, council: Council) -> Council:
    """A member confirms the destruction record; the last confirmation locks every listed item as destroyed."""
    with transaction.atomic():
        council = Council.objects.select_for_update().get(pk=council.pk)
        destruction_confirm_check(actor, council)
        CouncilConfirmation.objects.create(council=council, member=actor, confirmed_at=clock.now())
        confirmed, total = council.confirmations.count(), council.members.count()
        record(
            actor,
            "lifecycle.destruction.confirmed",
            council,
            basis="R36",
            data={"member": str(actor), "confirmed": confirmed, "members": total},
        )
        if confirmed == total:
            _destroy_listed(actor, council)
    return council


def _destroy_listed(actor: Person, council: Council) -> None:
    entries = list(council.entries.order_by("sequence"))
    locked = {c.pk: c for c in _lock([e.carrier_id for e in entries])}
    signers = [str(c.member) for c in council.confirmations.select_related("member").order_by("confirmed_at")]
    for entry in entries:
        carrier = locked[entry.carrier_id]
        _check_destroyable(carrier, council)
        carrier.status = Status.DESTROYED
        carrier.save(update_fields=["status"])
        entry.carrier = carrier
        files = _erase_files(actor, entry)
        record(
            actor,
            "lifecycle.destroyed",
            carrier,
            basis="R36",
            data={
                "council_id": council.pk,
                "setup_decision_ref": council.setup_decision_ref,
                "decision_ref": council.decision_ref,
                "decided_by": str(council.decided_by),
                "sequence": entry.sequence,
                "method": entry.method,
                "executors": entry.executors,
                "signed_by": signers,
                "files": [_file_data(f) for f in files],
            },
        )
    council.closed_at = clock.now()
    council.save(update_fields=["closed_at"])


def destroy_emergency_check(actor: Person, carrier: Carrier) -> None:
    """The custodian destroys a live record at once, reporting to a head who exists (R37)."""
    guard(carrier, "destroy_emergency")
    if actor.pk != carrier.custodian_id:
        raise PermissionDenied(
            _("Only the person directly managing the state secret may destroy it in an emergency."), rule="R37"
        )
    _head_to_report_to(carrier)


def _head_to_report_to(carrier: Carrier) -> Person:
    head = head_of(carrier.agency)
    if head is None:
        raise DomainError(_("The agency has no head account to receive the report at once."), rule="R37")
    return head


def destroy_emergency(
    *, actor: Person, carrier: Carrier, reason: str, method: str, report: str
) -> EmergencyDestruction:
    """The custodian destroys at once when keeping the item would cause harm, reporting to the head (R37)."""
    with transaction.atomic():
        carrier = Carrier.objects.select_for_update().get(pk=carrier.pk)
        destroy_emergency_check(actor, carrier)
        missing = [
            label
            for label, value in (
                ("lý do khẩn cấp", reason),
                ("phương pháp tiêu hủy", method),
                ("báo cáo bằng văn bản gửi người đứng đầu", report),
            )
            if not value.strip()
        ]
        if missing:
            raise DomainError(
                _("An emergency destruction needs: {missing}.").format(missing=", ".join(missing)), rule="R37"
            )
        head = _head_to_report_to(carrier)
        now = clock.now()
        emergency = EmergencyDestruction.objects.create(
            carrier=carrier,
            custodian=actor,
            reason=reason.strip(),
            method=method.strip(),
            destroyed_at=now,
            report=report.strip(),
            reported_to=head,
        )
        carrier.status = Status.DESTROYED
        carrier.save(update_fields=["status"])
        erased = electronic.erase_all(actor, carrier, "R37, R44")  # no readable file outlives the record (S6)
        Reminder.objects.create(
            key=f"emergency:{emergency.pk}",
            person=head,
            carrier=carrier,
            due=clock.today(),
            created_at=now,
            text=f"Báo cáo tiêu hủy khẩn cấp {carrier} của {actor}: xem báo cáo và chỉ đạo"[:300],
        )
        record(
            actor,
            "lifecycle.destroyed.emergency",
            carrier,
            basis="R37",
            data={
                "emergency_id": emergency.pk,
                "reason": emergency.reason,
                "method": emergency.method,
                "reported_to": str(head),
                "report": emergency.report,
                "erased_files": [{"name": i.name, "location": i.location} for i in erased],
            },
        )
    return emergency


def emergency_acknowledge_check(actor: Person, emergency: EmergencyDestruction) -> None:
    """The head the report went to acknowledges it, once (R37)."""
    if actor.pk != emergency.reported_to_id:
        raise PermissionDenied(
            _("Only the head who received the report may acknowledge the emergency destruction report."), rule="R37"
        )
    if emergency.acknowledged_at is not None:
        raise DomainError(
            _("This report was already acknowledged at {time}.").format(
                time=f"{timezone.localtime(emergency.acknowledged_at):%H:%M %d/%m/%Y}"
            ),
            rule="R37",
        )


def emergency_acknowledge(*, actor: Person, emergency: EmergencyDestruction, direction: str) -> EmergencyDestruction:
    """The head records having received the emergency destruction report, with their direction (R37)."""
    with transaction.atomic():
        emergency = EmergencyDestruction.objects.select_for_update().select_related("carrier").get(pk=emergency.pk)
        emergency_acknowledge_check(actor, emergency)
        if not direction.strip():
            raise DomainError(_("Write the head's directions."), rule="R37", field="direction")
        now = clock.now()
        emergency.acknowledged_at, emergency.direction = now, direction.strip()
        emergency.save(update_fields=["acknowledged_at", "direction"])
        Reminder.objects.filter(key=f"emergency:{emergency.pk}", done_at__isnull=True).update(done_at=now)
        record(
            actor,
            "lifecycle.destroyed.emergency_acknowledged",
            emergency.carrier,
            basis="R37",
            data={
                "emergency_id": emergency.pk,
                "direction": emergency.direction,
                "late": clock.local_date(now) > clock.local_date(emergency.destroyed_at),
            },
        )
    return emergency


def _lock(pks: Sequence[int]) -> list[Carrier]:
    return list(Carrier.objects.select_for_update().filter(pk__in=pks).order_by("pk"))


def _is_head(person: Person, agency: Organisation) -> bool:
    return person.organisation_id == agency.pk and person.position == Position.HEAD


def _require_member(actor: Person, council: Council) -> None:
    if not council.members.filter(pk=actor.pk).exists():
        raise PermissionDenied(
            _("Only the council's chair or members may do this."),
            rule=RULE[CouncilPurpose(council.purpose)],
        )


def _require_undecided(council: Council) -> None:
    if council.decided_at is not None or council.closed_at is not None:
        raise DomainError(_("The council already has a decision."), rule=RULE[CouncilPurpose(council.purpose)])


def _require_destruction_decided(council: Council) -> None:
    if council.purpose != CouncilPurpose.DESTROY:
        raise DomainError(_("This is not a destruction council."), rule="R36")
    if council.closed_at is not None:
        raise DomainError(_("The council has finished."), rule="R36")
    if council.decided_at is None:
        raise DomainError(_("There is no destruction decision by the competent person yet."), rule="R36")


def _describe(carrier: Carrier) -> dict[str, object]:
    """What the dossier lists for each item (R36): document number, copy number, abstract (never for TUYET_MAT)."""
    return {
        "carrier_id": carrier.pk,
        "document_number": carrier.doc_number,
        "copy_number": carrier.copy_number,
        "level": carrier.level,
        "abstract": "" if carrier.level == Level.TUYET_MAT else carrier.abstract,
    }
