"""A named cast of personas in a small Department of Education, so tests read like scenarios."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from bmnn.catalog.models import SecretListItem
from bmnn.core.levels import Level
from bmnn.org.models import Organisation, OrgKind, Person, Position, SigningAuthority


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Any, tmp_path_factory: Any, settings: Any) -> None:
    """Each test signs with a key generated for it, never a real installation's."""
    settings.BMNN_SIGNING_KEY_FILE = str(tmp_path / "signing.pem")
    settings.BMNN_SIGNING_KEY_GENERATE = True  # as in development; production refuses (tests/audit/test_keys.py)
    # The vault encrypts under a key generated for the test, into a directory of its own (S6).
    settings.BMNN_VAULT_KEY_FILE = str(tmp_path / "vault-kek.key")
    settings.BMNN_VAULT_KEY_CREATE = True
    settings.BMNN_VAULT_DIR = str(tmp_path / "vault")
    settings.BMNN_EXCHANGE_KEY_DIR = str(tmp_path / "exchange-keys")  # R27: the agency's and signers' keys
    settings.BMNN_EXCHANGE_KEY_CREATE = True
    # The check slots of the test's own (tests that hold them do not refuse another test's uploads), beside
    # tmp_path, whose files some tests count.
    settings.BMNN_UPLOAD_SCAN_SLOT_DIR = str(tmp_path_factory.mktemp("scan-slots"))
    # Argon2 is the production hasher (test_settings checks it); tests hash throwaway passwords quickly.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Scenarios log in with force_login; the second factor has its own tests (tests/org/test_two_factor.py),
    # which switch it back on. Production has no switch for it.
    settings.BMNN_TWO_FACTOR_REQUIRED = False


@dataclass
class Cast:
    department: Organisation
    exams_division: Organisation
    school: Organisation
    other_department: Organisation
    director: Person
    deputy: Person
    clerk: Person
    exams_head: Person
    officer: Person
    junior: Person
    outsider: Person
    exam_paper_item: SecretListItem
    exam_logistics_item: SecretListItem

    def item(self, level: str, number: str) -> SecretListItem:
        return SecretListItem.objects.get(secret_list__decision_number="531/QĐ-TTg", level=level, number=number)


def make_person(
    username: str,
    org: Organisation,
    position: str,
    clearance: str = "",
    *,
    designated: bool = False,
    first: str = "",
    last: str = "",
    title: str = "",
) -> Person:
    person = Person.objects.create_user(
        username=username,
        password="mat-khau-thu-nghiem",
        organisation=org,
        position=position,
        clearance=clearance,
        first_name=first or username,
        last_name=last,
        title=title,
        designated_for_secrets=designated,
        designation_ref="15/QĐ-SGDĐT" if designated else "",
        designation_date=dt.date(2026, 1, 5) if designated else None,
    )
    if designated:  # P4: designated staff have signed their commitment before they hold anything
        sign_commitment(person)
    return person


def unsigned(*people: Person) -> None:
    """These people have not signed their commitment yet (P4): for the tests that record it."""
    from bmnn.safeguards.models import Commitment

    Commitment.objects.filter(person__in=people).delete()


def sign_commitment(person: Person, on: dt.date = dt.date(2020, 1, 6)) -> None:
    """Record ``person``'s signed appointment commitment (P4), as the safeguards screen would."""
    from django.utils import timezone

    from bmnn.safeguards.choices import CommitmentKind
    from bmnn.safeguards.models import Commitment

    Commitment.objects.create(
        person=person,
        kind=CommitmentKind.APPOINTMENT,
        signed_on=on,
        scan=f"safeguards/commitments/{person.username}.pdf",
        recorded_by=person,
        recorded_at=timezone.now(),
    )


def ensure_reference_data() -> None:
    """Reload what the data migrations load: transactional tests flush the database after each test."""
    from pathlib import Path

    from django.apps import apps

    import bmnn
    from bmnn.core.fixtures import load_fixture

    root = Path(bmnn.__file__).parent
    for fixture in (
        "legal/fixtures/legal_defaults.json",
        "catalog/fixtures/secret_lists.json",
        "legal/fixtures/authority_defaults.json",
        "legal/fixtures/durations.json",
        "legal/fixtures/envelope_letters.json",
        "reports/fixtures/schedule_defaults.json",
        "programme/fixtures/default_checklist.json",
        "registers/fixtures/register_layouts.json",
    ):
        load_fixture(apps, root / fixture)


