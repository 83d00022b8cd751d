"""Measure bmnn-scan against a labelled corpus and against other ways of finding marks (issue 6).

    python bench/scan/benchmark.py CORPUS [--jobs N] [--tools bmnn,rg,naive,naive-par,kreuzberg,markitdown]
                                          [--json results.json] [--mistakes mistakes.md]

CORPUS is a directory made by bench/scan/corpus.py (it holds labels.jsonl). In one run, on the same
files, with a warm page cache for everyone:

* bmnn-scan --format jsonl --jobs N (all formats; accuracy against the labels);
* ripgrep on the raw bytes of the plain-text files (rg -l with the naive regex, its own threads);
* a naive per-file script: python-docx / openpyxl / python-pptx / pypdf and the naive regex, in one
  process as such a script is usually written ("naive"), and with N processes ("naive-par");
* kreuzberg (batch_extract_files_sync) and markitdown (MarkItDown().convert, one process) with the
  same regex.

The naive regex is what a careful script would use: a level name alone on a line, or a filled
"Độ mật:" field. Throughput is measured per format group, each tool reading the same list of files:
office = OOXML (docx docm dotx xlsx xlsm pptx, which every tool reads), office-other = odt ods odp
rtf doc xls ppt, pdf = PDFs with a text layer, text = txt md csv html eml, image = images and
image-only PDFs (OCR), archive = zip. Peak memory is the largest sum of RSS over the tool's process
tree, sampled every 20 ms. Timings are wall-clock seconds of the whole command, start-up included.
"""

# ruff: noqa: S603, SIM115, E501 - the benchmark runs the tools it measures on the corpus
from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import psutil

NAIVE_PATTERN = r"^[\s\W]*(TUYỆT MẬT|TỐI MẬT|MẬT)[\s\W]*$|Độ mật:\s*(Tuyệt mật|Tối mật|Mật)\b"
NAIVE_RE = re.compile(NAIVE_PATTERN, re.MULTILINE)
LEVEL_OF = {
    "TUYỆT MẬT": "TUYET_MAT",
    "TỐI MẬT": "TOI_MAT",
    "MẬT": "MAT",
    "Tuyệt mật": "TUYET_MAT",
    "Tối mật": "TOI_MAT",
    "Mật": "MAT",
}
RANK = {"MAT": 1, "TOI_MAT": 2, "TUYET_MAT": 3}

GROUPS = {
    "office": {"docx", "docm", "dotx", "xlsx", "xlsm", "pptx"},
    "office-other": {"odt", "ods", "odp", "rtf", "doc", "xls", "ppt"},
    "pdf": {"pdf"},
    "text": {"txt", "md", "csv", "html", "eml"},
    "image": {"png", "jpg"},
    "archive": {"zip"},
    "bigtext": {"txt"},
    "bigtext-agency": {"txt"},
}
# The issue's "office formats and PDFs together": both groups' files given to one command, as a sweep of a folder
# holding both would (each group alone also pays the command's start and leaves a worker idle at its end).
TOGETHER = "office+pdf"
TOOL_GROUPS = {
    "bmnn": [*GROUPS, TOGETHER],
    "rg": ["text", "bigtext", "bigtext-agency"],
    "naive": ["office", "pdf", TOGETHER, "text", "bigtext", "bigtext-agency"],
    "naive-par": ["office", "pdf", "text"],
    "kreuzberg": ["office", "office-other", "pdf", TOGETHER, "text"],
    "markitdown": ["office", "pdf", "text"],
}
MB = 1024 * 1024


def group_of(label: dict) -> str:
    if label["group"] in ("image", "bigtext", "bigtext-agency"):
        return label["group"]
    for g, exts in GROUPS.items():
        if label["format"] in exts:
            return g
    return "other"


# ------------------------------------------------------------------------------------------
# Workers (run in a child process so that their memory is measured on their own)
# ------------------------------------------------------------------------------------------


def naive_text(path: str) -> str:
    ext = path.rsplit(".", 1)[-1].lower()
    if ext in ("docx", "docm", "dotx"):
        import docx

        d = docx.Document(path)
        parts = [p.text for p in d.paragraphs]
        for t in d.tables:
            for row in t.rows:
                parts += [c.text for c in row.cells]
        for s in d.sections:
            parts += [p.text for p in s.header.paragraphs] + [p.text for p in s.footer.paragraphs]
        return "\n".join(parts)
    if ext in ("xlsx", "xlsm"):
        import openpyxl

        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        parts = []
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                parts += [str(v) for v in row if v is not None]
        wb.close()
        return "\n".join(parts)
    if ext == "pptx":
        import pptx

        prs = pptx.Presentation(path)
        parts = []
        for slide in prs.slides:
            for shape in slide.shapes:
                if shape.has_text_frame:
                    parts.append(shape.text_frame.text)
        return "\n".join(parts)
    if ext == "pdf":
        import pypdf

        return "\n".join((p.extract_text() or "") for p in pypdf.PdfReader(path).pages)
    with open(path, "rb") as fh:
        return fh.read().decode("utf-8", errors="ignore")


