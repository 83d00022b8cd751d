"""Every uploaded file is checked for secrecy marks in a separate, capped process (issue 12).

The web process never parses an uploaded file: :func:`scan_upload` pipes the bytes to
``python -m bmnn.scan.worker`` (the bmnn-scan library in a child process at nice 10, with an address-space
cap, a CPU cap and an OCR page cap), waits at most a wall-clock timeout and kills the child's whole process
group past it. Nothing is written to disk on the way. The answer is one of three: clean, marked (with the
levels found) or could not be checked; a cap hit, a crash, a garbled answer are all "could not be checked",
never "clean".

The caps are settings (``BMNN_UPLOAD_SCAN_SECONDS``, ``BMNN_UPLOAD_SCAN_MEMORY_MB``,
``BMNN_UPLOAD_SCAN_OCR_PAGES`` in the environment). :func:`require_clean` is what the services call where
secrets do not belong (plan attachments, evidence, commitments): a file that could not be checked or bears a
secrecy mark is refused with a Vietnamese message, before anything is written (S3, S6).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from .errors import DomainError

CLEAN, MARKED, UNCHECKED = "clean", "marked", "unchecked"
LEVEL_NAMES = {"MAT": "Mật", "TOI_MAT": "Tối mật", "TUYET_MAT": "Tuyệt mật"}
_RANK = {"MAT": 1, "TOI_MAT": 2, "TUYET_MAT": 3}
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class ScanCaps:
    seconds: float
    memory_mb: int
    ocr_pages: int
    max_bytes: int
    first_pages: int = 0  # a PDF: only its first pages are read (0: all)

    @classmethod
    def from_settings(cls, first_pages: int = 0) -> ScanCaps:
        return cls(
            seconds=float(settings.BMNN_UPLOAD_SCAN_SECONDS),
            memory_mb=int(settings.BMNN_UPLOAD_SCAN_MEMORY_MB),
            ocr_pages=int(settings.BMNN_UPLOAD_SCAN_OCR_PAGES),
            max_bytes=max(settings.BMNN_UPLOAD_MAX_BYTES.values()),
            first_pages=first_pages,
        )


@dataclass(frozen=True)
class UploadScan:
    """The answer for one file: ``status`` is clean, marked or unchecked; ``levels`` the level marks found.

    Marked means the scanner's verdict "secret": a level mark and no GIẢI MẬT (declassified) mark.
    """

    name: str
    status: str
    levels: tuple[str, ...] = ()
    declassified: bool = False  # a GIẢI MẬT mark was found
    detail: str = ""  # why it could not be checked (shown with the refusal)
    marks: list[dict[str, Any]] = field(default_factory=list)

    @property
    def level(self) -> str:
        """The highest level mark found, or ""."""
        return max(self.levels, key=_RANK.__getitem__, default="")

    @property
    def levels_text(self) -> str:
        return ", ".join(LEVEL_NAMES.get(level, level) for level in self.levels)


def _chunks_of(source: Any) -> Iterator[bytes]:
    if isinstance(source, bytes | bytearray | memoryview):
        yield bytes(source)
        return
    if hasattr(source, "chunks"):
        if hasattr(source, "seek"):
            source.seek(0)
        yield from source.chunks(_CHUNK)
        return
    if hasattr(source, "read"):
        if hasattr(source, "seek"):
            source.seek(0)
        while chunk := source.read(_CHUNK):
            yield chunk
        return
    yield from source


def _type_hint(name: str) -> str:
    """Only the extension goes to the child (it hints the type; the content decides)."""
    suffix = os.path.splitext(os.path.basename(str(name).replace("\\", "/")))[1].lower()
    return "tep" + (suffix if suffix[1:].isalnum() and len(suffix) <= 8 else "")


def scan_upload(source: Any, name: str = "", caps: ScanCaps | None = None) -> UploadScan:
    """Check one file (bytes, an uploaded file, a file object or an iterable of chunks) in a capped child process."""
    caps = caps or ScanCaps.from_settings()
    name = str(name or getattr(source, "name", "") or "tep")
    command = [
        sys.executable,
        "-m",
        "bmnn.scan.worker",
        "--name",
        _type_hint(name),
        "--seconds",
        f"{caps.seconds:g}",
        "--memory-mb",
        str(caps.memory_mb),
        "--ocr-pages",
        str(caps.ocr_pages),
        "--max-bytes",
        str(caps.max_bytes),
        "--first-pages",
        str(caps.first_pages),
    ]
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO", "BMNN_", "DATABASE"))}
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    try:
        child = subprocess.Popen(  # noqa: S603
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
            close_fds=True,
        )
    except OSError as exc:
        return UploadScan(name, UNCHECKED, detail=f"không chạy được trình kiểm tra ({exc.strerror or exc})")
    output: list[bytes] = []
    feeder = threading.Thread(target=_feed, args=(child.stdin, source), daemon=True)
    reader = threading.Thread(
        target=lambda: output.append(child.stdout.read(1024 * 1024)),  # type: ignore[union-attr]
        daemon=True,
    )
    feeder.start()
    reader.start()
    try:
        child.wait(timeout=caps.seconds + 5)  # the child's own clock stops it first; this is the backstop
    except subprocess.TimeoutExpired:
        _kill(child)
        return UploadScan(name, UNCHECKED, detail=f"quá thời gian kiểm tra ({caps.seconds:g} giây)")
    finally:
        feeder.join(timeout=5)
        reader.join(timeout=5)
        _kill(child)  # whatever is left of its process group (an OCR run past the child's end)
        child.stdout.close()  # type: ignore[union-attr]
    return _answer(name, b"".join(output), child.returncode)


def _feed(pipe: Any, source: Any) -> None:
    try:
        for chunk in _chunks_of(source):
            pipe.write(chunk)
    except (BrokenPipeError, OSError, ValueError):
        pass  # the child stopped reading (a cap hit): its answer says why
    finally:
        with contextlib.suppress(OSError):
            pipe.close()


def _kill(child: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(OSError):
        os.killpg(child.pid, signal.SIGKILL)  # Tesseract with it
    child.wait()


def _answer(name: str, raw: bytes, returncode: int | None) -> UploadScan:
    try:
        answer = json.loads(raw.decode("utf-8").strip().splitlines()[-1])
    except (ValueError, IndexError):
        if returncode is not None and returncode < 0 and -returncode in (signal.SIGXCPU, signal.SIGKILL):
            return UploadScan(name, UNCHECKED, detail="quá thời gian xử lý cho phép")
        return UploadScan(name, UNCHECKED, detail="trình kiểm tra dừng bất thường (có thể do vượt giới hạn bộ nhớ)")
    marks = list(answer.get("marks") or [])
    levels = tuple(
        sorted(
            {m["level"] for m in marks if m.get("kind") == "level" and m.get("level") in _RANK}, key=_RANK.__getitem__
        )
    )
    declassified = any(m.get("kind") == "declassified" for m in marks)
    if answer.get("verdict") == "error":
        detail = str(answer.get("error") or "không đọc được tệp")
        return UploadScan(name, UNCHECKED, levels, declassified, detail[:300], marks)
    status = MARKED if answer.get("verdict") == "secret" else CLEAN  # a GIẢI MẬT mark lifts the level marks
    return UploadScan(name, status, levels, declassified, "", marks)


def unchecked_message(scan: UploadScan) -> str:
    return (
        f'Tệp "{scan.name}" không kiểm tra được dấu độ mật ({scan.detail}), nên không được nhận. '
        "Hãy gửi tệp nhỏ hơn, ít trang hơn hoặc ở định dạng khác."
    )


def require_checked(upload: Any, *, rule: str, field_name: str = "file", name: str = "") -> UploadScan:
    """Refuse a file that could not be checked (a cap hit, an unreadable file); marks are the caller's to judge."""
    scan = scan_upload(upload, name or getattr(upload, "name", ""))
    if scan.status == UNCHECKED:
        raise DomainError(unchecked_message(scan), rule=rule, field=field_name)
    return scan


def require_clean(files: Iterable[Any], *, rule: str, field_name: str = "files") -> list[UploadScan]:
    """Refuse any file that could not be checked or that bears a secrecy mark, where secrets do not belong.

    S6: these files are kept in clear, so a secret must not come in this way; it belongs in a registered
    record (with its file in the encrypted vault).
    """
    answers = []
    for upload in files:
        if upload is None:
            continue
        scan = require_checked(upload, rule=rule, field_name=field_name)
        if scan.status == MARKED:
            raise DomainError(
                f'Tệp "{scan.name}" mang dấu độ mật ({scan.levels_text or "dấu mật"}): không được '
                "đính kèm ở đây. Tài liệu mật phải được đăng ký và quản lý theo quy trình bảo vệ "
                "bí mật nhà nước.",
                rule="S6",
                field=field_name,
            )
        answers.append(scan)
    return answers
