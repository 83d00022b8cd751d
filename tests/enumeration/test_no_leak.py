"""Every URL of the project, GET, for each persona: no hidden record's number or abstract in any answer (S2, R18).

The routes are read from the URL resolver (web screens, operation screens, API, admin, downloads), so a route
added later is covered without touching this test. Path parameters are filled with the primary keys of the
objects of a rich world (records of every level, a take-out request, a hand-over to a unit, an incident with
its ad-hoc report, a device with a scan finding, the registers of the year) and with the known slugs and
formats. Bodies are read as a person would: HTML and JSON as text, PDF with pypdf, DOCX with python-docx,
XLSX with openpyxl, so a number in a printed register or form counts as much as one on a screen.

Personas: anonymous, an account with no clearance, MAT only, TOI_MAT without a reason to see the records (the
head of the exams division), the technical superuser, and the clerk cleared TUYET_MAT, for whom only the old
abstract of a record re-graded TUYET_MAT is hidden (R18: a copy made while it was MAT is never served again).
Marked ``enumeration`` (a few minutes); ./scripts/test runs it with the rest.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from bmnn.core import clock
from bmnn.core.levels import Level
from bmnn.lifecycle.services.takeout import takeout_request
from bmnn.org.models import Person, Position
from bmnn.registers.downloads import KIND_SLUG
from bmnn.registers.paperwork import FORMS
from bmnn.registry.models import Carrier
from bmnn.registry.policies import visible_carriers
from bmnn.registry.services import handover_create, incoming_receive, outgoing_register
from bmnn.safeguards.models import Device, DeviceFinding, ScanImport
from bmnn.safeguards.services.incidents import incident_record
from tests.conftest import make_person, outgoing_kwargs
from tests.documents.readers import docx_text, pdf_text, xlsx_sheets
from tests.helpers import clear_for_tuyet_mat

pytestmark = pytest.mark.enumeration

PKS = range(1, 7)  # the world below creates few objects per table: its pks are among these
YEAR = clock.today().year
SLUGS = sorted({*KIND_SLUG.values(), *FORMS})
FORMATS = ("pdf", "docx", "xlsx")
# Routes whose GET changes the session, not worth a request per persona.
SKIP = ("dang-xuat/", "admin/logout/")
# Reads that take their subject in the query string.
QUERIES = ("?dinh-dang=pdf", "?dinh-dang=docx", "?dinh-dang=xlsx")


REGRADED_ABSTRACT = "Kế hoạch in sao đề thi dự bị khóa mật"


@dataclass
class World:
    records: list[Carrier]
    people: dict[str, Person | None]


def _routes() -> list[tuple[str, dict[str, Any]]]:
    """Every URL pattern as (route with <converters>, converters by name)."""
    out: list[tuple[str, dict[str, Any]]] = []

    def walk(patterns: list[Any], prefix: str, converters: dict[str, Any]) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern), {**converters, **p.pattern.converters})
            elif isinstance(p, URLPattern):
                out.append((prefix + str(p.pattern), {**converters, **p.pattern.converters}))

    walk(get_resolver().url_patterns, "", {})
    return out


def _values(name: str, converter: Any) -> list[str]:
    kind = type(converter).__name__
    if name == "year":
        return [str(YEAR)]
    if name == "fmt":
        return list(FORMATS)
    if kind in ("IntConverter", "PathConverter"):
        return [str(pk) for pk in PKS]
    if kind == "SlugConverter":
        return SLUGS
    return ["x"]


def _urls() -> list[str]:
    """Each route with every combination of its parameters' values (regex routes are skipped: none exist)."""
    urls: list[str] = []
    for route, converters in _routes():
        if route.startswith("^") or route in SKIP:
            continue
        filled = [route]
        for name, converter in converters.items():
            token = re.compile(r"<(?:\w+:)?" + re.escape(name) + r">")
            filled = [token.sub(v, u, count=1) for u in filled for v in _values(name, converter)]
        urls += ["/" + u for u in filled]
        if any(word in route for word in ("registers/", "forms/", "bieu-mau/")):
            urls += ["/" + u + q for u in filled for q in QUERIES]
    return sorted(set(urls))