def naive_one(path: str) -> dict:
    try:
        text = naive_text(path)
    except Exception as exc:  # a baseline reports and goes on
        return {"path": path, "verdict": "error", "level": None, "error": repr(exc)[:200]}
    return verdict_from_text(path, text)


def verdict_from_text(path: str, text: str) -> dict:
    levels = []
    for m in NAIVE_RE.finditer(text):
        word = m.group(1) or m.group(2)
        levels.append(LEVEL_OF.get(word, "MAT"))
    if not levels:
        return {"path": path, "verdict": "clean", "level": None}
    return {"path": path, "verdict": "secret", "level": max(levels, key=RANK.__getitem__)}


def worker_main(kind: str, list_file: str, procs: int) -> None:
    paths = Path(list_file).read_text(encoding="utf-8").splitlines()
    out = sys.stdout
    if kind == "naive":
        if procs <= 1:
            for p in paths:
                out.write(json.dumps(naive_one(p), ensure_ascii=False) + "\n")
        else:
            from multiprocessing import Pool

            with Pool(procs) as pool:
                for r in pool.imap_unordered(naive_one, paths, chunksize=4):
                    out.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif kind == "kreuzberg":
        import kreuzberg

        # kreuzberg keeps every extraction in ~/.cache/kreuzberg and answers a second run from it: off, so that
        # each run reads the files, as bmnn-scan does (its own cache is off unless asked for).
        config = kreuzberg.ExtractionConfig(use_cache=False)
        for i in range(0, len(paths), 32):
            chunk = paths[i : i + 32]
            try:
                results = kreuzberg.batch_extract_files_sync(chunk, config=config)
            except Exception:  # one bad file fails the batch: redo one by one
                results = []
                for p in chunk:
                    try:
                        results.append(kreuzberg.extract_file_sync(p, config=config))
                    except Exception as exc:
                        results.append(exc)
            for p, r in zip(chunk, results, strict=True):
                if isinstance(r, Exception):
                    out.write(json.dumps({"path": p, "verdict": "error", "level": None, "error": repr(r)[:200]}) + "\n")
                else:
                    out.write(json.dumps(verdict_from_text(p, r.content or ""), ensure_ascii=False) + "\n")
    elif kind == "markitdown":
        from markitdown import MarkItDown

        converter = MarkItDown()
        for p in paths:
            try:
                text = converter.convert(p).text_content or ""
            except Exception as exc:  # a baseline reports and goes on
                out.write(json.dumps({"path": p, "verdict": "error", "level": None, "error": repr(exc)[:200]}) + "\n")
                continue
            out.write(json.dumps(verdict_from_text(p, text), ensure_ascii=False) + "\n")
    out.flush()


# ------------------------------------------------------------------------------------------
# Measuring
# ------------------------------------------------------------------------------------------


def run_measured(cmd: list[str], stdout_path: str, sample: bool = True) -> dict:
    """Run cmd, sample the RSS of its process tree (unless not ``sample``), return wall seconds, peak RSS and exit
    code. The sampler walks the process tree every 20 ms on the same cores: timing runs go without it."""
    with open(stdout_path, "wb") as out, open(stdout_path + ".err", "wb") as err:
        t0 = time.perf_counter()
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        peak = 0
        stop = threading.Event()

        def sampler() -> None:
            nonlocal peak
            try:
                root = psutil.Process(proc.pid)
            except psutil.NoSuchProcess:
                return
            while not stop.is_set():
                try:
                    procs = [root, *root.children(recursive=True)]
                    total = 0
                    for p in procs:
                        with contextlib.suppress(psutil.Error):
                            total += p.memory_info().rss
                    peak = max(peak, total)
                except psutil.Error:
                    pass
                stop.wait(0.02)

        th = threading.Thread(target=sampler, daemon=True)
        if sample:
            th.start()
        rc = proc.wait()
        wall = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        stop.set()
        if sample:
            th.join()
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return {"seconds": wall, "cpu_seconds": cpu, "peak_rss": peak, "rc": rc}


