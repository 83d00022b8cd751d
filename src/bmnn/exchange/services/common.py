"""What sending and receiving share: the peers, the agency's own keys, the signed replies (R27, R28, R46)."""

from __future__ import annotations

import json
import uuid
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.audit.chain import record
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.org.models import Organisation, Person, Position
from bmnn.registry.policies import is_register_keeper

from .. import keys, package
from ..models import Package, Peer


def agency_of(actor: Person) -> Organisation:
    agency = actor.agency() if getattr(actor, "is_authenticated", False) else None
    if agency is None:
        raise DomainError(_("The account does not belong to any agency or unit."))
    return agency


def require_keeper(actor: Person, agency: Organisation, rule: str) -> None:
    """Packages are exported and imported by the agency's register keeper (the clerk), like paper mail (R38)."""
    if not is_register_keeper(actor, agency):
        raise PermissionDenied(
            _(
                "Only the agency's clerks (designated for state secrets) may export and import secret electronic "
                "document packages."
            ),
            rule=rule,
        )


def sender_ref(agency: Organisation) -> dict[str, str]:
    return {
        "agency": agency.name,
        "symbol": agency.symbol,
        "signing_public_key": keys.public_b64(keys.agency_signing_key(agency.pk)),
    }


def now_iso() -> str:
    return timezone.localtime(clock.now()).isoformat()


def reply(agency: Organisation, peer: Peer, kind: str, body: dict[str, Any]) -> tuple[str, bytes]:
    """A signed package without secret content (an error reply, a recall, a confirmation): its id and bytes."""
    package_id = str(uuid.uuid4())
    envelope = {
        "kind": kind,
        "package_id": package_id,
        "created_at": now_iso(),
        "sender": sender_ref(agency),
        "recipient": {"name": peer.name, "signing_public_key": peer.signing_public_key},
    }
    return package_id, package.seal(envelope, package.canonical(body), keys.agency_signing_key(agency.pk))


def clear_body(sealed: package.Sealed) -> dict[str, Any]:
    """The payload in clear of an error reply, a recall or a confirmation, as the capped child parsed it."""
    if not isinstance(sealed.body, dict):
        raise DomainError(_("The package content cannot be read."), rule="R28")
    return sealed.body


def checked_key(value: str, kind: type[Ed25519PublicKey] | type[X25519PublicKey], field: str) -> str:
    value = value.strip()
    try:
        kind.from_public_bytes(package.unb64(value))
    except ValueError:
        name = "Ed25519" if kind is Ed25519PublicKey else "X25519"
        raise DomainError(
            _("Invalid public key: it must be an {name} key in base64 (44 characters).").format(name=name),
            rule="R27",
            field=field,
        ) from None
    return value


def peer_register_check(actor: Person, _subject: object = None) -> None:
    """Only an administrator registers the keys of the installations we exchange with (R27)."""
    if not (actor.is_superuser or actor.is_staff):
        raise PermissionDenied(_("Only an administrator may register the public keys of a peer system."), rule="R27")


def peer_register(
    *, actor: Person, name: str, signing_public_key: str, transport_public_key: str, installation: str = ""
) -> Peer:
    """An administrator registers another installation's agency and its two public keys (R27, R28)."""
    with transaction.atomic():
        peer_register_check(actor)
        signing = checked_key(signing_public_key, Ed25519PublicKey, "signing_public_key")
        transport = checked_key(transport_public_key, X25519PublicKey, "transport_public_key")
        if Peer.objects.filter(signing_public_key=signing).exists():
            raise DomainError(_("This signing key is already registered."), rule="R27", field="signing_public_key")
        if not name.strip():
            raise DomainError(_("The name of the agency or organisation must be given."), rule="R27", field="name")
        peer = Peer.objects.create(
            name=name.strip(),
            installation=installation.strip(),
            signing_public_key=signing,
            transport_public_key=transport,
            registered_by=actor,
            registered_at=clock.now(),
        )
        record(
            actor,
            "exchange.peer.registered",
            peer,
            basis="R27",
            data={"name": peer.name, "signing_public_key": signing, "transport_public_key": transport},
        )
    return peer


def key_card_check(actor: Person, _subject: object = None) -> None:
    agency = agency_of(actor)
    if not (is_register_keeper(actor, agency) or actor.position == Position.HEAD or actor.is_staff):
        raise PermissionDenied(
            _("Only a clerk, the head of the agency or an administrator may export the public key card."), rule="R27"
        )


def key_card(*, actor: Person) -> bytes:
    """The agency's public keys as a small JSON file its correspondents' administrators register (R27)."""
    key_card_check(actor)
    agency = agency_of(actor)
    card = {
        "format": package.FORMAT + "/key-card",
        "agency": agency.name,
        "symbol": agency.symbol,
        "signing_public_key": keys.public_b64(keys.agency_signing_key(agency.pk)),
        "transport_public_key": keys.public_b64(keys.agency_transport_key(agency.pk)),
    }
    return json.dumps(card, ensure_ascii=False, indent=1).encode()


def peer_by_key(sealed: package.Sealed) -> Peer:
    """The registered peer whose signing key the package names; refuse an unknown sender (R28)."""
    sender = sealed.envelope.get("sender")
    key = sender.get("signing_public_key") if isinstance(sender, dict) else None
    peer = Peer.objects.filter(signing_public_key=str(key or ""), revoked_at__isnull=True).first()
    if peer is None:
        name = sender.get("agency", "?") if isinstance(sender, dict) else "?"
        raise DomainError(
            _(
                'The sender "{name}" has no public keys registered by an administrator: the package is not imported.'
            ).format(name=name),
            rule="R28",
        )
    return peer


def store(agency: Organisation, actor: Person, **fields: Any) -> Package:
    digest = fields.pop("sha256", None) or package.sha256(fields.get("content") or b"")
    return Package.objects.create(agency=agency, created_by=actor, created_at=clock.now(), sha256=digest, **fields)
