"""A second installation in a process of its own: its own data directory, its own SQLite database, its own keys
(R27, R28).

The sending installation (A, the Department of Education) is this test's process and database (SQLite or
PostgreSQL, whichever the suite runs on). The receiving one (B, the Department of Health) is the `bmnn` command run
in a subprocess with its own BMNN_DATA_DIR on SQLite: migrated, its agency, clerk and administrator loaded as
reference data, its keys made beside its data directory as on a development machine. Everything B does after
that goes through its declared operations on the command line, authenticated like a person: the clerk exports
the agency's key card, the administrator registers A's public keys, the clerk imports the packages and exports
the error package. Only files cross between the two: key cards and packages.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.contrib.auth.hashers import Argon2PasswordHasher
from django_otp.oath import totp

from bmnn.exchange import package as fmt
from bmnn.exchange import services
from bmnn.exchange.models import Package, PackageKind, PackageStatus
from bmnn.org.models import Person
from tests.vault.conftest import MARKER

from .conftest import Installation, Pair, electronic_secret, members, rezip, send

BMNN = Path(sys.executable).with_name("bmnn")
PASSWORD = "Mat-khau-he-thong-B-2026"  # a throw-away installation's
# The installation's own settings come from its environment alone: nothing of this process's is passed on.
OWN = ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "BMNN_")
TOTP_KEYS = {  # the authenticator keys of B's two accounts (hex), loaded with them
    "quantri": "3132333435363738393031323334353637383930",
    "vanthu": "6162636465666768696a6b6c6d6e6f7071727374",
}


def commitment_pdf() -> bytes:
    from fpdf import FPDF

    from bmnn.documents.fonts import serif_fonts

    pdf = FPDF()
    pdf.add_font("serif", "", str(serif_fonts()[""]))
    pdf.add_page()
    pdf.set_font("serif", "", 13)
    pdf.multi_cell(0, 8, "BẢN CAM KẾT\nHọ và tên: Lê Thị Hồng, văn thư Sở Y tế.\nNgày ký: 05/01/2026.")
    return bytes(pdf.output())


class SecondInstallation:
    """Installation B: the `bmnn` command in a subprocess, over its own data directory."""

    def __init__(self, root: Path) -> None:
        self.data = root / "data"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(OWN)}
        self.env.update(BMNN_DATA_DIR=str(self.data), BMNN_DEBUG="1", BMNN_PASSWORD_STDIN="1")
        if os.environ.get("BMNN_FONT_DIR"):
            self.env["BMNN_FONT_DIR"] = os.environ["BMNN_FONT_DIR"]

    def bmnn(self, *args: str, user: str = "", ok: bool = True) -> subprocess.CompletedProcess[str]:
        env = dict(self.env)
        if user:  # the person's password on standard input and their current second-factor code
            env["BMNN_OTP"] = f"{totp(bytes.fromhex(TOTP_KEYS[user])):06d}"
        done = subprocess.run(  # noqa: S603 (our own console script, fixed arguments)
            [str(BMNN), *args],
            env=env,
            input=PASSWORD + "\n" if user else "",
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if ok:
            assert done.returncode == 0, done.stdout + done.stderr
        return done

    def set_up(self, root: Path) -> None:
        """Migrate, then load the agency, its clerk and the administrator (reference data, as an installer does)."""
        self.bmnn("migrate", "--verbosity", "0")
        hasher = Argon2PasswordHasher()
        password = hasher.encode(PASSWORD, hasher.salt())
        people = {
            "quantri": {"is_staff": True, "is_superuser": True, "last_name": "Quản trị", "first_name": "Hệ thống"},
            "vanthu": {
                "organisation": 9001,
                "position": "CLERK",
                "title": "Văn thư Sở",
                "clearance": "TOI_MAT",
                "designated_for_secrets": True,
                "designation_ref": "15/QĐ-SYT",
                "last_name": "Lê Thị",
                "first_name": "Hồng",
            },
        }
        fixture: list[dict[str, Any]] = [
            {
                "model": "org.organisation",
                "pk": 9001,
                "fields": {"name": "Sở Y tế", "kind": "DEPARTMENT", "symbol": "SYT", "keeps_register": True},
            }
        ]
        for pk, (username, fields) in enumerate(people.items(), start=9001):
            fixture.append(
                {"model": "org.person", "pk": pk, "fields": {"username": username, "password": password, **fields}}
            )
            fixture.append(
                {
                    "model": "otp_totp.totpdevice",
                    "pk": pk,
                    "fields": {"user": pk, "name": "Ứng dụng xác thực", "confirmed": True, "key": TOTP_KEYS[username]},
                }
            )
        (root / "nguoi-dung.json").write_text(json.dumps(fixture, ensure_ascii=False), encoding="utf-8")
        self.bmnn("loaddata", str(root / "nguoi-dung.json"))
        # The clerk's signed commitment is filed through its operation, its scan a real PDF (P4).
        scan = root / "cam-ket.pdf"
        scan.write_bytes(commitment_pdf())
        self.bmnn(
            "safeguards",
            "--as",
            "vanthu",
            "commitment-add",
            "9002",
            "kind=APPOINTMENT",
            "signed_on=2026-01-05",
            f"scan=@{scan}",
            user="vanthu",
        )

    def database(self) -> sqlite3.Connection:
        """B's SQLite database, opened read-only."""
        return sqlite3.connect(f"file:{self.data / 'bmnn.sqlite3'}?mode=ro", uri=True)

    def count(self, sql: str, *params: Any) -> int:
        with self.database() as db:
            return int(db.execute(sql, params).fetchone()[0])


