"""The bmnn-scan command: jsonl schema, exit status, archives, failures, safety, cache and --gate."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import bmnn.scan
from bmnn.scan import ScanOptions, Verdict, scan_file, scan_path
from bmnn.scan.cli import main

from . import builders

LEVELS = {"TUYET_MAT", "TOI_MAT", "MAT", None}
KINDS = {"level", "copy", "recall", "named_recipient", "declassified"}


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", "import sys; from bmnn.scan.cli import main; sys.exit(main())", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, env=env, check=False)  # noqa: S603


def jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


def check_schema(line: dict) -> None:
    assert list(line) == ["path", "verdict", "level", "marks", "error"]
    assert isinstance(line["path"], str)
    assert line["verdict"] in {"secret", "clean", "error"}
    assert line["level"] in LEVELS
    assert line["error"] is None or isinstance(line["error"], str)
    assert (line["error"] is not None) == (line["verdict"] == "error")
    for mark in line["marks"]:
        assert list(mark) == ["kind", "level", "text", "location"]
        assert mark["kind"] in KINDS
        assert mark["level"] in LEVELS
        assert isinstance(mark["text"], str) and 0 < len(mark["text"]) <= 80
        assert isinstance(mark["location"], str) and mark["location"]


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "secret.txt").write_text("Số: 1\nTỐI MẬT\n", "utf-8")
    (tmp_path / "clean.txt").write_text("Về công tác bảo vệ bí mật nhà nước\n", "utf-8")
    (tmp_path / "declassified.txt").write_text("MẬT\nGIẢI MẬT\n", "utf-8")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "program.exe").write_bytes(b"MZ\x90\x00")
    return tmp_path


def test_jsonl_has_exactly_one_object_per_file_with_the_exact_schema(folder):
    """One JSON object per file examined, clean and failed files included, with exactly the keys of the issue."""
    done = run_cli("--format", "jsonl", "--jobs", "2", str(folder))
    lines = jsonl(done.stdout)
    for line in lines:
        check_schema(line)
    by_name = {Path(line["path"]).name: line for line in lines}
    assert sorted(by_name) == ["broken.docx", "clean.txt", "declassified.txt", "secret.txt"]
    assert by_name["secret.txt"] == {
        "path": str(folder / "secret.txt"),
        "verdict": "secret",
        "level": "TOI_MAT",
        "marks": [{"kind": "level", "level": "TOI_MAT", "text": "TỐI MẬT", "location": "line 2"}],
        "error": None,
    }
    assert by_name["declassified.txt"]["verdict"] == "clean"
    assert [m["kind"] for m in by_name["declassified.txt"]["marks"]] == ["level", "declassified"]
    assert by_name["broken.docx"]["verdict"] == "error"
    assert done.returncode == 1


def test_exit_status_0_when_nothing_is_secret_and_2_for_a_usage_error(folder):
    """0 when no file is secret (errors do not count), 2 for a usage error."""
    assert run_cli(str(folder / "clean.txt"), str(folder / "broken.docx")).returncode == 0
    assert run_cli().returncode == 2
    assert run_cli("--format", "xml", str(folder)).returncode == 2
    assert run_cli("--jobs", "many", str(folder)).returncode == 2


def test_path_is_the_path_as_reached_from_the_argument(folder, monkeypatch):
    """A relative argument gives relative paths."""
    monkeypatch.chdir(folder.parent)
    results = list(scan_path(folder.name))
    assert {r.path for r in results} >= {os.path.join(folder.name, "secret.txt")}


def test_text_format_in_vietnamese(folder):
    """The text format names the verdict in Vietnamese."""
    done = run_cli("--jobs", "1", str(folder / "secret.txt"))
    assert done.stdout.startswith("MẬT") and "TỐI MẬT" in done.stdout


def test_archive_is_one_line_with_member_locations(tmp_path):
    """A zip holding a zip holding a .docx is one line; the mark's location names the members."""
    inner_docx = builders.docx(tmp_path / "a.docx", ["TỐI MẬT"]).read_bytes()
    inner_zip = builders.zip_bytes({"a.docx": inner_docx, "readme.txt": b"hello"})
    outer = builders.zip_of(tmp_path / "outer.zip", {"inner.zip": inner_zip, "note.txt": "Tin tức".encode()})
    (tmp_path / "a.docx").unlink()
    lines = jsonl(run_cli("--format", "jsonl", str(tmp_path)).stdout)
    assert len(lines) == 1
    assert lines[0]["path"] == str(outer)
    assert lines[0]["marks"] == [
        {"kind": "level", "level": "TOI_MAT", "text": "TỐI MẬT", "location": "inner.zip/a.docx: page 1"}
    ]


