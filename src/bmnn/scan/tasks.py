"""What the capped child does with an uploaded file besides looking for marks: open it for the application.

The web process never parses an uploaded file (issue 12). Where the application needs what is inside one (a
signed report package, a file of scan results), the child that checks the file for marks also opens it, under
the same caps, and answers with a bounded JSON object: what was read and verified, or ``{"refused": ...}`` with a
Vietnamese reason. The application only reads that answer. A task is given as a JSON header on the child's
standard input, before the file (``--task-bytes``).

Tasks:

- ``report-package``: a periodic report package (zip of ``data.json``, its Ed25519 signature, the PDF): sizes
  checked before anything is inflated, the JSON parsed and its depth bounded, the signature verified against
  each of the keys given, the checkpoint of the sender's audit log verified against each key that signed.
- ``sealed-package``: the outer archive of a package from another installation (envelope, encrypted payload,
  agency signature): sizes checked before anything is inflated, the envelope parsed and its depth bounded; a
  payload in clear (an error reply, a recall, a confirmation: any kind but ``encrypted_kind``) parsed too, depth
  bounded, as ``body``. The application verifies the signature and decrypts (with keys it does not hand to a
  child).
- ``scan-results``: the JSON lines of ``bmnn-scan --format jsonl``: every line checked, only what a finding
  keeps returned (the first bad line refuses the whole file).
- ``document-archive``: the inner archive of a document package, which the application decrypted (with a key it
  does not hand to a child) into an anonymous file given as ``input_fd``: the same bounds as the outer archive
  (member count and sizes before anything is inflated, JSON depth), ``document.json`` parsed, the pages of each
  file counted; the files themselves are written one after the other to ``output_fd``, and the answer says
  where each one lies. A bound exceeded answers ``{"refused": ..., "unchecked": true}``: could not be checked.
- ``pdf-pages``: the number of pages of a PDF (``{"pages": null}`` when PDFium cannot open it).
- ``image-pdf``: a scan uploaded as an image (JPEG, PNG, TIFF of several pages) decoded and written as a PDF to
  ``output_fd``, a page for each frame, at the scan's resolution.

The ``document-archive``, ``pdf-pages`` and ``image-pdf`` tasks run without the mark scan (``--no-scan``): what
they write out is checked for marks afterwards, file by file, by the application's usual check.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
import os
import zipfile
import zlib
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

MAX_DEPTH = 32
MAX_MEMBERS = 64
VERDICTS = ("secret", "clean", "error")


class TaskError(Exception):
    """The file is not what the task expects; the message (Vietnamese) says why."""


class TaskUnchecked(TaskError):
    """A bound was exceeded (too many members, too large once inflated): the file could not be checked."""


def run_task(task: dict[str, Any], data: bytes) -> dict[str, Any]:
    kind = task.get("kind")
    try:
        if kind == "report-package":
            return report_package(task, data)
        if kind == "scan-results":
            return scan_results(task, data)
        if kind == "sealed-package":
            return sealed_package(task, data)
        if kind == "document-archive":
            return document_archive(task)
        if kind == "image-pdf":
            return image_pdf(task, data)
        if kind == "pdf-pages":
            return {"pages": _pages(data)}
    except TaskUnchecked as exc:
        return {"refused": str(exc), "unchecked": True}
    except TaskError as exc:
        return {"refused": str(exc)}
    except RecursionError:
        return {"refused": "Tệp lồng nhau quá sâu, không đọc được."}
    return {"refused": "Trình kiểm tra không biết việc được giao."}


def _depth(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether ``value`` nests no deeper than ``limit`` (the application reads it again, from this answer)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return False
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return True


def _loads(raw: bytes | str) -> Any:
    try:
        value = json.loads(raw)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise TaskError("") from None
    if not _depth(value):
        raise TaskError("")
    return value


def _unb64(text: Any) -> bytes:
    try:
        return base64.b64decode(text if isinstance(text, bytes) else str(text), validate=True)
    except (binascii.Error, ValueError):
        return b""


def _verifies(public_key: str, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(_unb64(public_key)).verify(signature, message)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def _read_members(
    data: bytes | io.BufferedIOBase,
    wanted: list[str] | Any,
    member_bytes: int,
    unreadable: str,
    max_members: int = 0,
) -> dict[str, bytes]:
    """The members ``wanted`` of a zip, each and all together at most ``member_bytes`` once inflated.

    ``wanted`` is a list of names, or a function of the archive's names giving that list. With ``max_members``, an
    archive of more members raises ``TaskError("too-many")``; without, it is unreadable past ``MAX_MEMBERS``.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as archive:
            infos = archive.infolist()
            if len(infos) > (max_members or MAX_MEMBERS):
                raise TaskError("too-many" if max_members else unreadable)
            by_name = {info.filename: info for info in infos}
            if callable(wanted):
                wanted = wanted(list(by_name))
            missing = [name for name in wanted if name not in by_name]
            if missing:
                raise TaskError("missing:" + ", ".join(missing))
            if sum(by_name[name].file_size for name in wanted) > member_bytes:
                raise TaskError("too-large")
            parts, left = {}, member_bytes
            for name in wanted:
                with archive.open(by_name[name]) as member:
                    content = member.read(left + 1)  # the declared sizes may lie: never more than all may hold
                if len(content) > left:
                    raise TaskError("too-large")
                parts[name], left = content, left - len(content)
            return parts
    except (zipfile.BadZipFile, zlib.error, OSError, KeyError, RuntimeError, EOFError, NotImplementedError, ValueError):
        raise TaskError(unreadable) from None


