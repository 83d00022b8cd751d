"""Send an electronic secret to another installation as a signed, encrypted package (R27, R47)."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.audit.chain import record
from bmnn.core.errors import DomainError
from bmnn.core.levels import Level
from bmnn.core.uploadscan import open_in_child
from bmnn.org.models import Person
from bmnn.org.signing import require_signer
from bmnn.registry.choices import Direction, Status
from bmnn.registry.models import Carrier
from bmnn.vault.models import StoredFile
from bmnn.vault.reading import plaintext

from .. import keys, package
from ..models import Package, PackageKind, PackageStatus, Peer
from .common import agency_of, now_iso, require_keeper, sender_ref, store

RED = "#E00000"


def _files(carrier: Carrier) -> list[StoredFile]:
    return list(StoredFile.objects.filter(carrier=carrier, erased_at__isnull=True).order_by("pk"))


def send_check(actor: Person, carrier: Carrier) -> None:
    """The agency's clerk sends an outgoing secret of its own, signed by a signer of the table, with its files."""
    agency = agency_of(actor)
    require_keeper(actor, agency, "R27")
    if carrier.agency_id != agency.pk or carrier.direction != Direction.OUTGOING or carrier.original_id is not None:
        raise DomainError(
            _(
                "Only an outgoing state secret issued by the agency can be sent (its original entered in the "
                "outgoing register)."
            ),
            rule="R27",
        )
    if carrier.status in (Status.DESTROYED, Status.DECLASSIFIED):
        raise DomainError(
            _("This state secret has been destroyed or declassified: it is not sent as a secret document."), rule="R27"
        )
    if carrier.signer_id is None:  # R27: the signer's digital signature is required
        raise DomainError(_("The document names no signer: it cannot be sent."), rule="R27")
    if not _files(carrier):
        raise DomainError(
            _("This state secret has no electronic file in the vault: there is nothing to send."), rule="R27"
        )


def _pages(stored: StoredFile, content: bytes) -> int:
    """The pages of a stored file, counted by the capped child (issue 12: the web process parses no uploaded file);
    the plaintext goes to it through a pipe, never to disk (S6)."""
    counted = open_in_child(content, stored.name, {"kind": "pdf-pages"}).get("pages")
    if type(counted) is not int:
        raise DomainError(
            _("Cannot open the PDF file {name} in the vault: it cannot be sent.").format(name=stored.name), rule="R27"
        )
    return counted


def _file_entries(files: list[StoredFile]) -> tuple[list[dict[str, Any]], list[bytes]]:
    entries, contents = [], []
    for index, stored in enumerate(files):
        content = plaintext(stored)  # in memory only (S6)
        entries.append(
            {
                "name": stored.name,
                "pages": _pages(stored, content),
                "size": len(content),
                "sha256": package.sha256(content),
                "role": "document" if index == 0 else "attachment",
            }
        )
        contents.append(content)
    return entries, contents


def document_metadata(carrier: Carrier, signer: Person, files: list[dict[str, Any]]) -> dict[str, Any]:
    """What the recipient registers and checks: number and issue time, level and red mark, counts (R27, R28)."""
    level = Level(carrier.level)
    return {
        "number": carrier.doc_number,
        "register_number": carrier.reg_number,
        "year": carrier.reg_year,
        "issued_at": timezone.localtime(carrier.created_at).isoformat(),
        "sent_at": now_iso(),
        "doc_date": carrier.doc_date.isoformat() if carrier.doc_date else "",
        "level": carrier.level,
        "red_mark": {"text": str(level.label).upper(), "colour": RED},
        "urgency": carrier.urgency,
        "doc_type": carrier.doc_type,
        "abstract": "" if carrier.level == Level.TUYET_MAT else carrier.abstract,  # R18
        "issuing_body": carrier.agency.name,
        "recipients": carrier.recipients,
        "drafter": str(carrier.drafter or ""),
        "copies_issued": carrier.copies_issued,
        "copy_permitted": carrier.copy_permitted,
        "signer": {
            "name": str(signer),
            "title": signer.title or signer.get_position_display(),
            "public_key": keys.public_b64(keys.person_signing_key(signer.pk)),
        },
        "document_count": len(files),
        "files": files,
        "attachments": [f["name"] for f in files if f["role"] == "attachment"],
    }


def package_send(*, actor: Person, carrier: Carrier, peer: Peer) -> tuple[Package, bytes]:
    """Sign (signer, then agency) and encrypt an outgoing electronic secret for ``peer``; record the sending.

    The package file is handed back to be carried out of band; it is not kept here (only its hash).
    """
    with transaction.atomic():
        carrier = (
            Carrier.objects.select_for_update(of=("self",))
            .select_related("agency", "signer", "drafter")
            .get(pk=carrier.pk)
        )
        send_check(actor, carrier)
        if peer.revoked_at is not None:
            raise DomainError(_("The recipient's key has been revoked: nothing can be sent."), rule="R27", field="peer")
        agency = carrier.agency
        signer = carrier.signer
        if signer is None:  # send_check said so; the type checker needs it here
            raise DomainError(_("The document names no signer: it cannot be sent."), rule="R27")
        require_signer(signer, agency, carrier.level, carrier.doc_date or carrier.created_at.date())  # R47
        entries, contents = _file_entries(_files(carrier))
        document = document_metadata(carrier, signer, entries)
        package_id = str(uuid.uuid4())
        ephemeral, crypto_fields = package.encryption_fields(peer.transport_public_key)
        envelope = {
            "kind": PackageKind.DOCUMENT,
            "package_id": package_id,
            "created_at": now_iso(),
            "sender": sender_ref(agency),
            "recipient": {"name": peer.name},
            **crypto_fields,
        }
        inner = package.document_archive(document, keys.person_signing_key(signer.pk), contents)
        blob = package.seal(envelope, package.encrypt(envelope, ephemeral, inner), keys.agency_signing_key(agency.pk))
        sent = store(
            agency,
            actor,
            package_id=package_id,
            direction=Package.Direction.OUT,
            kind=PackageKind.DOCUMENT,
            status=PackageStatus.SENT,
            peer=peer,
            carrier=carrier,
            number=carrier.doc_number,
            sha256=package.sha256(blob),
            checks={"document_count": len(entries), "pages_sent": [e["pages"] for e in entries]},
        )
        record(
            actor,
            "exchange.package.sent",
            carrier,
            basis="R27, R44",
            data={
                "package_id": package_id,
                "recipient": peer.name,
                "signer": str(signer),
                "document_count": len(entries),
                "pages": [e["pages"] for e in entries],
                "sha256": sent.sha256,
            },
        )
    return sent, blob
