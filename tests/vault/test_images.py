"""A scan uploaded as an image (JPEG, PNG, multi-page TIFF) is kept as a PDF, converted in memory (S6); it passes
the same marks check as any file (R4, R17); what is neither a PDF nor a readable image is refused, leaving nothing."""

from __future__ import annotations

import io
import struct
import tempfile
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageDraw, PngImagePlugin

from bmnn.audit.models import AuditEvent
from bmnn.core.errors import DomainError
from bmnn.documents.fonts import serif_fonts
from bmnn.vault import reading, services
from bmnn.vault.models import StoredFile
from tests.helpers import operation_events, world

from .conftest import MARKER, every_byte_under


def scanned_page(stamp: str | None = "TỐI MẬT", page: int = 1) -> Image.Image:
    """An A4 page scanned at 150 dpi: the level mark standing alone at the top, a line of text."""
    from PIL import ImageFont

    image = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(image)
    if stamp:
        draw.text((120, 120), stamp, fill="black", font=ImageFont.truetype(str(serif_fonts()["B"]), 64))
    draw.text(
        (120, 300),
        f"Trang {page}: đề thi chính thức",
        fill="black",
        font=ImageFont.truetype(str(serif_fonts()[""]), 40),
    )
    return image


def image_file(fmt: str, pages: int = 1, stamp: str | None = "TỐI MẬT") -> bytes:
    """The scan in ``fmt``, with MARKER in its metadata (a comment, a text chunk, a description): clear bytes that
    must never reach the disk."""
    frames = [scanned_page(stamp if n == 1 else None, n) for n in range(1, pages + 1)]
    out = io.BytesIO()
    if fmt == "PNG":
        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", MARKER.decode())
        frames[0].save(out, format="PNG", pnginfo=info, dpi=(150, 150))
    elif fmt == "JPEG":
        frames[0].save(out, format="JPEG", comment=MARKER, dpi=(150, 150), quality=90)
    else:
        frames[0].save(
            out, format="TIFF", save_all=True, append_images=frames[1:], description=MARKER.decode(), dpi=(150, 150)
        )
    data = out.getvalue()
    assert MARKER in data
    return data


def test_a_jpeg_scan_through_the_screen_is_kept_as_an_encrypted_pdf_nothing_in_clear_S6(
    cast, exam_paper, client, settings, tmp_path, monkeypatch
):
    """S6: the image is decrypted, converted and encrypted again in memory: the vault holds one ciphertext (the
    image's is destroyed), the temporary directory nothing; the file reads as a one-page PDF; its mark agrees."""
    temp = tmp_path / "temp"
    temp.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(temp)
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    client.force_login(cast.clerk)
    response = client.post(
        reverse("ops:vault-upload", args=[exam_paper.pk]),
        {"file": SimpleUploadedFile("ban-quet.jpg", image_file("JPEG"), "image/jpeg")},
    )
    stored = StoredFile.objects.get()
    assert response.status_code == 302 and stored.name == "ban-quet.pdf" and stored.mime == "application/pdf"
    assert reading.plaintext(stored).startswith(b"%PDF-") and reading.pages(stored) == 1
    vault = Path(settings.BMNN_VAULT_DIR)
    assert [p.name for p in vault.iterdir()] == [f"{stored.blob}.enc"]
    assert MARKER not in every_byte_under(vault) and every_byte_under(temp) == b""
    event = AuditEvent.objects.get(action="vault.file.stored")
    assert event.data["converted_from"] == "JPEG" and event.data["marks"] == ["TOI_MAT"]
    assert "difference" not in event.data
    assert client.get(reverse("vault:page", args=[stored.pk, 1])).status_code == 200


