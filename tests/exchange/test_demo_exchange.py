"""`bmnn demo` shows a package sent, one received, one refused with its error reply, and a recall with one
confirmation and one awaited (R27, R28, R46); the other installations are simulated and say so."""

import io

from django.core.management import call_command
from django.urls import reverse

from bmnn.audit.chain import verify
from bmnn.exchange.models import Package, PackageKind, PackageStatus, Peer
from bmnn.org.models import Person
from bmnn.vault.models import StoredFile
from tests.conftest import ensure_reference_data


def test_the_demo_sends_receives_refuses_and_recalls_R27_R28_R46(db, client):
    ensure_reference_data()
    call_command("demo", stdout=io.StringIO())
    assert all("MÔ PHỎNG" in peer.installation for peer in Peer.objects.all()) and Peer.objects.count() == 2
    out = Package.objects.filter(direction=Package.Direction.OUT, kind=PackageKind.DOCUMENT)
    assert sorted(out.values_list("status", flat=True)) == [PackageStatus.RECALLED, PackageStatus.RECALL_CONFIRMED]
    received = Package.objects.get(direction=Package.Direction.IN, status=PackageStatus.RECEIVED)
    assert received.carrier.reg_number and received.carrier.medium == "ELECTRONIC"
    assert StoredFile.objects.filter(carrier=received.carrier, erased_at__isnull=True).count() == 1
    refused = Package.objects.get(direction=Package.Direction.IN, status=PackageStatus.REJECTED)
    assert "không khớp" in refused.reason and refused.content is not None and refused.carrier is None
    assert verify().ok
    client.force_login(Person.objects.get(username="vanthu"))
    due = client.get(reverse("lifecycle:due")).content.decode()
    assert "Đã xác nhận xóa lúc" in due and "Chưa xác nhận xóa" in due
    recalled = out.first().carrier  # one recall covered both recipients; the record shows each of them
    record = client.get(reverse("registry:carrier", args=[recalled.pk])).content.decode()
    assert "Gửi điện tử và thu hồi: từng nơi nhận" in record
    assert "Đã xác nhận xóa lúc" in record and "chưa xác nhận xóa" in record
    assert client.get(reverse("exchange:packages")).status_code == 200
