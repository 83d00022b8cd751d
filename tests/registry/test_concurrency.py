"""Twenty clerks register at once on PostgreSQL: distinct consecutive numbers, no gap (S4)."""

import threading

import pytest
from django.db import connection

from bmnn.audit.chain import verify
from bmnn.core.errors import DomainError
from bmnn.core.levels import Level
from bmnn.registry.choices import SeriesKind, Status
from bmnn.registry.models import Carrier, Incident, RegisterSeries
from bmnn.registry.services import incoming_receive, outgoing_register
from tests.conftest import outgoing_kwargs

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks under real concurrency are tested on PostgreSQL"
)


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_registrations_get_twenty_consecutive_numbers_S4(cast, monkeypatch):
    import bmnn.registry.services.outgoing as module

    real_record = module.record

    def flaky_record(actor, action, target, **kwargs):
        if target.abstract == "hỏng":  # this one fails after its number was taken
            raise DomainError("Lỗi giả lập sau khi đã lấy số")
        return real_record(actor, action, target, **kwargs)

    monkeypatch.setattr(module, "record", flaky_record)
    barrier = threading.Barrier(21)
    results, errors = [], []

    def register(i):
        try:
            barrier.wait()
            abstract = "hỏng" if i == 7 else f"Văn bản {i}"
            results.append(outgoing_register(**outgoing_kwargs(cast, abstract=abstract)).reg_number)
        except DomainError as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(i,)) for i in range(21)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(errors) == 1 and errors[0].message == "Lỗi giả lập sau khi đã lấy số"
    assert sorted(results) == list(range(1, 21))
    assert sorted(Carrier.objects.values_list("reg_number", flat=True)) == list(range(1, 21))
    assert not Carrier.objects.filter(abstract="hỏng").exists()  # S3: the failed one left nothing
    assert RegisterSeries.objects.get(kind=SeriesKind.OUTGOING).last_number == 20
    result = verify()
    assert result.ok and result.checked == 20


@pytest.mark.django_db(transaction=True)
def test_concurrent_receipts_number_only_what_is_registered_S4_R25(cast):
    """S4, R25: twelve receipts at once, every third one short: the eight registered get 1..8, the four held none."""
    barrier = threading.Barrier(12)
    failures = []

    def receive(i):
        try:
            barrier.wait()
            incoming_receive(
                actor=cast.clerk,
                sender="UBND tỉnh",
                doc_number=f"{i}/UBND-VX",
                level=Level.MAT,
                abstract=f"Văn bản đến {i}",
                expected_count=2,
                received_count=1 if i % 3 == 0 else 2,
            )
        except Exception as exc:  # reported by the assertion below, never lost in a thread
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=receive, args=(i,)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert sorted(Carrier.objects.exclude(reg_number=None).values_list("reg_number", flat=True)) == list(range(1, 9))
    assert Carrier.objects.filter(status=Status.HELD, reg_number=None).count() == 4
    assert Incident.objects.count() == 4
    assert RegisterSeries.objects.get(kind=SeriesKind.INCOMING).last_number == 8
    assert verify().ok