def report_package(task: dict[str, Any], data: bytes) -> dict[str, Any]:
    names = task["members"]  # {"data": "data.json", "signature": "data.sig", "pdf": "bao-cao.pdf"}
    member_bytes = int(task["member_bytes"])
    try:
        parts = _read_members(
            data,
            [names["data"], names["signature"], names["pdf"]],
            member_bytes,
            "Tệp không phải gói báo cáo ký số (không đọc được tệp nén).",
        )
    except TaskError as exc:
        reason = str(exc)
        if reason.startswith("missing:"):
            raise TaskError("Gói báo cáo thiếu tệp: " + reason.removeprefix("missing:") + ".") from None
        if reason == "too-large":
            raise TaskError(
                f"Gói báo cáo quá lớn khi giải nén (tối đa {member_bytes // (1024 * 1024)} MB), không mở."
            ) from None
        raise
    raw, signature_raw, pdf = parts[names["data"]], parts[names["signature"]], parts[names["pdf"]]
    try:
        body = _loads(raw)
    except TaskError:
        raise TaskError("Dữ liệu báo cáo trong gói không đọc được.") from None
    if not isinstance(body, dict) or body.get("format") != task.get("format"):
        raise TaskError("Gói không đúng định dạng gói báo cáo định kỳ của BMNN.")
    try:
        signature_text = signature_raw.decode("ascii")
    except UnicodeDecodeError:
        signature_text = ""
    signature = _unb64(signature_text)
    keys: dict[str, str] = {str(k): str(v) for k, v in (task.get("keys") or {}).items()}
    signed_by = [key_id for key_id, public in keys.items() if signature and _verifies(public, signature, raw)]
    return {
        "body": body,
        "data_sha256": hashlib.sha256(raw).hexdigest(),
        "signature": signature_text if signed_by else "",
        "signed_by": signed_by,
        "checkpoint_signed_by": [key_id for key_id in signed_by if _checkpoint_signed(body, keys[key_id])],
        "pdf": base64.b64encode(pdf).decode("ascii"),
        "pdf_sha256": hashlib.sha256(pdf).hexdigest(),
    }


