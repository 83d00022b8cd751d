"""The exchange on the screen and the API: send from the record's page, import, download the error reply
(R27, R28)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from bmnn.exchange.models import Package, PackageStatus
from bmnn.registry.choices import Direction
from bmnn.registry.models import Carrier

from .conftest import electronic_secret, members, rezip


def test_send_from_the_record_page_and_import_on_the_other_installation_R27_R28(cast, pair, client):
    carrier = electronic_secret(cast, pair)
    client.force_login(cast.clerk)
    with pair.a.active():
        record_page = client.get(f"/so-bmnn/{carrier.pk}/").content.decode()
        assert "Gửi tài liệu điện tử mật" in record_page
        assert "<dt>Người ký ban hành</dt><dd>Nguyễn Văn An</dd>" in record_page  # R4: the signer recorded
        response = client.post(f"/so-bmnn/{carrier.pk}/gui-dien-tu/", {"peer": pair.a_knows_b.pk})
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    blob = response.content

    client.force_login(cast.outsider)
    with pair.b.active():
        page = client.post("/goi-trao-doi/nhap/", {"package": SimpleUploadedFile("goi.zip", blob)}, follow=True)
    text = page.content.decode()
    received = Package.objects.get(agency=cast.other_department)
    assert page.redirect_chain[-1][0] == f"/goi-trao-doi/{received.pk}/"
    assert "Đã kiểm tra gói và vào sổ BMNN đến số 01" in text and carrier.doc_number in text
    assert "Toàn vẹn (chữ ký số của cơ quan gửi)</th><td>Đạt" in text and "integrity" not in text
    assert Carrier.objects.filter(agency=cast.other_department, direction=Direction.INCOMING).count() == 1
    client.force_login(cast.junior)  # another agency's officer: the package is not found
    assert client.get(f"/goi-trao-doi/{received.pk}/").status_code == 404


def test_a_tampered_package_through_the_api_gives_back_an_error_package_to_download_R28(cast, pair, client):
    from .conftest import send

    parts = members(send(pair, electronic_secret(cast, pair)))
    parts["payload.bin"] = parts["payload.bin"][:-1] + bytes([parts["payload.bin"][-1] ^ 1])
    client.force_login(cast.outsider)
    with pair.b.active():
        response = client.post("/api/exchange-packages/", {"package": SimpleUploadedFile("goi.zip", rezip(parts))})
        assert response.status_code in (200, 201), response.content
        body = response.json()
        assert body["status"] == PackageStatus.REJECTED and "đã bị sửa đổi" in body["reason"]
        reply = client.post(f"/api/exchange-packages/{body['id']}/file/")
    assert reply.status_code == 200 and reply.content.startswith(b"PK")
    assert not Carrier.objects.filter(agency=cast.other_department).exists()