def test_zip_bomb_is_a_reported_line(tmp_path):
    """A member that expands enormously is refused without being expanded."""
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.txt", b"\0" * (20 * 1024 * 1024))
    result = scan_file(bomb)
    assert result.verdict is Verdict.ERROR and "nén" in result.error


def test_archives_nested_too_deep_are_noted_and_the_rest_is_read(tmp_path):
    """Beyond the nesting limit a member is not opened; the marks found above it still count."""
    data = builders.zip_bytes({"deep.txt": "TỐI MẬT\n".encode()})
    for _ in range(5):
        data = builders.zip_bytes({"x.zip": data})
    shallow = builders.zip_bytes({"top.txt": "MẬT\n".encode(), "x.zip": data})
    (tmp_path / "nest.zip").write_bytes(shallow)
    result = scan_file(tmp_path / "nest.zip")
    assert (result.verdict, result.level.value) == (Verdict.SECRET, "MAT")


def test_corrupt_empty_and_unreadable_files_are_lines_not_crashes(tmp_path, monkeypatch):
    """A corrupt PDF, an empty .xlsx and a file that cannot be opened each give an error line."""
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 garbage")
    (tmp_path / "empty.xlsx").write_bytes(b"")
    (tmp_path / "locked.txt").write_text("MẬT", "utf-8")
    real_open = open

    def guarded_open(path, *args, **kwargs):
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", guarded_open)
    results = {Path(r.path).name: r for r in scan_path(tmp_path)}
    assert {name: r.verdict for name, r in results.items()} == {
        "bad.pdf": Verdict.ERROR, "empty.xlsx": Verdict.ERROR, "locked.txt": Verdict.ERROR
    }  # fmt: skip
    assert "quyền" in results["locked.txt"].error


