"""PDF through PDFium (layout, annotations, form fields), stamps as pictures, and the OCR budget."""

from __future__ import annotations

import pytest

from bmnn.scan import Level, ScanOptions, Verdict, scan_file
from bmnn.scan.formats.ocr import tesseract

from . import builders

needs_ocr = pytest.mark.skipif(tesseract() is None, reason="Tesseract with Vietnamese data is not installed")


def test_multi_page_pdf_stamp_on_a_later_page_is_found_with_its_page(tmp_path):
    pages = [[f"Trang {n}: nội dung báo cáo về công tác bảo vệ bí mật nhà nước"] * 20 for n in range(1, 8)]
    pages[4] = ["Số: 5/BC", "TUYỆT MẬT", *pages[4]]
    result = scan_file(builders.pdf(tmp_path / "long.pdf", pages))
    assert (result.verdict, result.level) == (Verdict.SECRET, Level.TUYET_MAT)
    assert [mark.where for mark in result.marks] == ["page 5"]


def test_pdf_stamp_typed_as_a_free_text_annotation_is_found(tmp_path):
    path = builders.pdf_with_annotations(tmp_path / "a.pdf", ["Báo cáo tình hình"], free_text="TỐI MẬT")
    result = scan_file(path)
    assert (result.verdict, result.level) == (Verdict.SECRET, Level.TOI_MAT)


def test_pdf_sticky_note_is_read(tmp_path):
    path = builders.pdf_with_annotations(tmp_path / "a.pdf", ["Báo cáo tình hình"], note="MẬT")
    result = scan_file(path)
    assert (result.verdict, result.level) == (Verdict.SECRET, Level.MAT)
    assert result.marks[0].location == "page 1 annotation"


@pytest.mark.parametrize(
    ("value", "verdict"), [("Tối mật", Verdict.SECRET), ("Thường", Verdict.CLEAN), ("", Verdict.CLEAN)]
)
def test_pdf_form_field_value_is_read(tmp_path, value, verdict):
    """A filled "Độ mật" field is a mark; "Thường" or an empty field in a blank form is not."""
    path = builders.pdf_with_field(tmp_path / "form.pdf", ["PHIẾU ĐỀ XUẤT", "Độ mật:"], value)
    assert scan_file(path).verdict is verdict


def test_pdf_page_limit_is_an_error(tmp_path):
    path = builders.pdf(tmp_path / "a.pdf", [["Trang"]] * 5)
    result = scan_file(path, ScanOptions(max_pages=4))
    assert result.verdict is Verdict.ERROR and "trang" in result.error


