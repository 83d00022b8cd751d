"""Issue 12: a package from another installation is opened (its outer archive unzipped, its envelope parsed) in
the capped child that checks the upload, never in the web process; a zip bomb is refused, nothing recorded."""

from __future__ import annotations

import io
import zipfile

import pytest

from bmnn.core.errors import DomainError
from bmnn.exchange import package as fmt
from bmnn.exchange.models import Package
from tests.helpers import operation_events

from .conftest import electronic_secret, send


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