def test_symlink_loop_and_dangling_link_are_reported_and_the_scan_goes_on(tmp_path):
    """A link back to an ancestor folder is reported once; the scan continues."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("MẬT\n", "utf-8")
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    os.symlink(tmp_path / "missing.txt", tmp_path / "dangling.txt")
    results = {Path(r.path).name: r for r in scan_path(tmp_path)}
    assert results["a.txt"].verdict is Verdict.SECRET
    assert results["loop"].verdict is Verdict.ERROR and "Vòng lặp" in results["loop"].error
    assert results["dangling.txt"].verdict is Verdict.ERROR


def test_file_name_that_is_not_utf8_is_reported(tmp_path):
    """A name with bytes that are not UTF-8 gives a line with an escaped path, and the file is read."""
    name = os.path.join(os.fsencode(tmp_path), b"b\xe1o c\xe1o.txt")
    with open(name, "wb") as stream:
        stream.write("TỐI MẬT\n".encode())
    lines = jsonl(run_cli("--format", "jsonl", str(tmp_path)).stdout)
    assert len(lines) == 1
    assert lines[0]["path"].endswith("b\\xe1o c\\xe1o.txt")
    assert lines[0]["verdict"] == "secret"


def test_file_too_large_and_time_limit(tmp_path, monkeypatch):
    """A file over the size limit, and a file whose reading exceeds the time limit, are error lines."""
    (tmp_path / "big.txt").write_bytes(b"x" * 2048)
    assert scan_file(tmp_path / "big.txt", ScanOptions(max_file_bytes=1024)).verdict is Verdict.ERROR

    def endless(data, name, ctx):
        while True:
            yield from ()

    monkeypatch.setattr("bmnn.scan.scanner._blocks", endless)
    (tmp_path / "slow.txt").write_text("MẬT", "utf-8")
    result = scan_file(tmp_path / "slow.txt", ScanOptions(timeout_seconds=0.2))
    assert result.verdict is Verdict.ERROR and "thời gian" in result.error


def test_no_extracted_text_is_left_on_disk(tmp_path):
    """After a scan with several workers, the temporary directory is still empty and the tree unchanged."""
    data = tmp_path / "data"
    data.mkdir()
    builders.docx(data / "a.docx", ["TỐI MẬT"])
    builders.pdf(data / "b.pdf", [["MẬT"]])
    builders.zip_of(data / "c.zip", {"x.txt": "TUYỆT MẬT\n".encode()})
    before = sorted(p.name for p in data.rglob("*"))
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch), "TEMP": str(scratch), "TMP": str(scratch)}
    done = run_cli("--format", "jsonl", "--jobs", "2", str(data), env=env)
    assert len(jsonl(done.stdout)) == 3
    assert list(scratch.iterdir()) == []
    assert sorted(p.name for p in data.rglob("*")) == before


def test_cache_stores_only_path_size_mtime_hash_and_verdict(tmp_path):
    """The re-scan cache has exactly those columns and no extracted text; clean files come from it."""
    import sqlite3

    data = tmp_path / "data"
    data.mkdir()
    (data / "clean.txt").write_text("Báo cáo tháng\n", "utf-8")
    (data / "secret.txt").write_text("MẬT\n", "utf-8")
    cache = tmp_path / "cache.sqlite"
    first = jsonl(run_cli("--format", "jsonl", "--cache", str(cache), str(data)).stdout)
    second = jsonl(run_cli("--format", "jsonl", "--cache", str(cache), str(data)).stdout)
    assert sorted(map(json.dumps, first)) == sorted(map(json.dumps, second))
    db = sqlite3.connect(cache)
    columns = [row[1] for row in db.execute("PRAGMA table_info(scanned)")]
    assert columns == ["path", "size", "mtime_ns", "sha256", "verdict"]
    dump = "\n".join(db.iterdump())
    assert "MẬT" not in dump and "Báo cáo" not in dump


def test_gate_exit_status(tmp_path):
    """--gate FILE exits 0 for a clean file, 1 for a secret one and 3 for one it cannot read (never 0)."""
    (tmp_path / "ok.txt").write_text("Thông báo tuyển dụng\n", "utf-8")
    (tmp_path / "no.txt").write_text("TỐI MẬT\n", "utf-8")
    (tmp_path / "bad.pdf").write_bytes(b"%PDF broken")
    assert run_cli("--gate", str(tmp_path / "ok.txt")).returncode == 0
    refused = run_cli("--gate", str(tmp_path / "no.txt"), "--format", "jsonl")
    assert refused.returncode == 1 and jsonl(refused.stdout)[0]["level"] == "TOI_MAT"
    assert run_cli("--gate", str(tmp_path / "bad.pdf")).returncode == 3
    assert run_cli("--gate", str(tmp_path / "ok.txt"), str(tmp_path)).returncode == 2


def test_main_in_process_returns_the_status(folder, capsys):
    """main() can be called from Python and returns the exit status."""
    assert main(["--jobs", "1", "--format", "jsonl", str(folder / "secret.txt")]) == 1
    assert json.loads(capsys.readouterr().out)["verdict"] == "secret"


def test_public_api_is_pinned():
    """The library's public names are exactly these."""
    assert sorted(bmnn.scan.__all__) == sorted([
        "ArchiveBombError", "Block", "ExtractionError", "FileResult", "Level", "LimitExceededError", "Mark",
        "MarkKind", "NestingTooDeepError", "OcrUnavailableError", "ScanCache", "ScanError", "ScanOptions",
        "ScanResult", "ScanTimeoutError", "UnsupportedFormatError", "Verdict", "find_marks", "scan_bytes",
        "scan_file", "scan_path", "verdict_of",
    ])  # fmt: skip
    assert bmnn.scan.__doc__ and "scan_path" in bmnn.scan.__doc__
