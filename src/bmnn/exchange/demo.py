"""Demo data for `bmnn demo`: a package sent, a package received, one refused with its error reply, a recall.

The demo is ONE installation. The other side (the Department of Health's and the provincial police's systems) is
simulated here, and labelled so on every screen: their key pairs are generated while the demo loads, only their
public keys are registered, and their private keys are thrown away once they have signed the packages the demo
imports. Everything on this installation's side goes through the real services.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import uuid
from typing import Any
from zoneinfo import ZoneInfo

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.org.models import Organisation, Person
from bmnn.registry.choices import Direction
from bmnn.registry.models import Carrier
from bmnn.vault import render
from bmnn.vault.demo import demo_pdf
from bmnn.vault.models import StoredFile

from . import keys, package
from .models import PackageKind
from .services import document_recall, package_import, package_send, peer_register

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SIMULATED = "Hệ thống thứ hai MÔ PHỎNG trong dữ liệu mẫu (khóa tạo khi nạp dữ liệu mẫu, khóa bí mật không lưu)"


class SimulatedInstallation:
    """The other installation's side, in memory: its agency's keys and its signer's key."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.signing, self.transport, self.signer = (
            Ed25519PrivateKey.generate(),
            X25519PrivateKey.generate(),
            Ed25519PrivateKey.generate(),
        )

    def register(self, admin: Person) -> Any:
        return peer_register(
            actor=admin,
            name=self.name,
            installation=SIMULATED,
            signing_public_key=keys.public_b64(self.signing),
            transport_public_key=keys.public_b64(self.transport),
        )

    def sender(self) -> dict[str, str]:
        return {"agency": self.name, "symbol": "", "signing_public_key": keys.public_b64(self.signing)}

    def document(self, to: Organisation, number: str, pages_declared: int | None = None) -> bytes:
        """A Mật document signed by its director and this agency, encrypted to ``to``'s key."""
        content = demo_pdf("MẬT")
        pages = render.page_count(io.BytesIO(content))
        now = timezone.localtime(clock.now()).isoformat()
        document = {
            "number": number,
            "issued_at": now,
            "sent_at": now,
            "doc_date": clock.today().isoformat(),
            "level": Level.MAT,
            "red_mark": {"text": "MẬT", "colour": "#E00000"},
            "urgency": "NORMAL",
            "doc_type": "Công văn",
            "abstract": "Phương án bảo đảm y tế tại các điểm thi tốt nghiệp THPT năm 2027",
            "issuing_body": self.name,
            "recipients": "Sở Giáo dục và Đào tạo; Lưu: VT",
            "drafter": "Trần Văn Y",
            "copies_issued": 2,
            "copy_permitted": False,
            "signer": {
                "name": "Giám đốc Sở Y tế (mô phỏng)",
                "title": "Giám đốc",
                "public_key": keys.public_b64(self.signer),
            },
            "document_count": 1,
            "attachments": [],
            "files": [
                {
                    "name": "phuong-an-y-te.pdf",
                    "pages": pages_declared or pages,
                    "size": len(content),
                    "sha256": package.sha256(content),
                    "role": "document",
                }
            ],
        }
        ephemeral, fields = package.encryption_fields(keys.public_b64(keys.agency_transport_key(to.pk)))
        envelope = {
            "kind": PackageKind.DOCUMENT,
            "package_id": str(uuid.uuid4()),
            "created_at": now,
            "sender": self.sender(),
            "recipient": {"name": to.name},
            **fields,
        }
        inner = package.document_archive(document, self.signer, [content])
        return package.seal(envelope, package.encrypt(envelope, ephemeral, inner), self.signing)

    def confirmation(self, recall_blob: bytes) -> bytes:
        """What its clerk sends back after importing our recall: the deletion confirmed, signed."""
        recall = package.open_sealed(recall_blob)
        body = package.canonical(
            {
                "refers_to": recall.envelope["package_id"],
                "erased_files": 1,
                "erased_at": timezone.localtime(clock.now()).isoformat(),
                "erased_by": "Văn thư (mô phỏng)",
                "recipient": self.name,
            }
        )
        envelope = {
            "kind": PackageKind.CONFIRMATION,
            "package_id": str(uuid.uuid4()),
            "created_at": timezone.localtime(clock.now()).isoformat(),
            "sender": self.sender(),
            "recipient": recall.envelope["sender"],
        }
        return package.seal(envelope, body, self.signing)


def _at(month: int, day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, 0, tzinfo=TZ)


def load(orgs: dict[str, Organisation], people: dict[str, Person]) -> None:
    dept, clerk = orgs["dept"], people["vanthu"]
    record = (
        Carrier.objects.filter(
            agency=dept,
            direction=Direction.OUTGOING,
            signer__isnull=False,
            pk__in=StoredFile.objects.filter(erased_at__isnull=True).values("carrier_id"),
        )
        .order_by("pk")
        .first()
    )
    if record is None:
        return
    try:
        keys.agency_signing_key(dept.pk)
    except keys.ExchangeKeyError as exc:  # demo data only: the rest loads, without packages
        logging.getLogger(__name__).warning(_("The demo data has no exchange packages: %s"), exc.message)
        return
    admin = Person.objects.get(username="quantri")
    health, police = (
        SimulatedInstallation("Sở Y tế tỉnh Hòa Bình Xanh"),
        SimulatedInstallation("Công an tỉnh Hòa Bình Xanh (hệ thống riêng)"),
    )
    with clock.frozen_at(_at(11, 3)):
        to_health, to_police = health.register(admin), police.register(admin)
    with clock.frozen_at(_at(11, 10)):  # R27: sent, signed and encrypted, to both
        package_send(actor=clerk, carrier=record, peer=to_health)
        package_send(actor=clerk, carrier=record, peer=to_police)
    with clock.frozen_at(_at(11, 12, 14)):  # R28: received, checked, registered; and one refused
        package_import(actor=clerk, blob=health.document(dept, "215/SYT-NVY"))
        package_import(actor=clerk, blob=health.document(dept, "216/SYT-NVY", pages_declared=5))
    with clock.frozen_at(_at(11, 20)):  # R46: recalled from both; the health department confirms, the police not
        recalls = document_recall(
            actor=people["giamdoc"], carrier=record, reason="Văn bản có sai sót, thay thế bằng văn bản khác"
        )
        recall_health = next(r for r in recalls if r.peer_id == to_health.pk)
    with clock.frozen_at(_at(11, 21, 10)):
        package_import(actor=clerk, blob=health.confirmation(bytes(recall_health.content or b"")))
