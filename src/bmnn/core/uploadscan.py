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
import fcntl
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from .errors import DomainError

CLEAN, MARKED, UNCHECKED = "clean", "marked", "unchecked"
OPENED = "opened"  # a task run without the mark scan (open_in_child): opened, not checked for marks
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


class ScanBusy(DomainError):
    """Every check slot of the installation is taken: the upload is refused at once, nothing stored."""

    http_status = 503  # try again shortly

    def __init__(self) -> None:
        super().__init__(
            _(
                "The system is checking other files; please try again later. The file was not received and nothing "
                "was stored."
            ),
            field="file",
        )


class UploadUnchecked(DomainError):
    """The capped child could not check or open the file: a cap or a bound was hit (never taken as clean)."""


@contextlib.contextmanager
def scan_slot() -> Iterator[None]:
    """Hold one of the installation's ``BMNN_UPLOAD_SCAN_CONCURRENCY`` check slots, or refuse at once (issue 12).

    A slot is an exclusive ``flock`` on a file of ``BMNN_UPLOAD_SCAN_SLOT_DIR`` (in the data directory), so the
    bound holds across gunicorn's workers and threads and the command line alike; the kernel frees it when its
    holder ends, however it ends. Nobody waits for a slot: with all taken, :class:`ScanBusy` is raised before the
    file is read, so no more than that many web threads ever wait on checks.
    """
    directory = Path(settings.BMNN_UPLOAD_SCAN_SLOT_DIR)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    for index in range(max(1, int(settings.BMNN_UPLOAD_SCAN_CONCURRENCY))):
        fd = os.open(directory / f"slot-{index}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            continue
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
        return
    raise ScanBusy()


def _command(name: str, caps: ScanCaps, task_bytes: int, scan: bool = True) -> list[str]:
    return [
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
        "--task-bytes",
        str(task_bytes),
        *(() if scan else ("--no-scan",)),
    ]


def _run(
    source: Any,
    name: str,
    caps: ScanCaps,
    task: dict[str, Any] | None,
    *,
    scan: bool = True,
    fds: tuple[int, ...] = (),
) -> tuple[UploadScan, Any]:
    """Run the capped child on one file, holding a check slot; its answer and, with a task, the task's result.

    ``fds`` are handed to the child as they are (the anonymous files of :func:`scratch_file`); ``scan=False``
    runs the task alone, without the mark scan."""
    header = json.dumps(task, ensure_ascii=False).encode() if task is not None else b""
    # A task answers with what it read (a package's PDF in base64): room for that, and no more.
    answer_limit = 1024 * 1024 + (2 * caps.max_bytes if task is not None else 0)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO", "BMNN_", "DATABASE"))}
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    with scan_slot():
        try:
            child = subprocess.Popen(  # noqa: S603
                _command(name, caps, len(header), scan),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
                start_new_session=True,
                close_fds=True,
                pass_fds=fds,
            )
        except OSError as exc:
            return UploadScan(
                name,
                UNCHECKED,
                detail=_("the checker could not be started ({error})").format(error=exc.strerror or exc),
            ), None
        output: list[bytes] = []
        cut: list[bool] = []
        feeder = threading.Thread(target=_feed, args=(child.stdin, source, header), daemon=True)
        reader = threading.Thread(target=_read, args=(child, answer_limit, output, cut), daemon=True)
        feeder.start()
        reader.start()
        try:
            # The child's own clock stops it first; this is the backstop. Past it the whole process group is
            # killed, so a check never holds its thread longer than the cap and two seconds.
            child.wait(timeout=caps.seconds + 2)
        except subprocess.TimeoutExpired:
            _kill(child)
            return UploadScan(
                name,
                UNCHECKED,
                detail=_("the check took too long ({seconds} seconds)").format(seconds=f"{caps.seconds:g}"),
            ), None
        finally:
            _kill(child)  # whatever is left of its process group (an OCR run past the child's end)
            feeder.join(timeout=2)
            reader.join(timeout=2)
            with contextlib.suppress(OSError):
                child.stdout.close()  # type: ignore[union-attr]
    if cut:
        return UploadScan(name, UNCHECKED, detail=_("the checker's answer exceeded its limit")), None
    return _answer(name, b"".join(output), child.returncode, scan)


def _read(child: subprocess.Popen[bytes], limit: int, output: list[bytes], cut: list[bool]) -> None:
    """The child's answer, at most ``limit`` bytes: past it the child is killed, and its answer is not read."""
    total = 0
    with contextlib.suppress(OSError, ValueError):
        while piece := child.stdout.read1(1 << 20):  # type: ignore[union-attr]
            output.append(piece)
            total += len(piece)
            if total > limit:
                cut.append(True)
                with contextlib.suppress(OSError):
                    os.killpg(child.pid, signal.SIGKILL)
                return


def scan_upload(source: Any, name: str = "", caps: ScanCaps | None = None) -> UploadScan:
    """Check one file (bytes, an uploaded file, a file object or an iterable of chunks) in a capped child process.

    Raises :class:`ScanBusy` when every check slot of the installation is taken.
    """
    caps = caps or ScanCaps.from_settings()
    name = str(name or getattr(source, "name", "") or "tep")
    return _run(source, name, caps, None)[0]


def open_upload(source: Any, name: str, task: dict[str, Any], caps: ScanCaps | None = None) -> dict[str, Any]:
    """Check one file for marks and have the capped child open it for a ``task`` (``bmnn.scan.tasks``).

    Returns the task's result, a JSON object the child bounded and verified; the caller validates its shape.
    Raises a DomainError (Vietnamese) when the file could not be checked (a cap hit, a crash, an answer cut at
    its limit) or the child could not open it; :class:`ScanBusy` when every check slot is taken.
    """
    caps = caps or ScanCaps.from_settings()
    scan, result = _run(source, name, caps, task)
    if scan.status == UNCHECKED:
        raise UploadUnchecked(unchecked_message(scan), field="file")
    return _task_result(name, result)


def open_in_child(
    source: Any, name: str, task: dict[str, Any], *, fds: tuple[int, ...] = (), caps: ScanCaps | None = None
) -> dict[str, Any]:
    """Have the capped child run a ``task`` alone, without the mark scan (``bmnn.scan.tasks``): what the web process
    must not parse itself but need not check for marks (an archive whose files are checked one by one afterwards,
    an image to convert to PDF, then checked). ``fds`` carries the anonymous files of :func:`scratch_file`.

    Returns the task's result. Raises :class:`UploadUnchecked` (Vietnamese, "could not be checked") when a cap or
    a bound of the task was hit; a DomainError with the task's reason when the file is not what it expects;
    :class:`ScanBusy` when every check slot is taken.
    """
    caps = caps or ScanCaps.from_settings()
    scan, result = _run(source, name, caps, task, scan=False, fds=fds)
    if scan.status != OPENED:
        raise UploadUnchecked(unchecked_message(scan), field="file")  # with scan=False, anything else is unchecked
    return _task_result(name, result)


def _task_result(name: str, result: Any) -> dict[str, Any]:
    """What the child's task answered: "could not be checked" (never clean) for a malformed answer or a bound
    the task hit; the task's own reason when the file is not what it expects."""
    if not isinstance(result, dict):
        raise UploadUnchecked(
            unchecked_message(UploadScan(name, UNCHECKED, detail=_("malformed answer"))), field="file"
        )
    if result.get("unchecked"):
        detail = str(result.get("refused") or _("the check limits were exceeded"))[:300]
        raise UploadUnchecked(unchecked_message(UploadScan(name, UNCHECKED, detail=detail)), field="file")
    if "refused" in result:
        raise DomainError(str(result["refused"])[:500] or _("The file could not be read."), field="file")
    return result


@contextlib.contextmanager
def scratch_file() -> Iterator[int]:
    """An anonymous file for the child to read or write (its descriptor): in memory, never on disk (S6).

    On Linux a ``memfd``; elsewhere a file of the data directory, 0600 and unlinked as soon as it is made, so it
    has no name and is gone when closed. Closed (and gone) on leaving.
    """
    if hasattr(os, "memfd_create"):
        fd = os.memfd_create("bmnn-scan", 0)
    else:  # pragma: no cover - not Linux
        directory = Path(settings.DATA_DIR) / "scan-tmp"
        directory.mkdir(mode=0o700, exist_ok=True)
        fd, path = tempfile.mkstemp(dir=directory)
        os.unlink(path)
    try:
        yield fd
    finally:
        os.close(fd)


def read_scratch(fd: int, offset: int, size: int) -> bytes:
    """``size`` bytes at ``offset`` of a scratch file the child wrote: only within what it holds, else ValueError."""
    held = os.fstat(fd).st_size
    if offset < 0 or size < 0 or offset + size > held:
        raise ValueError("outside the scratch file")
    parts, end = [], offset + size
    while offset < end:
        piece = os.pread(fd, min(end - offset, _CHUNK * 64), offset)
        if not piece:
            raise ValueError("the scratch file ended early")
        parts.append(piece)
        offset += len(piece)
    return b"".join(parts)


def _feed(pipe: Any, source: Any, header: bytes = b"") -> None:
    try:
        if header:
            pipe.write(header)
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


def _answer(name: str, raw: bytes, returncode: int | None, scan: bool = True) -> tuple[UploadScan, Any]:
    try:
        answer = json.loads(raw.decode("utf-8").strip().splitlines()[-1])
        if not isinstance(answer, dict):
            raise ValueError
    except (ValueError, IndexError, RecursionError):
        if returncode is not None and returncode < 0 and -returncode in (signal.SIGXCPU, signal.SIGKILL):
            return UploadScan(name, UNCHECKED, detail=_("the processing time limit was exceeded")), None
        detail = _("the checker stopped abnormally (perhaps past its memory limit)")
        return UploadScan(name, UNCHECKED, detail=detail), None
    marks = [m for m in answer.get("marks") or [] if isinstance(m, dict)]
    levels = tuple(
        sorted(
            {m["level"] for m in marks if m.get("kind") == "level" and m.get("level") in _RANK}, key=_RANK.__getitem__
        )
    )
    declassified = any(m.get("kind") == "declassified" for m in marks)
    if answer.get("verdict") == "error":
        detail = str(answer.get("error") or _("the file could not be read"))
        return UploadScan(name, UNCHECKED, levels, declassified, detail[:300], marks), None
    if not scan and answer.get("verdict") == "opened":
        return UploadScan(name, OPENED), answer.get("task")
    if not scan or answer.get("verdict") not in ("secret", "clean"):
        return UploadScan(name, UNCHECKED, detail=_("the checker's answer was malformed")), None
    status = MARKED if answer.get("verdict") == "secret" else CLEAN  # a GIẢI MẬT mark lifts the level marks
    return UploadScan(name, status, levels, declassified, "", marks), answer.get("task")


def _clock() -> float:
    return time.monotonic()


def unchecked_message(scan: UploadScan) -> str:
    return _(
        'The secrecy marks of file "{name}" could not be checked ({detail}), so it was not accepted. '
        "Send a smaller file, fewer pages or another format."
    ).format(name=scan.name, detail=scan.detail)


def require_checked(
    upload: Any, *, rule: str, field_name: str = "file", name: str = "", caps: ScanCaps | None = None
) -> UploadScan:
    """Refuse a file that could not be checked (a cap hit, an unreadable file); marks are the caller's to judge."""
    scan = scan_upload(upload, name or getattr(upload, "name", ""), caps)
    if scan.status == UNCHECKED:
        raise DomainError(unchecked_message(scan), rule=rule, field=field_name)
    return scan


def require_clean(files: Iterable[Any], *, rule: str, field_name: str = "files") -> list[UploadScan]:
    """Refuse any file that could not be checked or that bears a secrecy mark, where secrets do not belong.

    S6: these files are kept in clear, so a secret must not come in this way; it belongs in a registered
    record (with its file in the encrypted vault).
    """
    answers = []
    caps = ScanCaps.from_settings()
    started = _clock()
    for upload in files:
        if upload is None:
            continue
        # The files of one request share one time cap, so that a request never waits longer than that for all.
        left = caps.seconds - (_clock() - started)
        if left <= 0:
            late = UploadScan(
                str(getattr(upload, "name", "") or "tep"),
                UNCHECKED,
                detail=_("the check took too long ({seconds} seconds)").format(seconds=f"{caps.seconds:g}"),
            )
            raise DomainError(unchecked_message(late), rule=rule, field=field_name)
        scan = require_checked(upload, rule=rule, field_name=field_name, caps=replace(caps, seconds=left))
        if scan.status == MARKED:
            raise DomainError(
                _(
                    'File "{name}" bears a secrecy mark ({marks}): it may not be attached here. Secret documents '
                    "must be registered and managed under the state secret protection procedure."
                ).format(name=scan.name, marks=scan.levels_text or _("secrecy mark")),
                rule="S6",
                field=field_name,
            )
        answers.append(scan)
    return answers