def _text(response: Any) -> str:
    """What a person reads in the answer, whatever its format."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if "pdf" in kind:
        return pdf_text(body)
    if "wordprocessingml" in kind:
        return docx_text(body)
    if "spreadsheetml" in kind:
        return " ".join(str(c) for rows in xlsx_sheets(body).values() for row in rows for c in row if c is not None)
    if "zip" in kind:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return " ".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    text = body.decode("utf-8", "replace")
    if "json" in kind:
        try:
            return json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            return text
    return text


@pytest.fixture
def world(cast: Any, tmp_path: Any, settings: Any) -> World:
    """Records of every level around the exams division, and everything that copies them."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    clear_for_tuyet_mat(cast.clerk)
    top = incoming_receive(
        actor=cast.clerk,
        sender="UBND tỉnh",
        doc_number="901/UBND-TMAT",
        level=Level.TUYET_MAT,
        doc_type="Công văn",
        storage_place="Tủ sắt số 1",
    )
    toi = outgoing_register(
        **outgoing_kwargs(
            cast,
            item_ids=[cast.exam_paper_item.pk],
            symbol="ĐTHH-KTKĐ",
            doc_type="Đề thi",
            abstract="Đề thi chính thức môn Hóa học khóa mật",
        )
    )
    mat = outgoing_register(
        **outgoing_kwargs(cast, symbol="PAVC-KTKĐ", abstract="Phương án vận chuyển bài thi khóa mật")
    )
    takeout_request(
        actor=cast.officer,
        carrier=mat,
        purpose="Họp Hội đồng thi",
        place="Trường THPT A",
        start=clock.today(),
        due=clock.today() + dt.timedelta(days=2),
        measures="Cặp có khóa",
    )
    # R18 after re-grading: a take-out asked while MAT copied this abstract; the record is TUYET_MAT now (as a
    # re-grade leaves it), so no one, not even the clerk cleared TUYET_MAT, may be served the copy.
    regraded = outgoing_register(**outgoing_kwargs(cast, symbol="KHIS-KTKĐ", abstract=REGRADED_ABSTRACT))
    takeout_request(
        actor=cast.officer,
        carrier=regraded,
        purpose="In sao",
        place="Nhà in",
        start=clock.today(),
        due=clock.today() + dt.timedelta(days=1),
        measures="Niêm phong",
    )
    Carrier.objects.filter(pk=regraded.pk).update(level=Level.TUYET_MAT, abstract="")
    handover_create(actor=cast.clerk, carrier=top, to_unit=cast.exams_division)
    incident_record(
        actor=cast.clerk,
        unit=cast.department,
        kind="LOSS",
        carriers=[top, toi, mat],
        description="Thất lạc cặp tài liệu",
        found_at=clock.now(),
        measures="Khoanh vùng",
    )
    device = Device.objects.create(
        unit=cast.department,
        kind="PC",
        name="Máy tính văn thư",
        connection="STANDALONE",
        registered_by=cast.clerk,
        registered_at=clock.now(),
    )
    scan = ScanImport.objects.create(
        device=device,
        filename="ketqua.jsonl",
        imported_by=cast.clerk,
        imported_at=clock.now(),
        lines=1,
        secret_count=1,
        clean_count=0,
        error_count=0,
    )
    DeviceFinding.objects.create(
        scan=scan,
        device=device,
        unit=cast.department,
        path=r"C:\De thi\901-UBND-TMAT.docx",
        level=Level.TUYET_MAT,
        marks=["TUYỆT MẬT"],
    )
    people: dict[str, Person | None] = {
        "anonymous": None,
        "no_clearance": make_person("khongmat", cast.exams_division, Position.STAFF, ""),
        "mat_only": cast.junior,
        "toi_mat_without_reason": cast.exams_head,
        "superuser": Person.objects.create_superuser(username="quantri", password="mat-khau-thu-nghiem"),
        "tuyet_mat_clerk": cast.clerk,  # sees every record: only the re-graded record's old abstract is hidden
    }
    return World([top, toi, mat], people)


def _needles(world: World, person: Person | None) -> dict[str, str]:
    """The numbers and abstracts of the records ``person`` may not see, and the abstract no one may (R18)."""
    shown = set() if person is None else set(visible_carriers(person).values_list("pk", flat=True))
    needles: dict[str, str] = {REGRADED_ABSTRACT: "trích yếu cũ của hồ sơ đã nâng lên Tuyệt mật"}
    for record in Carrier.objects.filter(pk__in=[r.pk for r in world.records]).exclude(pk__in=shown):
        needles[record.doc_number] = f"số của {record.pk}"
        abstract = next(r.abstract for r in world.records if r.pk == record.pk)
        if abstract:
            needles[abstract] = f"trích yếu của {record.pk}"
    return needles


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize(
    "persona", ["anonymous", "no_clearance", "mat_only", "toi_mat_without_reason", "superuser", "tuyet_mat_clerk"]
)
def test_no_route_shows_a_hidden_record_to_this_persona_S2_R18(world, persona):
    """S2, R18: GET every route of the project as the persona; no answer (page, JSON, PDF, DOCX, XLSX) contains
    the number or the abstract of a record the persona may not see."""
    person = world.people[persona]
    needles = _needles(world, person)
    client = Client(raise_request_exception=False)
    if person is not None:
        client.force_login(person)
    leaks, answered = [], 0
    for url in _urls():
        response = client.get(url)
        if response.status_code >= 500:
            leaks.append(f"{url}: lỗi máy chủ {response.status_code}")
            continue
        answered += response.status_code == 200
        text = _text(response)
        squeezed = _squeeze(text)
        leaks += [
            f"{url}: {what}" for needle, what in needles.items() if needle in text or _squeeze(needle) in squeezed
        ]
    assert answered > 0
    assert not leaks, "\n".join(leaks)
