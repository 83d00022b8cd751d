"""The exchange's operations: register a peer's keys, export our key card, send an electronic secret, import any
package, recall, export a stored reply (R27, R28, R46).

Each is declared once; its screen, REST endpoint and command come from here (bmnn.core.operations).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from bmnn.core.errors import DomainError
from bmnn.core.operations import Download, Operation, Subject
from bmnn.core.text import fold
from bmnn.registry.operations import CARRIER

from . import forms as f
from . import selectors, services
from .models import Package, PackageStatus


def present(p: Package) -> dict[str, Any]:
    return {
        "id": p.pk,
        "package_id": p.package_id,
        "direction": p.direction,
        "kind": p.kind,
        "status": p.status,
        "peer": str(p.peer or ""),
        "carrier": p.carrier_id,
        "number": p.number,
        "reason": p.reason,
        "checks": p.checks,
        "created_at": p.created_at,
        "confirmed_at": p.confirmed_at,
        "has_file": p.content is not None,
    }


PACKAGE = Subject(
    "exchange-package",
    selectors.package_get_for_user,
    page="exchange:package",
    api="exchange-packages",
    web="goi-trao-doi",
    present=present,
)
PEER = Subject(
    "exchange-peer",
    selectors.peer_get_for_user,
    page="admin:exchange_peer_change",
    api="exchange-peers",
    web="he-thong-nhan",
    present=lambda p: {
        "id": p.pk,
        "name": p.name,
        "installation": p.installation,
        "signing_public_key": p.signing_public_key,
        "transport_public_key": p.transport_public_key,
    },
)


KIND_SLUG = {"DOCUMENT": "tai-lieu-mat", "ERROR": "bao-loi", "RECALL": "thu-hoi", "CONFIRMATION": "xac-nhan-xoa"}


def _file_name(p: Package) -> str:
    """An ASCII name (the number folded): every browser and file system takes it as is."""
    number = "-".join(fold(p.number).replace("/", " ").split()) or "goi"
    return f"goi-{KIND_SLUG.get(p.kind, 'goi')}-{number}-{p.package_id[:8]}.zip"


def _send(actor: Any, carrier: Any, data: dict[str, Any]) -> Download:
    sent, blob = services.package_send(actor=actor, carrier=carrier, peer=data["peer"])
    return Download(blob, _file_name(sent), "application/zip")


def _recalled(recalls: list[Package]) -> str:
    recipients = ", ".join(str(r.peer) for r in recalls)
    return _(
        "{count} recall packages have been made, one per recipient ({recipients}): download each one under "
        '"Recall a sent secret electronic document" and pass it to its recipient.'
    ).format(count=len(recalls), recipients=recipients)


def _file_check(actor: Any, p: Package) -> None:
    if p.content is None:
        raise DomainError(
            _("This package is not kept for export (a document package is exported only once, when sent)."), rule="R27"
        )
    services.import_check(actor)


def _imported(p: Package) -> str:
    if p.status == PackageStatus.REJECTED:
        return _(
            "The package failed the checks and was not registered: {reason} An error report package has been made: "
            "download it and send it back to {peer}."
        ).format(reason=p.reason, peer=p.peer)
    if p.status == PackageStatus.RECEIVED and p.carrier is not None:
        return _(
            "The package has been checked and entered in the incoming register as number {reg_number} ({number})."
        ).format(reg_number=f"{p.carrier.reg_number:02d}", number=p.number)
    if p.content is not None:
        return _(
            "Document {number} has been deleted as the recall requested; download the confirmation package and send "
            "it back to {peer}."
        ).format(number=p.number, peer=p.peer)
    return _("The {kind} package of {peer} has been imported.").format(kind=p.get_kind_display().lower(), peer=p.peer)


OPERATIONS = [
    Operation(
        "exchange-peer-register",
        _("Register the public keys of a peer system"),
        form=f.PeerForm,
        returns=PEER,
        web="he-thong-nhan/dang-ky",
        api="exchange-peers",
        check=services.peer_register_check,
        submit=_("Register the keys"),
        run=lambda actor, _s, data: services.peer_register(actor=actor, **data),
        done=lambda p: _("The public keys of {name} have been registered.").format(name=p.name),
    ),
    Operation(
        "exchange-key-card",
        _("Export the agency's public key card"),
        web="goi-trao-doi/the-khoa",
        api="exchange-packages/key-card",
        check=services.key_card_check,
        submit=_("Download the key card"),
        run=lambda actor, _s, _d: Download(
            services.key_card(actor=actor), "the-khoa-cong-khai.json", "application/json"
        ),
    ),
    Operation(
        "exchange-send",
        _("Send a secret electronic document (signed, encrypted package)"),
        form=f.SendForm,
        subject=CARRIER,
        check=services.send_check,
        submit=_("Sign, encrypt and download the package"),
        web="gui-dien-tu",
        api="exchange-send",
        run=_send,
    ),
    Operation(
        "exchange-import",
        _("Import a received secret electronic document package"),
        form=f.ImportForm,
        returns=PACKAGE,
        web="goi-trao-doi/nhap",
        api="exchange-packages",
        check=services.import_check,
        submit=_("Check and import"),
        done=_imported,
        run=lambda actor, _s, data: services.package_import(actor=actor, blob=data["package"].read()),
    ),
    Operation(
        "exchange-recall",
        _("Recall a sent secret electronic document (all recipients)"),
        form=f.RecallForm,
        subject=CARRIER,
        check=services.recall_check,
        submit=_("Recall from all recipients"),
        web="thu-hoi-dien-tu",
        api="exchange-recall",
        run=lambda actor, carrier, data: services.document_recall(
            actor=actor, carrier=carrier, reason=data.get("reason", "")
        ),
        done=_recalled,
    ),
    Operation(
        "exchange-package-file",
        _("Download a package (error report, recall, confirmation)"),
        subject=PACKAGE,
        check=_file_check,
        submit=_("Download the package"),
        web="tai-goi",
        api="file",
        run=lambda actor, p, _d: Download(bytes(p.content or b""), _file_name(p), "application/zip"),
    ),
]
