"""Twenty clerks register at once on PostgreSQL: distinct consecutive numbers, no gap (S4)."""

import threading

import pytest
from django.db import connection

from bmnn.core.errors import DomainError
from bmnn.registry.models import Carrier
from bmnn.registry.services import outgoing_register
from tests.conftest import outgoing_kwargs

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql",
                                reason="row locks under real concurrency are tested on PostgreSQL")


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
    assert len(errors) == 1
    assert sorted(results) == list(range(1, 21))
    assert sorted(Carrier.objects.values_list("reg_number", flat=True)) == list(range(1, 21))
