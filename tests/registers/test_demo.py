"""The demo gives every register and every form something to print (R11, R16, R20, R36)."""

from __future__ import annotations

import pytest
from django.apps import apps

from bmnn.core import clock
from bmnn.lifecycle.models import Council
from bmnn.registers.choices import RegisterKind
from bmnn.registers.downloads import commitment_export, form_export, register_export
from bmnn.registers.models import RegisterVolume
from bmnn.registers.paperwork import FORMS, forms_for
from bmnn.registers.selectors import Selection
from bmnn.registry.models import Carrier
from bmnn.web.management.commands.demo import Command
from tests.conftest import ensure_reference_data
from tests.documents.readers import docx_text, pdf_text, xlsx_sheets
from tests.helpers import at


@pytest.fixture
def demo(db):
    """The demo's organisations, people and records, then the registers' own demo data."""
    ensure_reference_data()
    command = Command()
    orgs = command._organisations()
    people = command._people(orgs)
    command._delegation(people)
    command._signing_table(orgs, people)
    command._registry(orgs, people)
    apps.get_app_config("registers").load_demo(orgs, people)
    return orgs, people


def test_demo_closes_the_2025_volumes_and_prints_every_register_in_every_format_R20_R21(demo):
    """R20: the 2025 books are closed volumes; every register of 2025 and 2026 prints in PDF, DOCX and XLSX."""
    orgs, people = demo
    closed = {(v.kind, v.year): (v.number, v.first_number, v.last_number) for v in RegisterVolume.objects.all()}
    assert closed == {(RegisterKind.OUTGOING, 2025): (1, 1, 10), (RegisterKind.INCOMING, 2025): (1, 1, 9)}
    with clock.frozen_at(at(2026, 11, 26)):
        for kind in RegisterKind.values:
            for fmt, read in (("pdf", pdf_text), ("docx", docx_text), ("xlsx", lambda c: str(xlsx_sheets(c)))):
                content = register_export(
                    actor=people["vanthu"], selection=Selection(orgs["dept"], kind, 2026), fmt=fmt
                ).content
                text = read(content)
                assert "Năm: 2026" in text and ("01" in text or kind == RegisterKind.STATISTICS), (kind, fmt)
        cover = pdf_text(
            register_export(
                actor=people["vanthu"],
                fmt="pdf",
                selection=Selection(orgs["dept"], RegisterKind.OUTGOING, 2025, volume=1),
            ).content
        )
    assert "Từ số 01 đến số 10" in cover and "Quyển số: 1" in cover


def test_demo_offers_every_form_and_each_one_renders_R11_R16_R36(demo):
    """Every form of FORMS is offered by some demo record, and renders in PDF and DOCX."""
    _orgs, people = demo
    clerk = people["vanthu"]
    offered: dict[str, Carrier] = {}
    for carrier in Carrier.objects.filter(original__isnull=True, agency__symbol="SGDĐT"):
        for spec in forms_for(carrier):
            offered.setdefault(spec.slug, carrier)
    assert set(offered) == set(FORMS)
    assert Council.objects.filter(decided_at__isnull=False).count() == 2
    for slug, carrier in offered.items():
        pdf = pdf_text(form_export(actor=clerk, carrier=carrier, form=slug, fmt="pdf").content)
        docx = docx_text(form_export(actor=clerk, carrier=carrier, form=slug, fmt="docx").content)
        mark = (
            "BẢN SAO BÍ MẬT NHÀ NƯỚC"
            if slug == "dau-ban-sao"
            else ("Kính gửi:" if slug == "nhan-bi" else "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        )
        assert mark in pdf and mark in docx, slug
    commitment = commitment_export(actor=clerk, person=people["chuyenvienkhaothi"], fmt="pdf").content
    assert "Đỗ Thu Hà" in pdf_text(commitment)