def signing_table(*agencies: Organisation) -> None:
    """Each agency's signing-authority table (R47): its head signs every level, a deputy up to Tối mật."""
    for agency in agencies:
        SigningAuthority.objects.create(
            agency=agency,
            position=Position.HEAD,
            max_level=Level.TUYET_MAT,
            valid_from=dt.date(2020, 1, 1),
            basis="Quy chế bảo vệ BMNN",
        )
        SigningAuthority.objects.create(
            agency=agency,
            position=Position.DEPUTY_HEAD,
            max_level=Level.TOI_MAT,
            valid_from=dt.date(2020, 1, 1),
            basis="Quy chế bảo vệ BMNN",
        )


@pytest.fixture
def cast(db: Any) -> Cast:
    ensure_reference_data()
    province = Organisation.objects.create(name="Tỉnh Thử Nghiệm", kind=OrgKind.PROVINCE)
    department = Organisation.objects.create(
        name="Sở Giáo dục và Đào tạo",
        short_name="Sở GDĐT",
        kind=OrgKind.DEPARTMENT,
        parent=province,
        symbol="SGDĐT",
        keeps_register=True,
    )
    exams = Organisation.objects.create(
        name="Phòng Khảo thí và Quản lý chất lượng", kind=OrgKind.DIVISION, parent=department
    )
    school = Organisation.objects.create(
        name="Trường THPT Chuyên", kind=OrgKind.SCHOOL, parent=department, keeps_register=True, symbol="THPTC"
    )
    other = Organisation.objects.create(
        name="Sở Y tế", kind=OrgKind.DEPARTMENT, parent=province, symbol="SYT", keeps_register=True
    )
    signing_table(department, school, other)
    return Cast(
        department=department,
        exams_division=exams,
        school=school,
        other_department=other,
        # R38, P4: the director receives secrets in person (hand-overs, flash envelopes), so is designated.
        director=make_person(
            "giamdoc",
            department,
            Position.HEAD,
            Level.TOI_MAT,
            designated=True,
            first="An",
            last="Nguyễn Văn",
            title="Giám đốc Sở",
        ),
        deputy=make_person(
            "phogiamdoc",
            department,
            Position.DEPUTY_HEAD,
            Level.TOI_MAT,
            first="Bình",
            last="Trần Thị",
            title="Phó Giám đốc Sở",
        ),
        clerk=make_person(
            "vanthu", department, Position.CLERK, Level.TOI_MAT, designated=True, first="Chi", last="Lê Thị"
        ),
        exams_head=make_person(
            "truongphong", exams, Position.DIVISION_HEAD, Level.TOI_MAT, designated=True, first="Dũng", last="Phạm Văn"
        ),
        officer=make_person(
            "chuyenvien", exams, Position.STAFF, Level.TOI_MAT, designated=True, first="Hà", last="Đỗ Thu"
        ),
        junior=make_person("canbo", exams, Position.STAFF, Level.MAT, designated=True, first="Khoa", last="Vũ Minh"),
        outsider=make_person("ngoai", other, Position.CLERK, Level.TOI_MAT, designated=True, first="Lan", last="Hoàng"),
        exam_paper_item=SecretListItem.objects.get(level=Level.TOI_MAT, number="1"),
        exam_logistics_item=SecretListItem.objects.get(level=Level.MAT, number="2"),
    )


def outgoing_kwargs(cast: Cast, **overrides: Any) -> dict[str, Any]:
    """A valid outgoing registration by the clerk, decided by the director."""
    values: dict[str, Any] = dict(
        actor=cast.clerk,
        item_ids=[cast.exam_logistics_item.pk],
        doc_type="Kế hoạch",
        symbol="KH-SGDĐT",
        abstract="Phương án vận chuyển đề thi tốt nghiệp THPT năm 2026",
        drafter=cast.officer,
        decision_maker=cast.director,
        recipients="Phòng Khảo thí; Lưu: VT",
        copies_issued=3,
        copy_permitted=False,
        custodian=cast.clerk,
        storage_place="Tủ sắt số 1, phòng văn thư",
    )
    values.update(overrides)
    return values


# One browser for the whole run: a second sync Playwright in the same thread refuses to start.
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (./scripts/test installs it when run as root)")
    # Playwright's sync API runs an event loop in this thread; the Django ORM calls the tests
    # make for their set-up are synchronous and safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN", base_url=live_server.url)
    page = context.new_page()
    yield page
    context.close()
