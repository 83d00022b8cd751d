"""Fail closed: what cannot be read is ``error`` (never ``clean``), and the content decides the format.

Issue 16 found a UTF-16 document.xml and a garbage document.xml both answered ``clean``, a Word
file saved as ".pdf" answered as a broken PDF, and a 7z archive with no output line at all.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import tarfile
import zipfile

import pytest

from bmnn.scan import Level, Verdict, scan_bytes, scan_file

from . import builders

GARBAGE = bytes(range(256)) * 8  # not text in any encoding XML allows


def run_cli(*args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", "import sys; from bmnn.scan.cli import main; sys.exit(main())", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)  # noqa: S603


def stamped_docx(tmp_path, name="stamped.docx"):
    return builders.docx(tmp_path / name, ["Số: 12/BC", "TỐI MẬT", "Báo cáo tình hình"])


def document_xml(path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml")


# ---------------------------------------------------------------- every encoding XML allows


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-16-le", True), ("utf-16-be", True), ("utf-16-le", False), ("utf-16-be", False), ("utf-8", True)],
)
def test_docx_part_in_utf16_or_with_a_bom_is_read_and_the_stamp_found(tmp_path, encoding, bom):
    """A document.xml in UTF-16 (LE/BE, with or without BOM) is valid XML: its stamp is found, not "clean"."""
    path = stamped_docx(tmp_path)
    builders.replace_part(path, "word/document.xml", builders.reencode_xml(document_xml(path), encoding, bom))
    result = scan_file(path)
    assert (result.verdict, result.level, result.error) == (Verdict.SECRET, Level.TOI_MAT, None)


def test_docx_part_in_a_declared_single_byte_encoding_is_read(tmp_path):
    """encoding="windows-1258" (the Vietnamese code page, tones as combining marks) is honoured."""
    path = stamped_docx(tmp_path)
    builders.replace_part(path, "word/document.xml", builders.reencode_xml(document_xml(path), "windows-1258", False))
    result = scan_file(path)
    assert (result.verdict, result.level) == (Verdict.SECRET, Level.TOI_MAT)


def test_gate_refuses_a_utf16_stamped_docx_with_status_1(tmp_path):
    """The web gate's failing case: a UTF-16 TOI_MAT docx must not exit 0 (may publish)."""
    path = stamped_docx(tmp_path)
    builders.replace_part(path, "word/document.xml", builders.reencode_xml(document_xml(path), "utf-16-le", True))
    done = run_cli("--gate", str(path), "--format", "jsonl")
    assert done.returncode == 1 and json.loads(done.stdout)["level"] == "TOI_MAT"


# ---------------------------------------------------------------- parts that cannot be read


@pytest.mark.parametrize(
    "garbage",
    [GARBAGE, b"this is not XML at all", b"\xff\xfe" + b"\x00\xd8" * 50, b'<?xml version="1.0" encoding="x-no"?><a/>'],
    ids=["random-bytes", "plain-text", "bad-utf16", "unknown-encoding"],
)
def test_docx_with_a_garbage_document_part_is_an_error_never_clean(tmp_path, garbage):
    """A document.xml that cannot be decoded as XML makes the verdict error, with a reason."""
    path = builders.replace_part(stamped_docx(tmp_path), "word/document.xml", garbage)
    result = scan_file(path)
    assert result.verdict is Verdict.ERROR
    assert "word/document.xml" in result.error and "không kiểm tra được" in result.error


def test_docx_without_its_main_part_is_an_error(tmp_path):
    """An OOXML package whose main part is missing cannot be checked."""
    path = builders.replace_part(stamped_docx(tmp_path), "word/document.xml", None)
    assert scan_file(path).verdict is Verdict.ERROR


def test_garbage_header_part_is_an_error_even_when_the_body_is_clean(tmp_path):
    """Any part, not only the main one: a garbage header1.xml makes a clean body an error."""
    path = builders.docx(tmp_path / "h.docx", ["Thông báo"], header="Ủy ban nhân dân")
    builders.replace_part(path, "word/header1.xml", b"\x00\x01garbage\xff")
    result = scan_file(path)
    assert result.verdict is Verdict.ERROR and "header1.xml" in result.error


