"""Recall an electronic secret sent to other installations; apply a recall received; import the confirmations
(R46): the recipient removes access at once and confirms the deletion with a signed package."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.org.models import Organisation, Person, Position
from bmnn.registry.policies import is_register_keeper
from bmnn.vault.services import files_erase_recalled

from .. import package
from ..models import Package, PackageKind, PackageStatus, Peer
from .common import agency_of, clear_body, now_iso, reply, store


def recall_check(actor: Person, sent: Package) -> None:
    """A sender with authority recalls: the head of the sending agency, the document's signer, or its clerk."""
    agency = agency_of(actor)
    if sent.agency_id != agency.pk:
        raise PermissionDenied("Chỉ cơ quan đã gửi mới được thu hồi.", rule="R46")
    carrier = sent.carrier
    authorised = (
        actor.position == Position.HEAD
        or is_register_keeper(actor, agency)
        or (carrier is not None and carrier.signer_id == actor.pk)
    )
    if not authorised:
        raise PermissionDenied(
            "Chỉ thủ trưởng cơ quan, người ký ban hành hoặc văn thư mới được thu hồi tài liệu điện tử mật đã gửi.",
            rule="R46",
        )
    if sent.direction != Package.Direction.OUT or sent.kind != PackageKind.DOCUMENT:
        raise DomainError("Chỉ thu hồi được gói tài liệu điện tử mật đã gửi đi.", rule="R46")
    if sent.status != PackageStatus.SENT:
        raise DomainError(f'Không thu hồi được: gói đang ở tình trạng "{sent.get_status_display()}".', rule="R46")


def package_recall(*, actor: Person, sent: Package, reason: str = "") -> Package:
    """Make the signed recall package for the recipient of ``sent``; the due page follows its confirmation."""
    with transaction.atomic():
        sent = Package.objects.select_for_update(of=("self",)).select_related("peer", "carrier").get(pk=sent.pk)
        recall_check(actor, sent)
        peer = sent.peer
        if peer is None:
            raise DomainError("Gói không ghi nơi nhận.", rule="R46")
        reply_id, content = reply(
            sent.agency,
            peer,
            PackageKind.RECALL,
            {
                "refers_to": sent.package_id,
                "number": sent.number,
                "reason": reason.strip(),
                "recalled_at": now_iso(),
                "recalled_by": str(actor),
            },
        )
        recall = store(
            sent.agency,
            actor,
            package_id=reply_id,
            direction=Package.Direction.OUT,
            kind=PackageKind.RECALL,
            status=PackageStatus.ISSUED,
            peer=peer,
            carrier=sent.carrier,
            refers_to=sent,
            number=sent.number,
            reason=reason.strip(),
            content=content,
        )
        sent.status = PackageStatus.RECALLED
        sent.save(update_fields=["status"])
        record(
            actor,
            "exchange.recall.issued",
            sent.carrier or recall,
            basis="R46, R44",
            data={
                "package_id": sent.package_id,
                "recall_package": reply_id,
                "recipient": peer.name,
                "reason": reason.strip(),
            },
        )
    return recall


def apply_recall(actor: Person, agency: Organisation, peer: Peer, sealed: package.Sealed, package_id: str) -> Package:
    """At the recipient: erase the files of the recalled document at once, answer with a signed confirmation."""
    body = clear_body(sealed)
    received = (
        Package.objects.select_for_update(of=("self",))
        .filter(
            agency=agency,
            direction=Package.Direction.IN,
            kind=PackageKind.DOCUMENT,
            peer=peer,
            package_id=str(body.get("refers_to", "")),
            status=PackageStatus.RECEIVED,
        )
        .select_related("carrier")
        .first()
    )
    if received is None or received.carrier is None:
        raise DomainError("Gói thu hồi không ứng với tài liệu nào đã nhận từ nơi này (hoặc đã thu hồi).", rule="R46")
    erased = files_erase_recalled(actor=actor, carrier=received.carrier)  # access removed at once
    received.status = PackageStatus.ERASED
    received.save(update_fields=["status"])
    when = timezone.localtime(clock.now())
    reply_id, content = reply(
        agency,
        peer,
        PackageKind.CONFIRMATION,
        {
            "refers_to": package_id,
            "document_package": received.package_id,
            "number": received.number,
            "erased_files": erased,
            "erased_at": when.isoformat(),
            "erased_by": str(actor),
            "recipient": agency.name,
        },
    )
    applied = store(
        agency,
        actor,
        package_id=package_id,
        direction=Package.Direction.IN,
        kind=PackageKind.RECALL,
        status=PackageStatus.IMPORTED,
        peer=peer,
        carrier=received.carrier,
        refers_to=received,
        number=received.number,
        reason=str(body.get("reason", ""))[:2000],
        content=content,
        checks={"erased_files": erased, "confirmation_package": reply_id},
    )
    record(
        actor,
        "exchange.recall.applied",
        received.carrier,
        basis="R46, R44",
        data={
            "package_id": received.package_id,
            "sender": peer.name,
            "erased_files": erased,
            "confirmation_package": reply_id,
        },
    )
    return applied


def confirmation_imported(
    actor: Person, agency: Organisation, peer: Peer, sealed: package.Sealed, package_id: str
) -> Package:
    """At the sender: the recipient confirmed the deletion; the recall is closed for that recipient."""
    body = clear_body(sealed)
    recall = (
        Package.objects.select_for_update(of=("self",))
        .filter(
            agency=agency,
            direction=Package.Direction.OUT,
            kind=PackageKind.RECALL,
            peer=peer,
            package_id=str(body.get("refers_to", "")),
        )
        .select_related("refers_to")
        .first()
    )
    if recall is None:
        raise DomainError("Gói xác nhận không ứng với lệnh thu hồi nào đã gửi cho nơi này.", rule="R46")
    if recall.confirmed_at is not None:
        raise DomainError("Nơi nhận đã xác nhận xóa trước đó.", rule="R46")
    recall.confirmed_at, recall.status = clock.now(), PackageStatus.RECALL_CONFIRMED
    recall.save(update_fields=["confirmed_at", "status"])
    if recall.refers_to is not None:
        recall.refers_to.status = PackageStatus.RECALL_CONFIRMED
        recall.refers_to.save(update_fields=["status"])
    confirmation = store(
        agency,
        actor,
        package_id=package_id,
        direction=Package.Direction.IN,
        kind=PackageKind.CONFIRMATION,
        status=PackageStatus.IMPORTED,
        peer=peer,
        carrier=recall.carrier,
        refers_to=recall,
        number=recall.number,
        checks={"erased_files": body.get("erased_files"), "erased_at": body.get("erased_at")},
    )
    record(
        actor,
        "exchange.recall.confirmed",
        recall.carrier or confirmation,
        basis="R46, R44",
        data={
            "recall_package": recall.package_id,
            "recipient": peer.name,
            "erased_at": body.get("erased_at"),
            "erased_files": body.get("erased_files"),
        },
    )
    return confirmation
