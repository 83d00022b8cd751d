"""The device register: inspection before use (P3), no secrets on the Internet (R29), wipe before reuse (R31)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.core.errors import DomainError, PermissionDenied
from bmnn.safeguards import selectors
from bmnn.safeguards.choices import (
    Connection,
    DeviceKind,
    DeviceOrigin,
    DeviceStatus,
    InspectionResult,
    SanitisationMethod,
)
from bmnn.safeguards.models import Device
from bmnn.safeguards.services.devices import (
    device_change_connection,
    device_dispose,
    device_inspect,
    device_reassign,
    device_register,
    device_sanitise,
    device_set_secret_use,
)


def inspect(cast, device, result=InspectionResult.PASSED, on=None):
    return device_inspect(
        actor=cast.clerk,
        device=device,
        inspected_on=on or clock.today(),
        inspector="Phòng An ninh chính trị nội bộ, Công an tỉnh",
        result=result,
    )


def test_a_device_is_used_for_secrets_only_after_a_passed_inspection(cast, standalone_pc):
    """P3: registered, then refused for secret use until a security inspection passes; a failed one blocks."""
    ids = cast.department.subtree_ids()
    assert standalone_pc in selectors.devices_not_inspected(ids)
    with pytest.raises(DomainError, match="chưa được kiểm tra an ninh") as refused:
        device_set_secret_use(actor=cast.clerk, device=standalone_pc, used=True)
    assert refused.value.rule == "P3"
    inspect(cast, standalone_pc, InspectionResult.FAILED)
    with pytest.raises(DomainError):
        device_set_secret_use(actor=cast.clerk, device=standalone_pc, used=True)
    assert standalone_pc in selectors.devices_not_inspected(ids)
    inspect(cast, standalone_pc)
    device = device_set_secret_use(actor=cast.clerk, device=standalone_pc, used=True)
    assert device.used_for_secrets and device.needs_wipe
    assert standalone_pc not in selectors.devices_not_inspected(ids)
    today = clock.today()
    assert list(selectors.devices_inspected_in(ids, today, today)) == [standalone_pc]
    actions = list(AuditEvent.objects.filter(target_type="safeguards.device").values_list("action", flat=True))
    assert actions == [
        "safeguards.device.registered",
        "safeguards.device.inspected",
        "safeguards.device.inspected",
        "safeguards.device.secret_use_changed",
    ]


def test_gifts_name_the_donor_and_are_inspected_like_any_device(cast):
    """P3: gifted or sponsored equipment says who gave it and still needs an inspection before use."""
    with pytest.raises(DomainError, match="tặng, tài trợ"):
        device_register(
            actor=cast.clerk,
            unit=cast.department,
            kind=DeviceKind.PRINTER,
            name="Máy in HP",
            connection=Connection.LAN,
            origin=DeviceOrigin.GIFT,
        )
    gift = device_register(
        actor=cast.clerk,
        unit=cast.department,
        kind=DeviceKind.PRINTER,
        name="Máy in HP",
        connection=Connection.LAN,
        origin=DeviceOrigin.SPONSORED,
        origin_note="Công ty TNHH Thiết bị giáo dục X tài trợ",
    )
    with pytest.raises(DomainError, match="chưa được kiểm tra"):
        device_set_secret_use(actor=cast.clerk, device=gift, used=True)


def test_an_internet_device_is_never_used_for_secrets(cast):
    """R29: the service refuses in Vietnamese, even after a passed inspection."""
    laptop = device_register(
        actor=cast.clerk,
        unit=cast.department,
        kind=DeviceKind.COMPUTER,
        name="Máy tính xách tay Lenovo",
        connection=Connection.INTERNET,
    )
    inspect(cast, laptop)
    with pytest.raises(DomainError, match="kết nối Internet không được dùng") as refused:
        device_set_secret_use(actor=cast.clerk, device=laptop, used=True)
    assert refused.value.rule == "R29"
    laptop.refresh_from_db()
    assert not laptop.used_for_secrets


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_an_internet_device_used_for_secrets(cast):
    """R29: a check constraint refuses the combination even when the service is bypassed."""
    device = Device.objects.create(
        unit=cast.department,
        kind=DeviceKind.COMPUTER,
        name="Máy A",
        connection=Connection.STANDALONE,
        used_for_secrets=True,
        registered_by=cast.clerk,
        registered_at=clock.now(),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Device.objects.filter(pk=device.pk).update(connection=Connection.INTERNET)
    with pytest.raises(IntegrityError), transaction.atomic():
        Device.objects.create(
            unit=cast.department,
            kind=DeviceKind.COMPUTER,
            name="Máy B",
            connection=Connection.INTERNET,
            used_for_secrets=True,
            registered_by=cast.clerk,
            registered_at=clock.now(),
        )


def test_connecting_a_secret_device_to_the_internet_is_refused(cast, standalone_pc):
    """R29, R31: not while in secret use, and not after it until the storage is wiped."""
    inspect(cast, standalone_pc)
    device_set_secret_use(actor=cast.clerk, device=standalone_pc, used=True)
    with pytest.raises(DomainError) as refused:
        device_change_connection(actor=cast.clerk, device=standalone_pc, connection=Connection.INTERNET)
    assert refused.value.rule == "R29"
    device_set_secret_use(actor=cast.clerk, device=standalone_pc, used=False)
    with pytest.raises(DomainError) as refused:
        device_change_connection(actor=cast.clerk, device=standalone_pc, connection=Connection.INTERNET)
    assert refused.value.rule == "R31"
    device_sanitise(
        actor=cast.clerk,
        device=standalone_pc,
        method=SanitisationMethod.WIPE,
        done_on=clock.today(),
        performed_by="Lê Thị Chi",
    )
    device = device_change_connection(actor=cast.clerk, device=standalone_pc, connection=Connection.INTERNET)
    assert device.connection == Connection.INTERNET


def test_reuse_and_disposal_need_a_recorded_wipe(cast, standalone_pc):
    """R31: a device that stored secrets moves to another unit or is disposed of only after a wipe or
    destruction record; destruction of the storage disposes of it."""
    inspect(cast, standalone_pc)
    device_set_secret_use(actor=cast.clerk, device=standalone_pc, used=True)
    with pytest.raises(DomainError, match="thôi sử dụng cho BMNN"):
        device_sanitise(
            actor=cast.clerk,
            device=standalone_pc,
            method=SanitisationMethod.WIPE,
            done_on=clock.today(),
            performed_by="Lê Thị Chi",
        )
    device_set_secret_use(actor=cast.clerk, device=standalone_pc, used=False)
    with pytest.raises(DomainError, match="biên bản xóa sạch") as refused:
        device_reassign(actor=cast.clerk, device=standalone_pc, unit=cast.exams_division)
    assert refused.value.rule == "R31"
    with pytest.raises(DomainError, match="biên bản xóa sạch"):
        device_dispose(actor=cast.clerk, device=standalone_pc, note="Thanh lý theo QĐ 3")
    device_sanitise(
        actor=cast.clerk,
        device=standalone_pc,
        method=SanitisationMethod.WIPE,
        done_on=clock.today() - dt.timedelta(days=1),
        performed_by="Lê Thị Chi",
    )
    moved = device_reassign(actor=cast.clerk, device=standalone_pc, unit=cast.exams_division, location="Phòng Khảo thí")
    assert moved.unit == cast.exams_division and not moved.needs_wipe
    device_set_secret_use(actor=cast.clerk, device=moved, used=True)
    device_set_secret_use(actor=cast.clerk, device=moved, used=False)
    device_sanitise(
        actor=cast.clerk,
        device=moved,
        method=SanitisationMethod.DESTROY,
        done_on=clock.today(),
        performed_by="Hội đồng thanh lý",
    )
    moved.refresh_from_db()
    assert moved.status == DeviceStatus.DISPOSED
    with pytest.raises(DomainError, match="đã thanh lý"):
        inspect(cast, moved)
    assert AuditEvent.objects.filter(action="safeguards.device.sanitised", basis="R31").count() == 2


def test_only_managers_of_the_agency_keep_the_register(cast, standalone_pc):
    """P3: an officer or another agency's clerk cannot register or inspect the department's devices."""
    with pytest.raises(PermissionDenied):
        device_register(
            actor=cast.officer,
            unit=cast.department,
            kind=DeviceKind.COPIER,
            name="Ricoh",
            connection=Connection.STANDALONE,
        )
    with pytest.raises(PermissionDenied):
        device_inspect(
            actor=cast.outsider,
            device=standalone_pc,
            inspected_on=clock.today(),
            inspector="X",
            result=InspectionResult.PASSED,
        )
    assert standalone_pc not in selectors.devices_visible_to(cast.outsider)