def test_xlsx_with_a_garbage_sheet_and_missing_sheet_are_errors(tmp_path):
    """A sheet that cannot be decoded, or is missing, is never skipped silently."""
    path = builders.xlsx(tmp_path / "a.xlsx", {"B2": "Bảng kê"})
    with zipfile.ZipFile(path) as archive:
        sheet = next(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))
    garbage = builders.replace_part(path, sheet, GARBAGE)
    assert scan_file(garbage).verdict is Verdict.ERROR
    missing = builders.replace_part(builders.xlsx(tmp_path / "b.xlsx", {"B2": "Bảng kê"}), sheet, None)
    assert scan_file(missing).verdict is Verdict.ERROR


def test_odt_with_a_garbage_content_part_is_an_error(tmp_path):
    path = builders.replace_part(builders.odt(tmp_path / "a.odt", ["Thông báo"]), "content.xml", GARBAGE)
    assert scan_file(path).verdict is Verdict.ERROR


def test_docx_tracked_insertion_is_read(tmp_path):
    """Text inserted with track changes on (w:ins) is part of the document: a stamp there is found."""
    path = builders.docx(tmp_path / "ins.docx", ["Báo cáo"])
    xml = document_xml(path).decode()
    inserted = '<w:p><w:ins w:id="1" w:author="A" w:date="2026-01-01T00:00:00Z"><w:r><w:t>MẬT</w:t></w:r></w:ins></w:p>'
    builders.replace_part(path, "word/document.xml", xml.replace("<w:body>", "<w:body>" + inserted, 1).encode())
    result = scan_file(path)
    assert (result.verdict, result.level) == (Verdict.SECRET, Level.MAT)


# ---------------------------------------------------------------- format by content


def test_word_file_named_pdf_is_read_as_word(tmp_path):
    """A Word document saved under a ".pdf" name: its stamp is found."""
    data = stamped_docx(tmp_path).read_bytes()
    (tmp_path / "report.pdf").write_bytes(data)
    result = scan_file(tmp_path / "report.pdf")
    assert (result.verdict, result.level) == (Verdict.SECRET, Level.TOI_MAT)


@pytest.mark.parametrize("name", ["scan.docx", "notes.txt", "archive.zip", "photo.jpg", "noextension"])
def test_pdf_under_any_name_is_read_as_pdf(tmp_path, name):
    pdf = builders.pdf(tmp_path / "real.pdf", [["Số: 1", "MẬT", "Nội dung"]]).read_bytes()
    result = scan_bytes(pdf, name)
    assert (result.verdict, result.level) == (Verdict.SECRET, Level.MAT)


def test_web_page_saved_as_xls_is_read_and_binary_junk_under_a_pdf_name_is_an_error(tmp_path):
    """Agencies' systems export HTML under ".xls": it is read. Unknown binary content is an error."""
    html = "<html><body><table><tr><td>TỐI MẬT</td></tr></table></body></html>".encode()
    assert scan_bytes(html, "export.xls").verdict is Verdict.SECRET
    junk = scan_bytes(b"\x00\x01\x02\x03" * 100, "report.pdf")
    assert junk.verdict is Verdict.ERROR and "không kiểm tra được" in junk.error
    assert scan_bytes(b"", "empty.docx").verdict is Verdict.ERROR


# ---------------------------------------------------------------- archives and encryption


def test_7z_archive_is_read(tmp_path):
    docx = stamped_docx(tmp_path).read_bytes()
    path = builders.seven_zip(tmp_path / "a.7z", {"docs/a.docx": docx, "b.txt": "Tin tức\n".encode()})
    result = scan_file(path)
    assert (result.verdict, result.level) == (Verdict.SECRET, Level.TOI_MAT)
    assert result.marks[0].where == "docs/a.docx: page 1"


def test_encrypted_7z_is_an_error_saying_encrypted(tmp_path):
    path = builders.seven_zip(tmp_path / "locked.7z", {"a.txt": "MẬT\n".encode()}, password="bí mật")
    result = scan_file(path)
    assert result.verdict is Verdict.ERROR and "mã hóa" in result.error


