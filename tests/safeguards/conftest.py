"""What the safeguards tests share: a registered plan the clerk keeps, a scanned commitment, a device."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bmnn.documents.samples import text_pdf
from bmnn.registry.models import Carrier
from bmnn.registry.services import outgoing_register
from bmnn.safeguards.choices import Connection, DeviceKind
from bmnn.safeguards.models import Device
from bmnn.safeguards.services.devices import device_register
from tests.conftest import Cast, outgoing_kwargs


@pytest.fixture(autouse=True)
def _media(tmp_path, settings) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def plan(cast: Cast) -> Carrier:
    """A MAT transport plan kept by the clerk."""
    return outgoing_register(**outgoing_kwargs(cast))


def scan_file(name: str = "cam-ket.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text_pdf("signed commitment"), content_type="application/pdf")


@pytest.fixture
def standalone_pc(cast: Cast) -> Device:
    return device_register(
        actor=cast.clerk,
        unit=cast.department,
        kind=DeviceKind.COMPUTER,
        name="Máy tính Dell OptiPlex phòng văn thư",
        serial="DL-7090-01",
        connection=Connection.STANDALONE,
    )