def test_damaged_pdf_is_an_error(tmp_path):
    data = builders.pdf(tmp_path / "a.pdf", [["MẬT"]]).read_bytes()
    (tmp_path / "cut.pdf").write_bytes(data[: len(data) // 3])
    assert scan_file(tmp_path / "cut.pdf").verdict in (Verdict.ERROR, Verdict.SECRET)
    (tmp_path / "junk.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    assert scan_file(tmp_path / "junk.pdf").verdict is Verdict.ERROR


# ---------------------------------------------------------------- stamps as pictures (OCR)


@needs_ocr
def test_red_stamp_pasted_as_a_picture_into_a_docx_is_found(tmp_path):
    picture = builders.stamp_picture(tmp_path / "stamp.png")
    path = builders.docx_with_picture(tmp_path / "a.docx", ["Báo cáo tình hình", "Nội dung"], picture)
    result = scan_file(path)
    assert (result.verdict, result.level) == (Verdict.SECRET, Level.TOI_MAT), result
    assert result.marks[0].location.startswith("image word/media/")


@needs_ocr
def test_red_stamp_picture_on_a_pdf_page_with_text_is_found(tmp_path):
    picture = builders.stamp_picture(tmp_path / "stamp.png", "MẬT")
    path = builders.pdf_with_picture(tmp_path / "a.pdf", ["Báo cáo tình hình", "Nội dung chính"], picture)
    result = scan_file(path)
    assert (result.verdict, result.level) == (Verdict.SECRET, Level.MAT), result


@needs_ocr
def test_photograph_in_a_docx_is_not_read_and_the_file_stays_clean(tmp_path):
    from PIL import Image

    photo = Image.effect_mandelbrot((400, 300), (-2, -1.2, 1, 1.2), 60).convert("RGB")
    photo.save(tmp_path / "photo.jpg")
    path = builders.docx_with_picture(tmp_path / "a.docx", ["Ảnh hội nghị"], tmp_path / "photo.jpg")
    assert scan_file(path).verdict is Verdict.CLEAN


@needs_ocr
def test_a_stamp_crop_is_read_in_process_and_as_the_program_reads_it(tmp_path, monkeypatch):
    """The red crop goes to libtesseract loaded once; without the library the program reads the same words."""
    from bmnn.scan.formats import ocr, tesslib

    if tesslib.engine() is None:
        pytest.skip("libtesseract cannot be loaded here")
    picture = builders.stamp_picture(tmp_path / "stamp.png")
    path = builders.docx_with_picture(tmp_path / "a.docx", ["Báo cáo tình hình", "Nội dung"], picture)
    programs = []
    monkeypatch.setattr(ocr, "_program", lambda *args: programs.append(args) or None)
    in_process = scan_file(path)
    assert programs == []
    monkeypatch.undo()
    monkeypatch.setattr(tesslib, "engine", lambda: None)
    by_program = scan_file(path)
    assert (
        (in_process.level, in_process.marks)
        == (by_program.level, by_program.marks)
        == (Level.TOI_MAT, in_process.marks)
    )
    assert in_process.marks


@needs_ocr
@pytest.mark.parametrize(("failure", "reason"), [(TimeoutError, "OCR"), (None, "Tesseract không đọc được ảnh")])
def test_a_crop_the_library_cannot_read_in_time_or_at_all_is_an_error_not_clean(tmp_path, monkeypatch, failure, reason):
    from bmnn.scan.formats import tesslib

    engine = tesslib.engine()
    if engine is None:
        pytest.skip("libtesseract cannot be loaded here")

    def read(*args):
        if failure is not None:
            raise failure
        return None

    monkeypatch.setattr(engine, "read", read)
    picture = builders.stamp_picture(tmp_path / "stamp.png")
    path = builders.docx_with_picture(tmp_path / "a.docx", ["Báo cáo tình hình"], picture)
    result = scan_file(path)
    assert result.verdict is Verdict.ERROR and reason in result.error, result


def test_pictures_are_passed_over_without_tesseract_and_the_text_is_still_read(tmp_path, monkeypatch):
    from bmnn.scan.formats import ocr

    monkeypatch.setattr(ocr, "tesseract", lambda: None)
    picture = builders.stamp_picture(tmp_path / "stamp.png")
    clean = builders.docx_with_picture(tmp_path / "a.docx", ["Báo cáo"], picture)
    assert scan_file(clean).verdict is Verdict.CLEAN
    secret = builders.docx_with_picture(tmp_path / "b.docx", ["MẬT", "Báo cáo"], picture)
    assert scan_file(secret).verdict is Verdict.SECRET


def _scanned_pdf(tmp_path, pages: int):
    from PIL import Image

    images = [
        Image.open(builders.image(tmp_path / f"p{n}.png", ["Báo cáo", f"Trang {n}"])).convert("RGB")
        for n in range(pages)
    ]
    images[0].save(tmp_path / "scan.pdf", save_all=True, append_images=images[1:])
    return tmp_path / "scan.pdf"


@needs_ocr
def test_ocr_page_budget_hit_is_an_error_not_clean(tmp_path):
    """More image-only pages than the budget: error at once, without reading them."""
    result = scan_file(_scanned_pdf(tmp_path, 4), ScanOptions(ocr_max_pages=3))
    assert result.verdict is Verdict.ERROR and "OCR" in result.error


@needs_ocr
def test_ocr_time_budget_hit_is_an_error_not_clean(tmp_path):
    result = scan_file(_scanned_pdf(tmp_path, 3), ScanOptions(ocr_seconds=0.05))
    assert result.verdict is Verdict.ERROR and "OCR" in result.error


@needs_ocr
def test_scanned_pages_within_the_budget_are_read(tmp_path):
    result = scan_file(_scanned_pdf(tmp_path, 3), ScanOptions(ocr_max_pages=3))
    assert result.verdict is Verdict.CLEAN, result.error


def test_ocr_budget_options_on_the_command_line(tmp_path):
    from bmnn.scan.cli import _parser

    args = _parser().parse_args(["--ocr-pages", "5", "--ocr-seconds", "30", str(tmp_path)])
    assert (args.ocr_pages, args.ocr_seconds) == (5, 30.0)
    assert "OCR" in _parser().format_help()
