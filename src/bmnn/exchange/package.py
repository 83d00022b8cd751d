"""The package file: a zip of a clear envelope, an encrypted payload and the agency's Ed25519 signature (R27, R28).

- ``envelope.json``: format, kind, package id, time, sender (agency and its signing key), recipient (its name and
  the X25519 key the payload is encrypted to), and for an encrypted payload the ephemeral key and the nonce;
- ``payload.bin``: for a document, AES-256-GCM under a key agreed by X25519 with the recipient (HKDF-SHA256), the
  envelope as associated data; for an error reply, a recall or a confirmation, the body in clear (no secret);
- ``agency.sig``: the sending agency's Ed25519 signature over the envelope and the payload's SHA-256.

Inside a document payload, ``document.json`` (the metadata and each file's name, pages, size and SHA-256, the
signer and the signer's public key), ``signer.sig`` (the signer's Ed25519 signature over ``document.json``) and
the files. The agency's signature covers the signer's public key: the agency vouches for its signer.
No Django here: data in, bytes out.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
import os
import zipfile
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.utils.translation import gettext as _

FORMAT = "bmnn-exchange/1"
ENVELOPE, PAYLOAD, SIGNATURE = "envelope.json", "payload.bin", "agency.sig"
DOCUMENT, SIGNER_SIG = "document.json", "signer.sig"
DOCUMENT_KIND = "DOCUMENT"  # the one kind whose payload is encrypted (PackageKind.DOCUMENT)
MAX_MEMBERS = 200


class BadPackage(ValueError):
    """The file is not a readable package of this format (its message is read in the user's language)."""


@dataclass
class Sealed:
    envelope_bytes: bytes
    envelope: dict[str, Any]
    payload: bytes
    signature: bytes
    body: dict[str, Any] | None = None  # a payload in clear (not a document), as parsed; None if it did not parse


def canonical(body: dict[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def unb64(text: Any) -> bytes:
    try:
        return base64.b64decode(str(text), validate=True)
    except (binascii.Error, ValueError):
        return b""


def _signed_message(envelope_bytes: bytes, payload: bytes) -> bytes:
    return envelope_bytes + b"\n" + hashlib.sha256(payload).hexdigest().encode()


def seal(envelope: dict[str, Any], payload: bytes, agency_key: Ed25519PrivateKey) -> bytes:
    """The package file: the envelope, the payload and the agency's signature over both."""
    envelope_bytes = canonical({**envelope, "format": FORMAT})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(ENVELOPE, envelope_bytes)
        archive.writestr(PAYLOAD, payload)
        archive.writestr(SIGNATURE, b64(agency_key.sign(_signed_message(envelope_bytes, payload))))
    return buffer.getvalue()


def open_sealed(blob: bytes) -> Sealed:
    """Read the three parts of a package; refuse anything else. Only for a package made here (the demo, tests):
    a package received is opened by :func:`open_sealed_checked`, in the capped child."""
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as archive:
            names = set(archive.namelist())
            if not {ENVELOPE, PAYLOAD, SIGNATURE} <= names:
                raise BadPackage(_("The file is not a secret electronic document package (parts are missing)."))
            envelope_bytes, payload = archive.read(ENVELOPE), archive.read(PAYLOAD)
            signature = unb64(archive.read(SIGNATURE).decode("ascii", "replace").strip())
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        raise BadPackage(
            _("The file is not a secret electronic document package (the archive cannot be read).")
        ) from None
    try:
        envelope = json.loads(envelope_bytes)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BadPackage(_("The package envelope cannot be read.")) from None
    if not isinstance(envelope, dict) or envelope.get("format") != FORMAT:
        raise BadPackage(_("The package is not in the BMNN secret electronic document package format."))
    body = None
    if envelope.get("kind") != DOCUMENT_KIND:
        try:
            body = json.loads(payload)
        except (UnicodeDecodeError, json.JSONDecodeError):
            body = None
    return Sealed(envelope_bytes, envelope, payload, signature, body if isinstance(body, dict) else None)


def open_sealed_checked(blob: bytes) -> Sealed:
    """:func:`open_sealed`, done in the capped child that checks the upload (issue 12: the web process never
    opens an uploaded file). Raises BadPackage (its message in the user's language) when it could not be checked
    or opened."""
    from django.conf import settings

    from bmnn.core.errors import DomainError
    from bmnn.core.uploadscan import ScanBusy, open_upload

    task = {
        "kind": "sealed-package",
        "format": FORMAT,
        "members": {"envelope": ENVELOPE, "payload": PAYLOAD, "signature": SIGNATURE},
        "member_bytes": max(settings.BMNN_UPLOAD_MAX_BYTES.values()),
        "encrypted_kind": DOCUMENT_KIND,
    }
    try:
        opened = open_upload(blob, "goi-tai-lieu.zip", task)
    except ScanBusy:
        raise
    except DomainError as exc:
        raise BadPackage(exc.message) from None
    try:
        envelope_bytes, payload = unb64(opened["envelope_bytes"]), unb64(opened["payload"])
        envelope, signature, body = opened["envelope"], unb64(opened["signature"]), opened.get("body")
    except (KeyError, TypeError):
        raise BadPackage(_("The checker answered in the wrong form; the package was not opened.")) from None
    if not isinstance(envelope, dict) or not envelope_bytes:
        raise BadPackage(_("The checker answered in the wrong form; the package was not opened."))
    return Sealed(envelope_bytes, envelope, payload, signature, body if isinstance(body, dict) else None)


def verify_agency(sealed: Sealed, public_key_b64: str) -> bool:
    """Whether the agency signature is valid under the registered key: integrity of envelope and payload."""
    try:
        Ed25519PublicKey.from_public_bytes(unb64(public_key_b64)).verify(
            sealed.signature, _signed_message(sealed.envelope_bytes, sealed.payload)
        )
    except (InvalidSignature, ValueError):
        return False
    return True


def _aead_key(shared: bytes, package_id: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"bmnn-exchange/1 " + package_id.encode()).derive(
        shared
    )


def encryption_fields(recipient_transport_b64: str) -> tuple[X25519PrivateKey, dict[str, str]]:
    """An ephemeral key and a nonce for one package, and the envelope fields naming them."""
    ephemeral = X25519PrivateKey.generate()
    public = ephemeral.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return ephemeral, {
        "ephemeral_public_key": b64(public),
        "nonce": b64(os.urandom(12)),
        "recipient_transport_key": recipient_transport_b64,
    }


def encrypt(envelope: dict[str, Any], ephemeral: X25519PrivateKey, inner: bytes) -> bytes:
    peer = X25519PublicKey.from_public_bytes(unb64(envelope["recipient_transport_key"]))
    key = _aead_key(ephemeral.exchange(peer), envelope["package_id"])
    return AESGCM(key).encrypt(unb64(envelope["nonce"]), inner, canonical({**envelope, "format": FORMAT}))


def decrypt(sealed: Sealed, transport_key: X25519PrivateKey) -> bytes | None:
    """The inner archive, or None when it does not open (tampered, or not encrypted to this key)."""
    try:
        peer = X25519PublicKey.from_public_bytes(unb64(sealed.envelope.get("ephemeral_public_key")))
        key = _aead_key(transport_key.exchange(peer), str(sealed.envelope.get("package_id", "")))
        return AESGCM(key).decrypt(unb64(sealed.envelope.get("nonce")), sealed.payload, sealed.envelope_bytes)
    except (InvalidTag, ValueError):
        return None


def document_archive(document: dict[str, Any], signer_key: Ed25519PrivateKey, files: list[bytes]) -> bytes:
    """The inner archive of a document: its metadata, the signer's signature over it, the files."""
    data = canonical(document)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(DOCUMENT, data)
        archive.writestr(SIGNER_SIG, b64(signer_key.sign(data)))
        for index, content in enumerate(files, start=1):
            archive.writestr(f"files/{index:02d}.pdf", content)
    return buffer.getvalue()


class NotChecked(Exception):
    """The inner archive could not be checked (a cap or a bound hit in the child): nothing is imported."""


@dataclass
class Document:
    """What the capped child read of an inner archive: ``document.json`` as signed and parsed, the signer's
    signature, the files in order and the pages the child counted in each (None: not a PDF)."""

    data: bytes
    document: dict[str, Any]
    signature: bytes
    files: list[bytes]
    pages: list[int | None]


def read_document(inner: bytes) -> Document:
    """Open a decrypted inner archive in the capped child (issue 12: the web process never parses what it
    received). The web process only hands it over, in an anonymous file, and reads the files back as bytes.

    Raises BadPackage (Vietnamese) when it is not a document archive, NotChecked when it could not be checked.
    """
    from django.conf import settings

    from bmnn.core.errors import DomainError
    from bmnn.core.uploadscan import ScanBusy, UploadUnchecked, open_in_child, scratch_file

    member_bytes = max(settings.BMNN_UPLOAD_MAX_BYTES.values())
    with scratch_file() as source, scratch_file() as out:
        with os.fdopen(os.dup(source), "wb") as writer:
            writer.write(inner)
        task = {
            "kind": "document-archive",
            "input_fd": source,
            "output_fd": out,
            "member_bytes": member_bytes,
            "max_members": MAX_MEMBERS,
        }
        try:
            opened = open_in_child(b"", "noi-dung-goi.zip", task, fds=(source, out))
        except ScanBusy:
            raise
        except UploadUnchecked as exc:
            raise NotChecked(exc.message) from None
        except DomainError as exc:
            raise BadPackage(exc.message) from None
        try:
            return _document(opened, out, member_bytes)
        except (KeyError, TypeError, ValueError):
            raise NotChecked(_("The checker answered in the wrong form; the package was not opened.")) from None


def _document(opened: dict[str, Any], out: int, member_bytes: int) -> Document:
    """The child's answer, checked for its shape; the files read back from ``out`` as bytes, nothing parsed."""
    from bmnn.core.uploadscan import read_scratch

    document, entries = opened["document"], opened["files"]
    if not isinstance(document, dict) or not isinstance(entries, list) or len(entries) > MAX_MEMBERS:
        raise ValueError("shape")
    if sum(int(e["size"]) for e in entries) > member_bytes:
        raise ValueError("size")
    pages = [e["pages"] if type(e["pages"]) is int else None for e in entries]
    files = [read_scratch(out, int(e["offset"]), int(e["size"])) for e in entries]
    data = base64.b64decode(str(opened["document_bytes"]), validate=True)
    signature = base64.b64decode(str(opened["signature"]), validate=True)
    return Document(data, document, signature, files, pages)


def verify_signer(data: bytes, signature: bytes, public_key_b64: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(unb64(public_key_b64)).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