def sealed_package(task: dict[str, Any], data: bytes) -> dict[str, Any]:
    names = task["members"]  # {"envelope": "envelope.json", "payload": "payload.bin", "signature": "agency.sig"}
    member_bytes = int(task["member_bytes"])
    unreadable = "Tệp không phải gói tài liệu điện tử mật (không đọc được tệp nén)."
    try:
        parts = _read_members(data, [names["envelope"], names["payload"], names["signature"]], member_bytes, unreadable)
    except TaskError as exc:
        if str(exc).startswith("missing:"):
            raise TaskError("Tệp không phải gói tài liệu điện tử mật (thiếu thành phần).") from None
        if str(exc) == "too-large":
            raise TaskError(f"Gói quá lớn khi giải nén (tối đa {member_bytes // (1024 * 1024)} MB).") from None
        raise
    envelope_bytes = parts[names["envelope"]]
    try:
        envelope = _loads(envelope_bytes)
    except TaskError:
        raise TaskError("Phong bì của gói không đọc được.") from None
    if not isinstance(envelope, dict) or envelope.get("format") != task.get("format"):
        raise TaskError("Gói không đúng định dạng gói tài liệu điện tử mật của BMNN.")
    signature = _unb64(parts[names["signature"]].decode("ascii", "replace").strip())
    body = None
    if envelope.get("kind") != task.get("encrypted_kind"):
        try:
            body = _loads(parts[names["payload"]])
        except TaskError:
            body = None  # the application refuses it: "Nội dung gói không đọc được"
    return {
        "body": body if isinstance(body, dict) else None,
        "envelope": envelope,
        "envelope_bytes": base64.b64encode(envelope_bytes).decode("ascii"),
        "payload": base64.b64encode(parts[names["payload"]]).decode("ascii"),
        "signature": base64.b64encode(signature).decode("ascii"),
    }


DOCUMENT, SIGNER_SIG, FILES = "document.json", "signer.sig", "files/"


def document_archive(task: dict[str, Any]) -> dict[str, Any]:
    """The inner archive of a document package, read from ``input_fd``; its files written to ``output_fd``."""
    member_bytes, max_members = int(task["member_bytes"]), int(task["max_members"])
    try:
        with os.fdopen(int(task["input_fd"]), "rb", closefd=False) as source:
            parts = _read_members(
                source,
                lambda names: [DOCUMENT, SIGNER_SIG, *sorted(n for n in names if n.startswith(FILES))],
                member_bytes,
                "Nội dung gói không đọc được.",
                max_members,
            )
    except TaskError as exc:
        reason = str(exc)
        if reason == "too-many":
            raise TaskUnchecked(f"nội dung gói có quá nhiều tệp, tối đa {max_members}") from None
        if reason == "too-large":
            raise TaskUnchecked(
                f"nội dung gói quá lớn khi giải nén, tối đa {member_bytes // (1024 * 1024)} MB"
            ) from None
        if reason.startswith("missing:"):
            raise TaskError("Nội dung gói không đúng định dạng.") from None
        raise
    data = parts.pop(DOCUMENT)
    try:
        document = _loads(data)
    except TaskError:
        raise TaskError("Nội dung gói không đọc được.") from None
    if not isinstance(document, dict):
        raise TaskError("Nội dung gói không đúng định dạng.")
    signature = _unb64(parts.pop(SIGNER_SIG).decode("ascii", "replace").strip())
    files, offset = [], 0
    with os.fdopen(int(task["output_fd"]), "wb", closefd=False) as out:
        for name in sorted(parts):
            content = parts.pop(name)
            out.write(content)
            files.append({"offset": offset, "size": len(content), "pages": _pages(content)})
            offset += len(content)
    return {
        "document_bytes": base64.b64encode(data).decode("ascii"),
        "document": document,
        "signature": base64.b64encode(signature).decode("ascii"),
        "files": files,
    }


