"""Nothing a user reads or prints carries a rule id, a confidence tag or a research note: every page reachable
from each role's home on the demo data, and every document those pages link to (registers, forms, reports),
is searched. Rule ids stay in the code, the tests, the API's ``rule`` field and the admin's help (S1)."""

import io
import re
from collections import Counter
from urllib.parse import urldefrag, urlparse

import pytest
from django import forms
from django.core.management import call_command
from pypdf.errors import PdfStreamError

from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.core.forms import call_service
from bmnn.org.models import Person
from tests.conftest import ensure_reference_data
from tests.documents.readers import docx_text, pdf_text, xlsx_sheets

NOTES = re.compile(
    r"\((?:[RPS]\d+(?:,\s*)?)+\)|\[(C|C\?|O|U|D|I)\]|chưa xác minh|LAW-BRIEF|có thể sửa đổi"
    r"|nguồn thứ ba|chưa tìm thấy bản chính thức|cột [\d–-]+ suy ra",
    re.I,
)
HREF = re.compile(r'href="([^"#]+)')
SKIP = ("/admin/", "/api/", "/static/", "/dang-xuat/")
PER_SHAPE = 3  # pages per URL shape (/so-bmnn/<n>/ ...): enough to see every template with real data
ROLES = ["vanthu", "giamdoc", "chuyenvienkhaothi", "thanhtra", "truongphongtccb", "vanthuphong", "quantri"]


def text_of(response) -> str:
    kind = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body.startswith(b"%PDF"):
        try:
            return pdf_text(body)
        except PdfStreamError:  # a stored PDF that is not whole (the demo's imported package): search its bytes
            return body.decode("latin-1")
    if body.startswith(b"PK") and "spreadsheetml" not in kind:
        return docx_text(body)
    if body.startswith(b"PK"):
        return " ".join(
            str(cell) for rows in xlsx_sheets(body).values() for row in rows for cell in row if cell is not None
        )
    return body.decode("utf-8", "replace")


def shape(url: str) -> str:
    return re.sub(r"\d+", "N", urlparse(url).path)


def crawl(client, username: str) -> dict[str, str]:
    """GET every same-site link reachable from the home page; return the notes found, by URL."""
    client.force_login(Person.objects.get(username=username))
    seen, shapes, found, queue = set(), Counter(), {}, ["/"]
    while queue:
        url = queue.pop(0)
        if url in seen or shapes[shape(url)] >= PER_SHAPE:
            continue
        seen.add(url)
        shapes[shape(url)] += 1
        response = client.get(url)
        if response.status_code != 200:
            continue
        text = text_of(response)
        hit = NOTES.search(re.sub(r"<!--.*?-->", "", text, flags=re.S))
        if hit:
            found[url] = text[max(0, hit.start() - 60) : hit.end() + 20]
        if "text/html" in response.get("Content-Type", ""):
            for href in HREF.findall(text):
                href = urldefrag(href.replace("&amp;", "&"))[0]
                if href.startswith("/") and not href.startswith(SKIP) and href not in seen:
                    queue.append(href)
    return found


@pytest.fixture
def demo(db):
    ensure_reference_data()
    call_command("demo", stdout=io.StringIO())


def test_no_page_or_document_of_the_demo_shows_a_rule_id_or_research_note(client, demo):
    found = {}
    for username in ROLES:
        found.update({f"{username} {url}": excerpt for url, excerpt in crawl(client, username).items()})
    assert found == {}


def test_a_refusal_reads_without_its_rule_id_on_forms_pages_and_the_command_line(rf):
    """The refusal's rule stays on the exception (the API's ``rule`` field, the logs); the person reads only
    the Vietnamese sentence."""
    refusal = PermissionDenied("Chỉ văn thư mới được vào sổ.", rule="R38")
    form = forms.Form(data={})
    form.is_valid()
    call_service(form, lambda: (_ for _ in ()).throw(refusal))
    assert form.non_field_errors() == ["Chỉ văn thư mới được vào sổ."]
    assert refusal.rule == "R38"
    # The command line shows ``str(refusal)`` (bmnn.core.cli): the sentence alone; ``repr`` (logs) keeps the rule.
    assert str(refusal) == "Chỉ văn thư mới được vào sổ." and "R38" in repr(refusal)
    assert "R38" not in str(DomainError("Sai.", rule="R38"))


def test_research_notes_loaded_into_register_layouts_are_taken_out_by_the_migration(db):
    """Layouts an installation loaded with source remarks in their names and legal bases ("theo nguồn thứ ba",
    "cột … suy ra") print without them once migrated; the layout stays flagged as unverified for the administrator."""
    import importlib

    from django.apps import apps

    from bmnn.registers.models import RegisterLayout

    layout = RegisterLayout.objects.filter(unverified=True).first()
    RegisterLayout.objects.filter(pk=layout.pk).update(
        name=f"{layout.name[:-1]}, theo nguồn thứ ba)",
        legal_basis=f"{layout.legal_basis} (cột 2–9 chưa tìm thấy bản chính thức, suy ra theo Nghị định 30/2020)",
    )
    importlib.import_module("bmnn.registers.migrations.0005_layout_text_without_notes").first.clean(apps, None)
    cleaned = RegisterLayout.objects.get(pk=layout.pk)
    assert (cleaned.name, cleaned.legal_basis, cleaned.unverified) == (layout.name, layout.legal_basis, True)
    assert not any(NOTES.search(f"{x.name} {x.legal_basis} {x.cover_notes}") for x in RegisterLayout.objects.all())
