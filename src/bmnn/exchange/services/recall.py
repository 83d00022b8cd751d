"""Recall an electronic secret sent to other installations; apply a recall received; import the confirmations
(R46): the recipient removes access at once and confirms the deletion with a signed package."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.org.models import Organisation, Person, Position
from bmnn.registry.models import Carrier
from bmnn.registry.policies import is_register_keeper
from bmnn.vault.services import files_erase_recalled

from .. import package
from ..models import Package, PackageKind, PackageStatus, Peer
from .common import agency_of, clear_body, now_iso, reply, store


def sent_packages(carrier: Carrier) -> QuerySet[Package]:
    """The document packages of ``carrier`` its agency sent and has not recalled: one per recipient sent to."""
    return Package.objects.filter(
        agency=carrier.agency_id,
        direction=Package.Direction.OUT,
        kind=PackageKind.DOCUMENT,
        carrier=carrier,
        status=PackageStatus.SENT,
    ).select_related("peer")


def recall_check(actor: Person, carrier: Carrier) -> None:
    """A sender with authority recalls a record sent electronically: the head of the sending agency, the document's
    signer, or its clerk; while some recipient still holds it (R46)."""
    agency = agency_of(actor)
    if carrier.agency_id != agency.pk:
        raise PermissionDenied(_("Only the sending agency may recall."), rule="R46")
    authorised = actor.position == Position.HEAD or is_register_keeper(actor, agency) or carrier.signer_id == actor.pk
    if not authorised:
        raise PermissionDenied(
            _("Only the head of the agency, the signer or a clerk may recall a sent secret electronic document."),
            rule="R46",
        )
    if not sent_packages(carrier).exists():
        raise DomainError(
            _("No recipient holds this secret electronic document (not sent, reported as faulty or already recalled)."),
            rule="R46",
        )


def document_recall(*, actor: Person, carrier: Carrier, reason: str = "") -> list[Package]:
    """Recall an electronic secret from every installation it was sent to, in one operation: one signed recall
    package per recipient, each to be handed over out of band; the record and the due page follow each
    recipient's confirmation (R46). Returns the recall packages, one per recipient."""
    with transaction.atomic():
        carrier = Carrier.objects.select_for_update().get(pk=carrier.pk)
        recall_check(actor, carrier)
        sent = list(sent_packages(carrier).select_for_update(of=("self",)).order_by("pk"))
        recalls = [_recall_package(actor, package, reason.strip()) for package in sent]
        record(
            actor,
            "exchange.recall.issued",
            carrier,
            basis="R46, R44",
            data={
                "reason": reason.strip(),
                "recipients": [
                    {"recipient": str(r.peer), "package_id": p.package_id, "recall_package": r.package_id}
                    for p, r in zip(sent, recalls, strict=True)
                ],
            },
        )
    return recalls


def _recall_package(actor: Person, sent: Package, reason: str) -> Package:
    peer = sent.peer
    if peer is None:
        raise DomainError(_("The package names no recipient."), rule="R46")
    reply_id, content = reply(
        sent.agency,
        peer,
        PackageKind.RECALL,
        {
            "refers_to": sent.package_id,
            "number": sent.number,
            "reason": reason,
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
        reason=reason,
        content=content,
    )
    sent.status = PackageStatus.RECALLED
    sent.save(update_fields=["status"])
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
        raise DomainError(
            _("The recall package matches no document received from this sender (or it was already recalled)."),
            rule="R46",
        )
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
        raise DomainError(_("The confirmation package matches no recall sent to this recipient."), rule="R46")
    if recall.confirmed_at is not None:
        raise DomainError(_("The recipient has already confirmed the deletion."), rule="R46")
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
