"""Smoke test of the bmnn-scan benchmark corpus generator (bench/scan/corpus.py, issue 6).

The benchmark itself is never run by the suite (pass/fail tests never time things); this only checks
that the generator's plan covers what the issue asks for and that its labels say what its files hold.
"""

from __future__ import annotations

import importlib.util
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def corpus():
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "scan" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_plan_covers_every_format_location_level_and_hard_negative(corpus):
    """Every format has a positive in each of its locations at each level and every hard negative."""
    cases = corpus.plan(600, seed=6)
    positives = {(c.fmt, c.location, c.level) for c in cases if c.verdict == "secret"}
    for fmt, locations in corpus.LOCATIONS.items():
        levels = (
            ("MAT", "TOI_MAT")
            if fmt in ("docm", "dotx", "xlsm", "png", "jpg", "pdfimg")
            else ("MAT", "TOI_MAT", "TUYET_MAT")
        )
        for location in locations:
            assert {lvl for f, loc, lvl in positives if f == fmt and loc == location} >= set(levels), (fmt, location)
        negatives = {c.negative for c in cases if c.fmt == fmt and c.kind == "negative"}
        assert negatives == set(corpus.NEGATIVE_KINDS), fmt
    assert all(c.verdict == "clean" and c.level is None for c in cases if c.kind.startswith("listed_"))
    # the same seed gives the same plan, another seed another one
    assert [c.name for c in corpus.plan(600, seed=6)] == [c.name for c in cases]
    assert [c.seed for c in corpus.plan(600, seed=7)] != [c.seed for c in cases]


def test_legacy_encodings_match_the_fonts(corpus):
    """TCVN3 and VNI encodings of the stamps are the byte strings those fonts draw as the stamp."""
    assert corpus.to_tcvn3("MẬT") == "MËT"
    assert corpus.to_tcvn3("Tối mật") == "Tèi mËt"
    assert corpus.to_vni("MẬT") == "MAÄT"
    assert corpus.to_vni("Tối mật") == "Toái maät"
    assert corpus.to_vni("TUYỆT MẬT") == "TUYEÄT MAÄT"


def test_written_files_hold_what_their_labels_say(corpus, tmp_path):
    """A docx stamped in its header holds the stamp in a header part; a hard negative holds no stamp line."""
    pos = corpus.Case(
        name="docx/pos",
        fmt="docx",
        verdict="secret",
        level="TOI_MAT",
        location="header",
        variant="nfc",
        kind="positive",
        why="",
        stamps=[corpus.Stamp("TỐI MẬT", "header")],
        seed=1,
    )
    neg = corpus.Case(
        name="txt/neg",
        fmt="txt",
        verdict="clean",
        level=None,
        location="body",
        variant=None,
        kind="negative",
        why="",
        negative="training",
        seed=2,
    )
    labels = [corpus.write_case((pos, str(tmp_path))), corpus.write_case((neg, str(tmp_path)))]
    assert (labels[0]["path"], labels[0]["verdict"], labels[0]["level"]) == ("docx/pos.docx", "secret", "TOI_MAT")
    with zipfile.ZipFile(tmp_path / "docx/pos.docx") as z:
        headers = [n for n in z.namelist() if n.startswith("word/header")]
        assert any("TỐI MẬT" in z.read(n).decode() for n in headers)
        assert "TỐI MẬT" not in z.read("word/document.xml").decode()
    text = (tmp_path / "txt/neg.txt").read_text(encoding="utf-8")
    assert "Tuyệt mật\nTối mật\nMật" in text  # the training list: the names together, not a stamp
    assert labels[1]["verdict"] == "clean" and labels[1]["level"] is None
