"""Plain text: the byte-level first look and large files read in bounded chunks."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from bmnn.scan import Level, ScanOptions, Verdict, scan_bytes, scan_file
from bmnn.scan.formats import text as text_format
from bmnn.scan.formats.prefilter import may_hold_mark

SMALL = ScanOptions(stream_text_bytes=1024)
PROSE = "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, đơn vị đã triển khai đồng bộ các nhiệm vụ được giao.\n"


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    monkeypatch.setattr(text_format, "STREAM_CHUNK", 1000)
    monkeypatch.setattr(text_format, "_LONGEST_LINE", 4000)


@pytest.mark.parametrize(
    "stamp", ["MẬT", "mật", "M Ậ T", "m ậ t", "Độ mật: Tối mật", "TỐI MẬT", "BẢN SAO SỐ 2", "Tài liệu thu hồi"]
)
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_first_look_keeps_every_mark_form(stamp, form):
    data = (PROSE * 50 + unicodedata.normalize(form, stamp) + "\n").encode()
    assert may_hold_mark(data)


@pytest.mark.parametrize("encoding", ["latin-1", "utf-8"])
@pytest.mark.parametrize("legacy", ["mËt", "MËT", "maät", "MAÄT"])
def test_first_look_keeps_tcvn3_and_vni_spellings(legacy, encoding):
    assert may_hold_mark(("Ghi chú\n" * 10 + legacy + "\n").encode(encoding))


def test_first_look_rejects_text_without_a_candidate():
    assert not may_hold_mark((PROSE * 20000).encode())
    assert not may_hold_mark(b"plain ascii log line\n" * 1000)
    assert not may_hold_mark(b"")


def test_small_text_without_a_candidate_is_clean_and_with_one_is_read():
    assert scan_bytes((PROSE * 100).encode(), "a.txt").verdict is Verdict.CLEAN
    result = scan_bytes((PROSE * 100 + "TỐI MẬT\n").encode(), "a.txt")
    assert (result.verdict, result.level, result.marks[0].location) == (Verdict.SECRET, Level.TOI_MAT, "line 101")


def test_large_text_is_streamed_with_the_right_line_number(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(PROSE * 300 + "Số: 1\nTUYỆT MẬT\n" + PROSE * 300, "utf-8")
    result = scan_file(path, SMALL)
    assert (result.verdict, result.level) == (Verdict.SECRET, Level.TUYET_MAT)
    assert result.marks[0].location == "line 302"


def test_large_text_without_marks_is_clean_and_its_hash_is_of_the_whole_file(tmp_path):
    import hashlib

    path = tmp_path / "big.txt"
    path.write_text(PROSE * 500, "utf-8")
    result = scan_file(path, ScanOptions(stream_text_bytes=1024, compute_hash=True))
    assert result.verdict is Verdict.CLEAN
    assert result.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_mark_on_a_very_long_line_across_a_cut_is_found(tmp_path):
    """Without line ends the file is cut with an overlap: a stamp across the cut is still whole."""
    path = tmp_path / "long.txt"
    filler = "x" * 3990 + "\t"
    path.write_text(filler + "TỐI MẬT" + "\t" + "y" * 9000, "utf-8")
    result = scan_file(path, SMALL)
    assert (result.verdict, result.level) == (Verdict.SECRET, Level.TOI_MAT)


def test_large_utf16_text_is_streamed(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + (PROSE * 200 + "MẬT\n" + PROSE * 10).encode("utf-16-le"))
    result = scan_file(path, SMALL)
    assert (result.verdict, result.level, result.marks[0].location) == (Verdict.SECRET, Level.MAT, "line 201")


def test_large_csv_is_streamed_with_cell_locations(tmp_path):
    path = tmp_path / "big.csv"
    rows = "".join(f"{n},Nguyễn Văn A,Hà Nội\n" for n in range(1, 400))
    path.write_text("stt,ten,noi\n" + rows + "400,TỐI MẬT,x\n", "utf-8")
    result = scan_file(path, SMALL)
    assert (result.verdict, result.level) == (Verdict.SECRET, Level.TOI_MAT)
    assert result.marks[0].location == "B401"


def test_pdf_under_a_large_text_name_is_read_as_pdf(tmp_path):
    from . import builders

    data = builders.pdf(tmp_path / "a.pdf", [["MẬT"]]).read_bytes()
    (tmp_path / "a.txt").write_bytes(data + b"\n%" + b"0" * 4000)
    result = scan_file(tmp_path / "a.txt", SMALL)
    assert (result.verdict, result.level) == (Verdict.SECRET, Level.MAT)
