"""`bmnn demo` leaves a record with an encrypted file that its reader can open (S6), and a digitised copy (R17)."""

import io

from django.core.management import call_command

from bmnn.audit.chain import verify
from bmnn.org.models import Person
from bmnn.vault.models import StoredFile
from tests.conftest import ensure_reference_data


def test_the_demo_has_a_record_with_an_encrypted_file_S6(db, client):
    ensure_reference_data()
    call_command("demo", stdout=io.StringIO())
    stored = StoredFile.objects.get(carrier__original__isnull=True, carrier__direction="OUTGOING")
    assert stored.carrier.level == "TOI_MAT" and stored.wrapped_key is not None
    digitised = StoredFile.objects.get(carrier__digitised=True)  # R17: a paper record digitised as a copy
    assert digitised.carrier.medium == "ELECTRONIC" and digitised.carrier.original.medium == "PAPER"
    assert verify().ok
    client.force_login(Person.objects.get(username="vanthu"))
    assert client.get(f"/kho-dien-tu/{stored.pk}/trang/2/").status_code == 200
    assert client.get(f"/kho-dien-tu/{stored.pk}/trang/3/").status_code == 404