def _pages(content: bytes) -> int | None:
    """The number of pages of a PDF, or None when PDFium cannot open it."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(content)
    except pdfium.PdfiumError:
        return None
    try:
        return len(pdf)
    finally:
        pdf.close()


PDF_MODES = {"1", "L", "RGB", "CMYK"}  # what Pillow writes into a PDF as is
DEFAULT_DPI = 200.0  # a scan that does not say its resolution is taken as an office scan
IMAGE_FORMATS = ("JPEG", "PNG", "TIFF")


def image_pdf(task: dict[str, Any], data: bytes) -> dict[str, Any]:
    """Every page of an image (every frame of a TIFF) as one PDF page, written to ``output_fd``."""
    from PIL import Image, ImageSequence

    expected = str(task.get("format"))
    if expected not in IMAGE_FORMATS:
        raise TaskError("Trình kiểm tra không biết định dạng ảnh này.")
    refused = f"Không đọc được ảnh {expected} này (tệp hỏng hoặc quá lớn)."
    try:
        with Image.open(io.BytesIO(data), formats=[expected]) as image:
            dpi = float((image.info.get("dpi") or (DEFAULT_DPI,))[0] or DEFAULT_DPI)
            pages = [
                frame.copy() if frame.mode in PDF_MODES else frame.convert("RGB")
                for frame in ImageSequence.Iterator(image)
            ]
        with os.fdopen(int(task["output_fd"]), "wb", closefd=False) as out:
            pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:], resolution=dpi)
            size = out.tell()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, IndexError):
        raise TaskError(refused) from None
    return {"size": size, "pages": len(pages)}


def _checkpoint_signed(body: dict[str, Any], public_key: str) -> bool:
    """The checkpoint of the sender's audit log in the package is well formed and signed by ``public_key``.

    The same check as ``bmnn.audit.checkpoint.signature_problem``: (seq, hash, signed_at) in sorted compact JSON.
    """
    section = body.get("audit")
    checkpoint = section.get("checkpoint") if isinstance(section, dict) else None
    if not isinstance(checkpoint, dict):
        return False
    try:
        signed = {k: checkpoint[k] for k in ("seq", "hash", "signed_at")}
    except KeyError:
        return False
    if (
        type(signed["seq"]) is not int
        or not isinstance(signed["hash"], str)
        or checkpoint.get("public_key") != public_key
    ):
        return False
    try:
        message = json.dumps(signed, sort_keys=True, separators=(",", ":")).encode()
    except (TypeError, ValueError):
        return False
    return _verifies(public_key, _unb64(checkpoint.get("signature", "")), message)


def scan_results(task: dict[str, Any], data: bytes) -> dict[str, Any]:
    """The lines of a ``bmnn-scan --format jsonl`` file, checked; only what a finding keeps (never file contents)."""
    levels = set(task.get("levels") or ())
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TaskError("Tệp kết quả quét không phải văn bản UTF-8.") from None
    lines = clean = error = 0
    secret: list[dict[str, Any]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        row = _row(number, line, levels)
        lines += 1
        if row["verdict"] == "secret":
            secret.append(row)
        elif row["verdict"] == "clean":
            clean += 1
        else:
            error += 1
    if lines == 0:
        raise TaskError("Tệp kết quả quét không có dòng nào.")
    return {"lines": lines, "secret": secret, "clean": clean, "error": error}


def _row(number: int, line: str, levels: set[str]) -> dict[str, Any]:
    def bad(why: str) -> TaskError:
        return TaskError(f"Dòng {number} không hợp lệ: {why}. Không nhập dòng nào.")

    try:
        row = _loads(line)
    except TaskError:
        raise bad("không phải một đối tượng JSON") from None
    if not isinstance(row, dict):
        raise bad("không phải một đối tượng JSON")
    if not isinstance(row.get("path"), str) or not row["path"].strip():
        raise bad("thiếu đường dẫn tệp (path)")
    if row.get("verdict") not in VERDICTS:
        raise bad("kết luận (verdict) phải là secret, clean hoặc error")
    level = row.get("level")
    if level is not None and level not in levels:
        raise bad(f"độ mật (level) không hợp lệ: {str(level)[:40]}")
    marks = row.get("marks", [])
    if not isinstance(marks, list) or not all(isinstance(m, dict) for m in marks):
        raise bad("danh sách dấu (marks) không hợp lệ")
    if row["verdict"] == "secret" and level is None:
        raise bad("tệp có dấu mật nhưng thiếu độ mật (level)")
    keep = [{k: str(m[k])[:200] for k in ("kind", "level", "text", "location") if m.get(k) is not None} for m in marks]
    return {"path": row["path"][:2000], "verdict": row["verdict"], "level": level or "", "marks": keep}