def test_a_package_sent_here_is_verified_and_registered_by_a_second_installation_in_its_own_database_R27_R28(
    cast, settings, tmp_path
):
    """R27, R28 across two data directories and two databases: B checks the package A signed and encrypted,
    registers it with its own "đến" number and keeps the files in its own vault; a tampered package is answered
    with an error package that A imports, and B registers nothing."""
    admin = Person.objects.create_superuser("quantri", password="mat-khau-thu-nghiem")
    a = Installation("Hệ thống của Sở GDĐT", tmp_path / "a", cast.department, cast.clerk, settings)
    b = SecondInstallation(tmp_path / "b")
    b.set_up(tmp_path)

    # The keys are exchanged as files: B's clerk exports the key card, each administrator registers the other's.
    card_file = tmp_path / "the-khoa-syt.json"
    b.bmnn("exchange", "--as", "vanthu", "exchange-key-card", "-o", str(card_file), user="vanthu")
    card = json.loads(card_file.read_text(encoding="utf-8"))
    assert card["agency"] == "Sở Y tế"
    with a.active():
        b_at_a = services.peer_register(
            actor=admin,
            name=card["agency"],
            installation="Hệ thống của Sở Y tế",
            signing_public_key=card["signing_public_key"],
            transport_public_key=card["transport_public_key"],
        )
    a_card = a.key_card()
    registered = b.bmnn(
        "exchange",
        "--as",
        "quantri",
        "exchange-peer-register",
        f"name={a_card['agency']}",
        "installation=Hệ thống của Sở GDĐT",
        f"signing_public_key={a_card['signing_public_key']}",
        f"transport_public_key={a_card['transport_public_key']}",
        user="quantri",
    )
    assert "Đã đăng ký khóa công khai của Sở Giáo dục và Đào tạo" in registered.stdout
    pair = Pair(a, a, b_at_a, b_at_a, admin)  # only A's side is used by send()

    # A tampered package: B answers with an error package and registers nothing.
    parts = members(send(pair, electronic_secret(cast, pair)))
    payload = bytearray(parts[fmt.PAYLOAD])
    payload[len(payload) // 2] ^= 0x01
    parts[fmt.PAYLOAD] = bytes(payload)
    tampered = tmp_path / "goi-bi-sua.zip"
    tampered.write_bytes(rezip(parts))
    refused = b.bmnn("exchange", "--as", "vanthu", "exchange-import", f"package=@{tampered}", user="vanthu")
    assert "Gói không đạt kiểm tra, không vào sổ" in refused.stdout and "gói đã bị sửa đổi sau khi ký" in refused.stdout
    assert b.count("SELECT count(*) FROM registry_carrier WHERE direction = 'INCOMING'") == 0
    assert b.count("SELECT count(*) FROM vault_storedfile") == 0
    assert not list((b.data / "vault").glob("*.enc"))
    with b.database() as db:
        rejected_pk, status = db.execute(
            "SELECT id, status FROM exchange_package WHERE direction = 'IN' AND kind = 'DOCUMENT'"
        ).fetchone()
    assert status == PackageStatus.REJECTED
    error_file = tmp_path / "goi-bao-loi.zip"
    b.bmnn(
        "exchange", "--as", "vanthu", "exchange-package-file", str(rejected_pk), "-o", str(error_file), user="vanthu"
    )
    with a.active():  # A imports the error package and learns why
        error = services.package_import(actor=cast.clerk, blob=error_file.read_bytes())
    refused_at_a = Package.objects.get(direction=Package.Direction.OUT, kind=PackageKind.DOCUMENT)
    assert error.refers_to == refused_at_a and refused_at_a.status == PackageStatus.REJECTED_BY_RECIPIENT
    assert "gói đã bị sửa đổi sau khi ký" in refused_at_a.reason

    # The package as sent: verified, registered with B's "đến" number, the files in B's vault, encrypted.
    carrier = electronic_secret(cast, pair, pages=(3, 2))
    package_file = tmp_path / "goi-tai-lieu-mat.zip"
    package_file.write_bytes(send(pair, carrier))
    imported = b.bmnn("exchange", "--as", "vanthu", "exchange-import", f"package=@{package_file}", user="vanthu")
    assert f"Đã kiểm tra gói và vào sổ BMNN đến số 01 ({carrier.doc_number})" in imported.stdout
    with b.database() as db:
        record_pk, reg_number, doc_number, level, medium, sender = db.execute(
            "SELECT c.id, c.reg_number, c.doc_number, c.level, c.medium, c.sender FROM registry_carrier c "
            "JOIN org_organisation o ON o.id = c.agency_id WHERE c.direction = 'INCOMING' AND o.name = 'Sở Y tế'"
        ).fetchone()
        blobs = [row[0] for row in db.execute("SELECT blob FROM vault_storedfile WHERE carrier_id = ?", (record_pk,))]
        received = db.execute(
            "SELECT status FROM exchange_package WHERE direction = 'IN' AND kind = 'DOCUMENT' AND carrier_id = ?",
            (record_pk,),
        ).fetchone()
    assert (reg_number, doc_number, level, medium) == (1, carrier.doc_number, "TOI_MAT", "ELECTRONIC")
    assert sender == "Sở Giáo dục và Đào tạo" and received == (PackageStatus.RECEIVED,)
    assert len(blobs) == 2
    for blob in blobs:  # in B's own vault, encrypted under B's keys: nothing of the content in clear
        ciphertext = (b.data / "vault" / f"{blob}.enc").read_bytes()
        assert ciphertext and MARKER not in ciphertext
    assert MARKER not in (b.data / "bmnn.sqlite3").read_bytes()
    # Nothing of B reached A's database: A has only its own records and the two packages it sent.
    assert Package.objects.filter(direction=Package.Direction.OUT, kind=PackageKind.DOCUMENT).count() == 2

    again = b.bmnn("exchange", "--as", "vanthu", "exchange-import", f"package=@{package_file}", user="vanthu", ok=False)
    assert again.returncode != 0 and "đã được nhập trước đó" in again.stdout + again.stderr
    assert b.count("SELECT count(*) FROM registry_carrier WHERE direction = 'INCOMING'") == 1