def read_jsonl(path: str) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            line = line.strip()
            if line.startswith("{"):
                with contextlib.suppress(json.JSONDecodeError):
                    rows.append(json.loads(line))
    return rows


def compile_scanner() -> None:
    """Write bmnn-scan's bytecode, as installing it does (pip compiles every package it installs, the other tools'
    included): from a source checkout with PYTHONDONTWRITEBYTECODE set, each run would compile it again."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("bmnn.scan")
    if spec is not None and spec.origin is not None:
        compileall.compile_dir(str(Path(spec.origin).parent), quiet=1)


def warm_cache(paths: list[Path]) -> None:
    for p in paths:
        with open(p, "rb") as fh:
            while fh.read(8 * MB):
                pass


def score(labels: dict[str, dict], results: dict[str, dict], only: set[str] | None = None) -> dict:
    tp = fp = fn = tn = err = lvl_ok = 0
    for path, lab in labels.items():
        if only is not None and path not in only:
            continue
        got = results.get(path)
        verdict = got["verdict"] if got else "missing"
        if verdict in ("error", "missing"):
            err += 1
        if lab["verdict"] == "secret":
            if verdict == "secret":
                tp += 1
                lvl_ok += got.get("level") == lab["level"]
            else:
                fn += 1
        else:
            if verdict == "secret":
                fp += 1
            else:
                tn += 1
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "errors": err,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "level_accuracy": lvl_ok / tp if tp else 0.0,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path, nargs="?")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--tools", default="bmnn,rg,naive,naive-par,kreuzberg")
    ap.add_argument("--groups", default=",".join(GROUPS))
    ap.add_argument("--json", type=Path, help="write all numbers here")
    ap.add_argument("--mistakes", type=Path, help="append bmnn-scan misclassifications here (markdown)")
    ap.add_argument("--bmnn-args", default="", help="extra arguments for bmnn-scan, e.g. '--no-ocr'")
    ap.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="time every tool N times on each group without the memory sampler and keep the fastest; one more run "
        "samples the peak memory",
    )
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--list", help=argparse.SUPPRESS)
    ap.add_argument("--procs", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker_main(args.worker, args.list, args.procs)
        return 0
    corpus: Path = args.corpus.resolve()
    labels = {}
    for line in open(corpus / "labels.jsonl", encoding="utf-8"):
        lab = json.loads(line)
        labels[str(corpus / lab["path"])] = lab
    tools = [t for t in args.tools.split(",") if t]
    groups = [g for g in args.groups.split(",") if g]
    by_group: dict[str, list[str]] = {g: [] for g in GROUPS}
    for path, lab in labels.items():
        by_group.setdefault(group_of(lab), []).append(path)
    by_group[TOGETHER] = by_group["office"] + by_group["pdf"]
    sizes = {p: os.path.getsize(p) for p in labels}
    print(f"corpus {corpus}: {len(labels)} files, {sum(sizes.values()) / MB:.1f} MB; jobs={args.jobs}", file=sys.stderr)
    warm_cache([Path(p) for p in labels])
    compile_scanner()

    tmp = Path(tempfile.mkdtemp(prefix="bmnn-bench-"))
    here = Path(__file__).resolve()
    bmnn_bin = os.environ.get("BMNN_SCAN", "bmnn-scan")
    rg_bin = os.environ.get("RG", "rg")
    runs: list[dict] = []
    results: dict[str, dict[str, dict]] = {t: {} for t in tools}
    for group in groups:
        files = sorted(by_group.get(group, []))
        if not files:
            continue
        list_file = tmp / f"{group}.list"
        list_file.write_text("\n".join(files) + "\n", encoding="utf-8")
        mb = sum(sizes[f] for f in files) / MB
        for tool in tools:
            if group not in TOOL_GROUPS[tool]:
                continue
            out = str(tmp / f"{tool}-{group}.out")
            if tool == "bmnn":
                cmd = [bmnn_bin, "--format", "jsonl", "--jobs", str(args.jobs), *args.bmnn_args.split(), *files]
            elif tool == "rg":
                cmd = [rg_bin, "-l", "--no-messages", "-j", str(args.jobs), "-e", NAIVE_PATTERN, *files]
            elif tool == "naive":
                cmd = [sys.executable, str(here), "--worker", "naive", "--list", str(list_file), "--procs", "1"]
            elif tool == "naive-par":
                cmd = [
                    sys.executable,
                    str(here),
                    "--worker",
                    "naive",
                    "--list",
                    str(list_file),
                    "--procs",
                    str(args.jobs),
                ]
            else:
                cmd = [sys.executable, str(here), "--worker", tool, "--list", str(list_file)]
            print(
                f"  {tool:10s} {group:12s} {len(files):5d} files {mb:8.1f} MB ...", end="", file=sys.stderr, flush=True
            )
            if args.repeat > 1:  # timed without the memory sampler, then one more run to sample the memory
                tries = [run_measured(cmd, out, sample=False) for _ in range(args.repeat)]
                m = {**min(tries, key=lambda t: t["seconds"]), "peak_rss": run_measured(cmd, out)["peak_rss"]}
            else:
                m = run_measured(cmd, out)
            print(f" {m['seconds']:.1f} s", file=sys.stderr)
            if tool == "rg":
                hits = {line.strip() for line in open(out, encoding="utf-8", errors="replace") if line.strip()}
                for f in files:
                    results[tool][f] = {"path": f, "verdict": "secret" if f in hits else "clean", "level": None}
            else:
                for r in read_jsonl(out):
                    results[tool][r["path"]] = r
            runs.append(
                {
                    "tool": tool,
                    "group": group,
                    "files": len(files),
                    "mb": mb,
                    **m,
                    "files_per_s": len(files) / m["seconds"],
                    "mb_per_s": mb / m["seconds"],
                }
            )

    # ---- accuracy
    all_files = set(labels)
    acc = {}
    for tool in tools:
        covered = {f for g in groups if g in TOOL_GROUPS[tool] for f in by_group.get(g, [])}
        acc[tool] = score(labels, results[tool], covered & all_files)
    lines = []
    lines.append(
        f"Corpus: {corpus} — {len(labels)} files, {sum(sizes.values()) / MB:.1f} MB, "
        f"{sum(lab['verdict'] == 'secret' for lab in labels.values())} secret; jobs={args.jobs}; "
        f"{os.cpu_count()} CPUs; {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    )
    lines.append("")
    lines.append(
        "Accuracy (verdict against labels.jsonl; error counts as not secret; each tool on the groups it reads)"
    )
    lines.append("")
    lines.append("| tool | groups | files | TP | FP | FN | errors | precision | recall | level accuracy |")
    lines.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for tool in tools:
        a = acc[tool]
        n = a["tp"] + a["fp"] + a["fn"] + a["tn"]
        lines.append(
            f"| {tool} | {','.join(g for g in groups if g in TOOL_GROUPS[tool])} | {n} | {a['tp']} | "
            f"{a['fp']} | {a['fn']} | {a['errors']} | {a['precision']:.4f} | {a['recall']:.4f} | "
            + (f"{a['level_accuracy']:.4f} |" if tool != "rg" else "n/a |")
        )
    if "bmnn" in tools:
        lines.append("")
        lines.append("bmnn-scan by group")
        lines.append("")
        lines.append("| group | files | TP | FP | FN | errors | precision | recall | level accuracy |")
        lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for g in groups:
            fs = set(by_group.get(g, []))
            if not fs:
                continue
            a = score(labels, results["bmnn"], fs)
            lines.append(
                f"| {g} | {len(fs)} | {a['tp']} | {a['fp']} | {a['fn']} | {a['errors']} | "
                f"{a['precision']:.4f} | {a['recall']:.4f} | {a['level_accuracy']:.4f} |"
            )
    lines.append("")
    lines.append(
        f"Speed (wall clock of the whole command, warm cache, fastest of {max(1, args.repeat)} runs; CPU s = user+sys "
        f"of the process tree in that run; peak RSS of the process tree"
        f"{', sampled in one more run' if args.repeat > 1 else ''}; load average at the end: {os.getloadavg()[0]:.1f})"
    )
    lines.append("")
    lines.append("| group | tool | files | MB | seconds | CPU s | files/s | MB/s | peak RSS MB |")
    lines.append("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in runs:
        lines.append(
            f"| {r['group']} | {r['tool']} | {r['files']} | {r['mb']:.1f} | {r['seconds']:.2f} | {r['cpu_seconds']:.1f} | "
            f"{r['files_per_s']:.1f} | {r['mb_per_s']:.1f} | {r['peak_rss'] / MB:.0f} |"
        )

    def speed(tool: str, group: str) -> float | None:
        for r in runs:
            if r["tool"] == tool and r["group"] == group:
                return r["seconds"]
        return None

    def combined(tool: str, names: tuple[str, ...]) -> tuple[int, float] | None:
        picked = [r for r in runs if r["tool"] == tool and r["group"] in names]
        if len(picked) != len(names):
            return None
        return sum(r["files"] for r in picked), sum(r["seconds"] for r in picked)

    lines.append("")
    lines.append("Targets")
    lines.append("")
    if "bmnn" in tools:
        for names, how in (((TOGETHER,), "in one command"), (("office", "pdf"), "sum of the two groups' commands")):
            mine = combined("bmnn", names)
            for other, factor in (("naive", 5), ("kreuzberg", 2)):
                theirs = combined(other, names) if other in tools else None
                if mine and theirs:
                    ratio = (mine[0] / mine[1]) / (theirs[0] / theirs[1])
                    lines.append(
                        f"- office+pdf ({how}) files/s >= {factor}x {other}: {mine[0] / mine[1]:.1f} vs "
                        f"{theirs[0] / theirs[1]:.1f} files/s = {ratio:.2f}x -> {'MET' if ratio >= factor else 'NOT MET'}"
                    )
        big = next((r for r in runs if r["tool"] == "bmnn" and r["group"] == "bigtext"), None)
        if big:
            lines.append(
                f"- plain text without a mark (bigtext, {big['mb']:.0f} MB) >= 500 MB/s: "
                f"{big['mb_per_s']:.0f} MB/s -> {'MET' if big['mb_per_s'] >= 500 else 'NOT MET'}"
            )
        peak = max((r["peak_rss"] for r in runs if r["tool"] == "bmnn"), default=0)
        lines.append(f"- bmnn-scan peak RSS < 300 MB: {peak / MB:.0f} MB -> {'MET' if peak < 300 * MB else 'NOT MET'}")
        a = acc["bmnn"]
        lines.append(f"- recall >= 0.98: {a['recall']:.4f} -> {'MET' if a['recall'] >= 0.98 else 'NOT MET'}")
        lines.append(f"- precision >= 0.99: {a['precision']:.4f} -> {'MET' if a['precision'] >= 0.99 else 'NOT MET'}")
        b, n1, nn = speed("bmnn", "office"), speed("naive", "office"), speed("naive-par", "office")
        if b and n1:
            lines.append(f"- office >= 5x naive (1 process): {n1 / b:.2f}x -> {'MET' if n1 / b >= 5 else 'NOT MET'}")
        if b and nn:
            lines.append(f"- office vs naive with {args.jobs} processes (fairness): {nn / b:.2f}x")
        b, rg = speed("bmnn", "text"), speed("rg", "text")
        if b and rg:
            lines.append(
                f"- text within 3x ripgrep: bmnn takes {b / rg:.2f}x rg's time -> {'MET' if b / rg <= 3 else 'NOT MET'}"
            )
    report = "\n".join(lines)
    print(report)
    if args.json:
        args.json.write_text(json.dumps({"runs": runs, "accuracy": acc}, indent=2), encoding="utf-8")
    if args.mistakes and "bmnn" in tools:
        covered = {f for g in groups for f in by_group.get(g, [])}
        write_mistakes(
            args.mistakes, corpus, {f: lab for f, lab in labels.items() if f in covered}, results["bmnn"], runs, report
        )
    return 0


def write_mistakes(path: Path, corpus: Path, labels: dict, res: dict, runs: list[dict], report: str) -> None:
    rows = []
    for f, lab in sorted(labels.items()):
        got = res.get(f)
        if got is None:
            rows.append((f, lab, None))
            continue
        wrong = got["verdict"] != lab["verdict"] or (lab["verdict"] == "secret" and got.get("level") != lab["level"])
        if wrong:
            rows.append((f, lab, got))
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(f"\n## {datetime.now(UTC):%Y-%m-%d %H:%M} UTC — benchmark on {corpus} (S2)\n\n")
        fh.write(report + "\n\n")
        fh.write(f"### Misclassified or wrong level: {len(rows)}\n\n")
        for f, lab, got in rows:
            rel = os.path.relpath(f, corpus)
            exp = lab["verdict"] + (f"/{lab['level']}" if lab["level"] else "")
            if got is None:
                fh.write(f"- `{rel}` expected {exp}, got NO LINE ({lab['why']}; location {lab['location']})\n")
                continue
            g = got["verdict"] + (f"/{got.get('level')}" if got.get("level") else "")
            marks = "; ".join(
                f"{m.get('kind')}:{m.get('level')}:{m.get('text')!r}@{m.get('location')}"
                for m in got.get("marks") or []
            )
            err = f" error={got.get('error')!r}" if got.get("error") else ""
            fh.write(
                f"- `{rel}` expected {exp}, got {g} — {lab['why']}; label location {lab['location']}; "
                f"marks [{marks}]{err}\n"
            )


if __name__ == "__main__":
    sys.exit(main())