def test_a_multi_page_tiff_scan_keeps_every_page_R17(cast, exam_paper, settings):
    """R17: a scanner's multi-page TIFF becomes one PDF with a page for each frame."""
    stored = services.file_store(
        actor=cast.clerk,
        carrier=exam_paper,
        upload=SimpleUploadedFile("ho-so.tif", image_file("TIFF", pages=3), "image/tiff"),
    )
    assert reading.pages(stored) == 3 and stored.name == "ho-so.pdf"
    assert AuditEvent.objects.get(action="vault.file.stored").data["converted_from"] == "TIFF"
    assert MARKER not in every_byte_under(Path(settings.BMNN_VAULT_DIR))


def test_an_image_scan_without_the_records_mark_needs_a_reason_and_a_refusal_leaves_nothing_R4(
    cast, exam_paper, settings
):
    """R4: a PNG scan with no level mark is refused without a reason (nothing stored, no ciphertext, no event);
    with the clerk's reason it is kept and the difference recorded."""
    before, events = world(), list(operation_events().values_list("seq", flat=True))
    with pytest.raises(DomainError, match="Không tìm thấy dấu độ mật"):
        services.file_store(
            actor=cast.clerk,
            carrier=exam_paper,
            upload=SimpleUploadedFile("trang.png", image_file("PNG", stamp=None), "image/png"),
        )
    assert world() == before and list(operation_events().values_list("seq", flat=True)) == events
    assert not StoredFile.objects.exists() and every_byte_under(Path(settings.BMNN_VAULT_DIR)) == b""
    services.file_store(
        actor=cast.clerk,
        carrier=exam_paper,
        upload=SimpleUploadedFile("trang.png", image_file("PNG", stamp=None), "image/png"),
        reason="Trang phụ lục, dấu độ mật ở trang đầu hồ sơ giấy",
    )
    event = AuditEvent.objects.get(action="vault.file.stored")
    assert event.data["converted_from"] == "PNG" and event.data["reason"].startswith("Trang phụ lục")


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("hong.jpg", b"\xff\xd8\xff\xe0" + b"khong phai anh " + MARKER, "Không đọc được ảnh JPEG"),
        ("a.gif", b"GIF89a" + MARKER, "hoặc bản quét dạng ảnh JPEG, PNG, TIFF"),
    ],
)
def test_a_damaged_image_or_another_format_is_refused_and_leaves_nothing_S6(
    cast, exam_paper, settings, name, data, words
):
    before = world()
    with pytest.raises(DomainError, match=words):
        services.file_store(actor=cast.clerk, carrier=exam_paper, upload=SimpleUploadedFile(name, data))
    assert world() == before and not StoredFile.objects.exists()
    assert every_byte_under(Path(settings.BMNN_VAULT_DIR)) == b""


def test_an_image_scan_is_decoded_in_the_child_never_in_the_web_process_S6(cast, exam_paper, monkeypatch):
    """Issue 12: with Pillow's decoder forbidden in this process, a two-page TIFF scan is still kept as a two-page
    PDF: the capped child decoded it and wrote the PDF."""
    data = image_file("TIFF", pages=2)

    def decoded_here(*_args, **_kwargs):
        raise AssertionError("the web process decoded an uploaded image itself")

    with monkeypatch.context() as patch:
        patch.setattr(Image, "open", decoded_here)
        stored = services.file_store(
            actor=cast.clerk, carrier=exam_paper, upload=SimpleUploadedFile("ho-so.tif", data, "image/tiff")
        )
    assert stored.name == "ho-so.pdf" and reading.pages(stored) == 2


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` pixels, with almost no data: a decompression bomb."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


def test_an_image_bomb_is_refused_in_the_child_and_leaves_nothing_S6(cast, exam_paper, settings):
    """Issue 12: a 60,000 x 60,000 pixel PNG of a few bytes is refused (by the child), nothing stored."""
    before = world()
    with pytest.raises(DomainError, match="Không đọc được ảnh PNG"):
        services.file_store(
            actor=cast.clerk, carrier=exam_paper, upload=SimpleUploadedFile("bom.png", png_claiming(60000, 60000))
        )
    assert world() == before and not StoredFile.objects.exists()
    assert every_byte_under(Path(settings.BMNN_VAULT_DIR)) == b""
