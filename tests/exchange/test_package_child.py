"""Issue 12: a package from another installation is opened (its outer archive unzipped, its envelope parsed) in
the capped child that checks the upload, never in the web process; a zip bomb is refused, nothing recorded."""

from __future__ import annotations

import contextlib
import io
import os
import zipfile

import pypdfium2 as pdfium
import pytest

from bmnn.core import uploadscan
from bmnn.core.errors import DomainError
from bmnn.exchange import package as fmt
from bmnn.exchange.models import Package, PackageKind, PackageStatus
from bmnn.registry.models import Carrier
from bmnn.vault import render
from bmnn.vault.models import StoredFile
from tests.helpers import operation_events

from .conftest import electronic_secret, members, rezip, send


def test_a_package_is_opened_in_the_child_and_still_registered_R28(cast, pair, monkeypatch):
    """R28: with the in-process opener forbidden, the package still opens (in the child) and is registered."""
    blob = send(pair, electronic_secret(cast, pair))

    def opened_here(_blob):
        raise AssertionError("the web process opened the uploaded package itself")

    monkeypatch.setattr(fmt, "open_sealed", opened_here)
    received = pair.b.import_(blob)
    assert received.carrier is not None and received.carrier.agency == cast.other_department


def test_a_zip_bomb_posing_as_a_package_is_refused_and_nothing_is_recorded_R28(cast, pair):
    """R28, issue 12: an envelope that inflates to 300 MB is refused in Vietnamese; nothing recorded."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(fmt.PAYLOAD, b"")
        archive.writestr(fmt.SIGNATURE, b"")
        with archive.open(fmt.ENVELOPE, "w", force_zip64=True) as member:
            for _ in range(300):
                member.write(b" " * (1024 * 1024))
    before = list(operation_events())
    with pytest.raises(DomainError, match="Không nhập") as refused:
        pair.b.import_(buffer.getvalue())
    assert refused.value.rule == "R28"
    assert not Package.objects.filter(agency=cast.other_department).exists() and list(operation_events()) == before


# ---- the inner archive: decrypted here, opened and its pages counted in the child (issue 12) -----------------


@contextlib.contextmanager
def parsers_forbidden(monkeypatch):
    """Every parser the web process could use on a received file raises here; writing a zip is still allowed."""

    class WriteOnlyZip(zipfile.ZipFile):
        def __init__(self, file, mode="r", *args, **kwargs):
            if mode == "r":
                raise AssertionError("the web process unzipped a received file itself")
            super().__init__(file, mode, *args, **kwargs)

    def parsed_here(*_args, **_kwargs):
        raise AssertionError("the web process parsed a received file itself")

    with monkeypatch.context() as patch:
        patch.setattr(zipfile, "ZipFile", WriteOnlyZip)
        patch.setattr(pdfium, "PdfDocument", parsed_here)
        patch.setattr(render, "page_count", parsed_here)
        yield


def test_the_inner_archive_is_opened_and_its_pages_counted_in_the_child_R28(cast, pair, monkeypatch):
    """R28, issue 12: with every unzipping and PDF parser forbidden in this process, a package is sent (pages
    counted by the child) and received (inner archive opened, pages counted by the child) and registered; the
    child was handed the decrypted inner archive, the agency's private keys never."""
    handed: list[dict] = []
    real = uploadscan.open_in_child

    def spy(source, name, task, **kwargs):
        if task["kind"] == "document-archive":
            inner = os.pread(task["input_fd"], 1 << 24, 0)
            handed.append({**task, "inner": inner})
        return real(source, name, task, **kwargs)

    monkeypatch.setattr(uploadscan, "open_in_child", spy)
    carrier = electronic_secret(cast, pair, pages=(3, 2))
    with parsers_forbidden(monkeypatch):
        blob = send(pair, carrier)
        received = pair.b.import_(blob)
    assert received.status == PackageStatus.RECEIVED
    assert [p["counted"] for p in received.checks["pages"]] == [3, 2]
    assert StoredFile.objects.filter(carrier=received.carrier).count() == 2
    [task] = handed
    assert set(task) == {"kind", "input_fd", "output_fd", "member_bytes", "max_members", "inner"}
    with zipfile.ZipFile(io.BytesIO(task["inner"])) as archive:  # the decrypted inner archive, nothing else
        assert {fmt.DOCUMENT, fmt.SIGNER_SIG, "files/01.pdf", "files/02.pdf"} == set(archive.namelist())
    for fd in (task["input_fd"], task["output_fd"]):  # closed when the import ended: the anonymous files are gone
        with contextlib.suppress(OSError):
            assert "bmnn-scan" not in os.readlink(f"/proc/self/fd/{fd}")