def test_tar_gz_and_single_gzip_files_are_read(tmp_path):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        data = "Số: 3\nTUYỆT MẬT\n".encode()
        info = tarfile.TarInfo("x/report.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    (tmp_path / "a.tar.gz").write_bytes(buffer.getvalue())
    (tmp_path / "note.txt.gz").write_bytes(gzip.compress("MẬT\n".encode()))
    assert scan_file(tmp_path / "a.tar.gz").level is Level.TUYET_MAT
    assert scan_file(tmp_path / "note.txt.gz").level is Level.MAT


def test_rar_and_encrypted_zip_member_are_errors(tmp_path):
    (tmp_path / "a.rar").write_bytes(b"Rar!\x1a\x07\x01\x00" + b"\x00" * 100)
    assert scan_file(tmp_path / "a.rar").verdict is Verdict.ERROR
    raw = bytearray(builders.zip_bytes({"a.txt": b"hello"}))
    raw[6] |= 1  # local header: encrypted
    raw[raw.rfind(b"PK\x01\x02") + 8] |= 1  # central directory: encrypted
    (tmp_path / "locked.zip").write_bytes(bytes(raw))
    result = scan_file(tmp_path / "locked.zip")
    assert result.verdict is Verdict.ERROR and "mã hóa" in result.error


def test_encrypted_pdf_is_an_error_saying_encrypted(tmp_path):
    from pypdf import PdfReader, PdfWriter

    plain = builders.pdf(tmp_path / "p.pdf", [["MẬT"]])
    writer = PdfWriter()
    for page in PdfReader(plain).pages:
        writer.add_page(page)
    writer.encrypt(user_password="matkhau", owner_password="chu", algorithm="AES-128")
    with open(tmp_path / "locked.pdf", "wb") as stream:
        writer.write(stream)
    result = scan_file(tmp_path / "locked.pdf")
    assert result.verdict is Verdict.ERROR and "mã hóa" in result.error


def test_every_path_in_a_folder_of_archives_gives_exactly_one_line(tmp_path):
    """7z, rar, tar.gz, zip and a docx under a wrong name: one line each, none skipped."""
    docx = stamped_docx(tmp_path).read_bytes()
    builders.seven_zip(tmp_path / "a.7z", {"a.docx": docx})
    (tmp_path / "b.rar").write_bytes(b"Rar!\x1a\x07\x00" + b"\x00" * 64)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        info = tarfile.TarInfo("readme.txt")
        info.size = 5
        archive.addfile(info, io.BytesIO(b"hello"))
    (tmp_path / "c.tar.gz").write_bytes(buffer.getvalue())
    (tmp_path / "d.bin").write_bytes(docx)  # unknown extension, Office content
    done = run_cli("--format", "jsonl", "--jobs", "2", str(tmp_path))
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    names = sorted(os.path.basename(line["path"]) for line in lines)
    assert names == ["a.7z", "b.rar", "c.tar.gz", "d.bin", "stamped.docx"]
    by_name = {os.path.basename(line["path"]): line["verdict"] for line in lines}
    assert by_name == {
        "a.7z": "secret", "b.rar": "error", "c.tar.gz": "clean", "d.bin": "secret", "stamped.docx": "secret"
    }  # fmt: skip


def test_gate_exit_statuses_are_0_publish_1_secret_3_unchecked(tmp_path):
    """--gate: 0 may publish, 1 secret, 3 could not be checked (garbage part, encrypted archive), 2 usage."""
    clean = builders.docx(tmp_path / "ok.docx", ["Thông báo tuyển dụng"])
    garbage = builders.replace_part(builders.docx(tmp_path / "bad.docx", ["x"]), "word/document.xml", GARBAGE)
    locked = builders.seven_zip(tmp_path / "l.7z", {"a.txt": b"x"}, password="p")
    assert run_cli("--gate", str(clean)).returncode == 0
    assert run_cli("--gate", str(stamped_docx(tmp_path))).returncode == 1
    assert run_cli("--gate", str(garbage)).returncode == 3
    assert run_cli("--gate", str(locked)).returncode == 3
    assert run_cli("--gate").returncode == 2
    assert "3" in run_cli("--help").stdout
