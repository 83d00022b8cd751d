"""Re-grade and declassification of a record with electronic files (R9, R10, R11): the overlay of every page viewed
and of every watermarked copy follows the record as it stands; the upload's mark check follows it too."""

from __future__ import annotations

import io
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageOps
from pypdf import PdfReader

from bmnn.approvals.services import request_decide
from bmnn.core import clock
from bmnn.core.errors import DomainError
from bmnn.core.text import fold
from bmnn.lifecycle.models import CouncilPurpose
from bmnn.lifecycle.services.councils import council_decide, council_minutes, council_set_up
from bmnn.lifecycle.services.regrade import regrade_apply, regrade_request
from bmnn.vault import reading, render, services
from bmnn.vault.models import StoredFile
from tests.helpers import operation_events, world

from .conftest import secret_pdf, store
from .test_download import ask


def regraded_to_mat(cast, carrier):
    request = regrade_request(
        actor=cast.officer, carrier=carrier, item_ids=[cast.exam_logistics_item.pk], reasons="Chỉ còn phương án"
    )
    request_decide(actor=cast.director, request=request, approve=True)
    regrade_apply(actor=cast.clerk, request=request)
    carrier.refresh_from_db()


def declassified(cast, carrier):
    council = council_set_up(
        actor=cast.clerk,
        purpose=CouncilPurpose.DECLASSIFY,
        carriers=[carrier],
        setup_decision_ref="25/QĐ-SGDĐT",
        setup_date=clock.today(),
        chair=cast.deputy,
        members=[cast.exams_head, cast.officer],
    )
    council_minutes(actor=cast.deputy, council=council, minutes="Đề thi đã công bố; đề nghị giải mật toàn bộ.")
    council_decide(actor=cast.director, council=council, decision_ref="30/QĐ-SGDĐT")
    carrier.refresh_from_db()


def stamp_read(png: bytes) -> str:
    """The red stamp at the top right of a rendered page, read back by OCR (Vietnamese), folded (no diacritics).

    The inside of the stamp's red box is cut out (its border would be read as letters) and given a white margin.
    """
    image = Image.open(io.BytesIO(png)).convert("RGB")
    corner = image.crop((image.width // 2, 0, image.width, image.height // 12))
    pixels = corner.load()
    red = [
        (x, y)
        for x in range(corner.width)
        for y in range(corner.height)
        if pixels[x, y][0] > 150 and pixels[x, y][1] < 90 and pixels[x, y][2] < 90
    ]
    left, top = min(x for x, _ in red) + 6, min(y for _, y in red) + 6
    right, bottom = max(x for x, _ in red) - 5, max(y for _, y in red) - 5
    buffer = io.BytesIO()
    ImageOps.expand(corner.crop((left, top, right, bottom)), 30, fill="white").save(buffer, format="PNG")
    read = subprocess.run(  # a fixed command; the page image on stdin, never on disk
        ["tesseract", "stdin", "stdout", "-l", "vie", "--psm", "7"],  # noqa: S607
        input=buffer.getvalue(),
        capture_output=True,
        check=True,
    )
    return fold(read.stdout.decode()).upper()


def page_seen(client, person, stored) -> bytes:
    client.force_login(person)
    response = client.get(reverse("vault:page", args=[stored.pk, 1]))
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_after_a_regrade_the_page_view_and_the_downloaded_copy_show_the_new_level_R10(cast, exam_paper, client):
    """R10: a Tối mật exam paper re-graded to Mật: the page viewed and the copy downloaded carry "MẬT" in red, no
    longer "TỐI MẬT", with the adjustment mark; the file itself is untouched."""
    stored = store(cast, exam_paper, secret_pdf(pages=2))
    assert "TOI MAT" in stamp_read(page_seen(client, cast.officer, stored))
    regraded_to_mat(cast, exam_paper)
    stored.refresh_from_db()
    seen = stamp_read(page_seen(client, cast.officer, stored))
    assert "MAT" in seen and "TOI" not in seen
    request = ask(cast, exam_paper, cast.officer)
    _job, content = services.file_download(actor=cast.officer, stored=stored, request=request)
    mark = f"Điều chỉnh độ mật từ Tối mật thành Mật ngày {clock.today():%d/%m/%Y}"
    pages = PdfReader(io.BytesIO(content)).pages
    assert len(pages) == 2
    for page in pages:
        text = page.extract_text()
        assert "MẬT" in text and "TỐI MẬT" not in text
        assert mark in text


def test_after_declassification_the_overlay_says_declassified_and_no_longer_the_level_R11(cast, exam_paper, client):
    """R11: declassified by the council, every page says "ĐÃ GIẢI MẬT" with the declassification mark; no level."""
    stored = store(cast, exam_paper, secret_pdf(pages=2))
    declassified(cast, exam_paper)
    stored.refresh_from_db()
    overlay = reading.overlay_for(cast.officer, stored.carrier)
    assert overlay.stamp == "ĐÃ GIẢI MẬT"
    assert f"GIẢI MẬT – Từ: {clock.today():%d/%m/%Y} (Quyết định 30/QĐ-SGDĐT)" in overlay.lines
    seen = stamp_read(page_seen(client, cast.officer, stored))
    assert "GIAI MAT" in seen and "TOI" not in seen
    copy = render.watermarked_pdf(reading.plaintext(stored), overlay)  # what a download of it renders
    for page in PdfReader(io.BytesIO(copy)).pages:
        text = page.extract_text()
        assert "ĐÃ GIẢI MẬT" in text and "TỐI MẬT" not in text


def test_a_declassified_records_file_is_checked_against_the_declassified_mark_R11(cast, exam_paper):
    """R11: after declassification, a file marked GIẢI MẬT agrees; one still marked only TỐI MẬT needs a reason,
    and without one it is refused with nothing stored."""
    declassified(cast, exam_paper)
    before, events = world(), list(operation_events().values_list("seq", flat=True))
    with pytest.raises(DomainError, match="không mang dấu GIẢI MẬT"):
        store(cast, exam_paper, secret_pdf(stamp="TỐI MẬT"))
    assert world() == before and list(operation_events().values_list("seq", flat=True)) == events
    assert not StoredFile.objects.exists()
    kept = services.file_store(
        actor=cast.clerk,
        carrier=exam_paper,
        upload=SimpleUploadedFile("da-giai-mat.pdf", secret_pdf(stamp="GIẢI MẬT"), "application/pdf"),
    )
    assert kept.carrier == exam_paper