def signed_with_inner(pair, cast, monkeypatch, inner: bytes) -> bytes:
    """A package correctly signed by A's agency and encrypted to B, whose inner archive is ``inner``."""
    with monkeypatch.context() as patch:
        patch.setattr(fmt, "document_archive", lambda *_args: inner)
        return send(pair, electronic_secret(cast, pair, pages=(1,)))


def too_many_members() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(fmt.DOCUMENT, b"{}")
        archive.writestr(fmt.SIGNER_SIG, b"")
        for index in range(fmt.MAX_MEMBERS):
            archive.writestr(f"files/{index:03d}.pdf", b"")
    return buffer.getvalue()


def bomb(megabytes: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(fmt.DOCUMENT, b"{}")
        archive.writestr(fmt.SIGNER_SIG, b"")
        with archive.open("files/01.pdf", "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(b"\0" * (1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("inner", "words"),
    [(too_many_members, "quá nhiều tệp, tối đa 200"), (lambda: bomb(40), "quá lớn khi giải nén, tối đa 8 MB")],
    ids=["too-many-members", "zip-bomb"],
)
def test_a_malicious_inner_archive_could_not_be_checked_and_nothing_is_stored_R28(
    cast, pair, monkeypatch, settings, inner, words
):
    """R28, issue 12: a package signed by a registered sender whose inner archive holds more members than allowed,
    or inflates past the bound, is answered "could not be checked" (never opened in this process), and nothing is
    stored: no package, no record, no file, no error package, no event."""
    settings.BMNN_UPLOAD_MAX_BYTES = dict.fromkeys(settings.BMNN_UPLOAD_MAX_BYTES, 8 << 20)
    blob = signed_with_inner(pair, cast, monkeypatch, inner())
    files, before = StoredFile.objects.count(), list(operation_events())
    with parsers_forbidden(monkeypatch), pytest.raises(DomainError) as refused:
        pair.b.import_(blob)
    assert refused.value.rule == "R28"
    assert "không kiểm tra được" in refused.value.message and words in refused.value.message
    assert "Không nhập" in refused.value.message
    assert not Package.objects.filter(agency=cast.other_department).exists()
    assert not Carrier.objects.filter(agency=cast.other_department).exists()
    assert StoredFile.objects.count() == files and list(operation_events()) == before


def test_an_inner_archive_that_is_not_a_zip_is_answered_with_an_error_package_R28(cast, pair, monkeypatch):
    """R28: a readable but wrong inner archive is a failed check, answered as before (read in the child)."""
    blob = signed_with_inner(pair, cast, monkeypatch, b"PK khong phai tep nen")
    with parsers_forbidden(monkeypatch):
        rejected = pair.b.import_(blob)
    assert rejected.status == PackageStatus.REJECTED and "Nội dung gói không đọc được." in rejected.reason


def test_an_error_reply_in_clear_is_parsed_in_the_child_R28(cast, pair, monkeypatch):
    """R28, issue 12: the clear payload of an error reply (its reasons) is parsed by the child that opens the
    package; with the web process's JSON parsing of it and its unzipping forbidden, A still learns why."""
    from bmnn.exchange.services import common

    parts = members(send(pair, electronic_secret(cast, pair)))
    parts[fmt.PAYLOAD] = parts[fmt.PAYLOAD][:-1] + bytes([parts[fmt.PAYLOAD][-1] ^ 1])
    rejected = pair.b.import_(rezip(parts))
    assert rejected.status == PackageStatus.REJECTED

    class NoJson:
        @staticmethod
        def loads(*_args, **_kwargs):
            raise AssertionError("the web process parsed a received payload itself")

    monkeypatch.setattr(common, "json", NoJson)
    with parsers_forbidden(monkeypatch):
        error = pair.a.import_(bytes(rejected.content))
    sent = Package.objects.get(direction=Package.Direction.OUT, kind=PackageKind.DOCUMENT)
    assert error.refers_to == sent and sent.status == PackageStatus.REJECTED_BY_RECIPIENT
    assert "gói đã bị sửa đổi sau khi ký" in sent.reason
