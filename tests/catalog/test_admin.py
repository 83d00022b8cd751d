"""Lists of state secrets (the basis of R2), legal parameters and register layouts in the Django admin: each change
is an audit event with old and new values; repealing an item or a list waits for the head's decision (S7)."""

import pytest
from django.contrib import admin as django_admin
from django.urls import reverse

from bmnn.audit.models import AuditEvent
from bmnn.catalog.models import ListStatus, RepealRequest, RepealStatus, SecretList, SecretListItem
from bmnn.legal.models import ProtectionPeriod
from bmnn.org.models import Person
from bmnn.registers.models import RegisterColumn, RegisterLayout, RegisterVolume
from tests.admin_forms import admin_form
from tests.helpers import command


@pytest.fixture
def admin_client(client, db):
    client.force_login(Person.objects.create_superuser(username="quantri", password="mat-khau-thu-nghiem"))
    return client


def list_form(client, secret_list):
    url = reverse("admin:catalog_secretlist_change", args=[secret_list.pk])
    return url, admin_form(client, url)


def row(data, prefix, obj):
    return next(
        key.split("-")[1]
        for key, value in data.items()
        if key.startswith(f"{prefix}-") and key.endswith("-id") and str(value) == str(obj.pk)
    )


def test_an_item_repealed_in_the_admin_is_a_request_the_head_approves_R2_S7(admin_client, client, cast):
    item = cast.exam_logistics_item
    url, data = list_form(admin_client, item.secret_list)
    data[f"items-{row(data, 'items', item)}-repealed"] = "on"
    assert admin_client.post(url, data).status_code == 302
    assert not SecretListItem.objects.get(pk=item.pk).repealed  # still usable until the head decides
    [request] = RepealRequest.objects.all()
    assert request.item == item and request.status == RepealStatus.PENDING
    filed = AuditEvent.objects.get(action="catalog.repeal.requested")
    assert filed.data["changes"] == {"repealed": {"old": False, "new": True}}

    # The administrator who asked cannot decide; a clerk cannot; the head does.
    admin = Person.objects.get(username="quantri")
    client.force_login(admin)
    refused = client.post(f"/api/repeal-requests/{request.pk}/approve/", {}, content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Người đề nghị không được tự quyết định đề nghị của mình."
    client.force_login(cast.clerk)
    assert client.get(f"/danh-muc/de-nghi-bai-bo/{request.pk}/").status_code == 404
    assert client.get(f"/api/repeal-requests/{request.pk}/").status_code == 404
    client.force_login(cast.director)
    page = client.get(f"/danh-muc/de-nghi-bai-bo/{request.pk}/")
    assert [op.slug for op in page.context["operations"]] == ["repeal-approve", "repeal-refuse"]
    assert client.post(f"/danh-muc/de-nghi-bai-bo/{request.pk}/phe-duyet/", {"reasons": ""}).status_code == 302
    assert SecretListItem.objects.get(pk=item.pk).repealed
    approved = AuditEvent.objects.get(action="catalog.repeal.approved")
    assert approved.actor_id == cast.director.pk
    assert approved.data["changes"] == {"repealed": {"old": False, "new": True}}


def test_a_list_repealed_in_the_admin_waits_for_the_head_on_the_command_line(admin_client, cast):
    secret_list = cast.exam_logistics_item.secret_list
    url, data = list_form(admin_client, secret_list)
    data["status"] = ListStatus.REPEALED
    assert admin_client.post(url, data).status_code == 302
    assert SecretList.objects.get(pk=secret_list.pk).status == ListStatus.ACTIVE
    request = RepealRequest.objects.get(item__isnull=True)
    assert "Đã phê duyệt" in command("catalog", "giamdoc", "repeal-approve", str(request.pk))
    assert SecretList.objects.get(pk=secret_list.pk).status == ListStatus.REPEALED
    event = AuditEvent.objects.get(action="catalog.repeal.approved")
    assert event.data["changes"] == {"status": {"old": "ACTIVE", "new": "REPEALED"}}


def test_an_edit_of_a_list_and_of_an_item_is_audited_with_old_and_new_values(admin_client, cast):
    item = cast.exam_logistics_item
    secret_list = item.secret_list
    url, data = list_form(admin_client, secret_list)
    data["note"] = "Đối chiếu với bản gốc"
    data[f"items-{row(data, 'items', item)}-public_condition"] = "Sau khi công bố kết quả thi"
    assert admin_client.post(url, data).status_code == 302
    events = {e.data["model"]: e for e in AuditEvent.objects.filter(action="catalog.list.changed")}
    assert events["catalog.SecretList"].data["changes"] == {
        "note": {"old": secret_list.note, "new": "Đối chiếu với bản gốc"}
    }
    assert events["catalog.SecretListItem"].target_id == str(item.pk)
    assert events["catalog.SecretListItem"].data["changes"] == {
        "public_condition": {"old": item.public_condition, "new": "Sau khi công bố kết quả thi"}
    }
    assert not RepealRequest.objects.exists()


def test_a_legal_parameter_change_is_audited_with_old_and_new_values(admin_client, cast):
    period = ProtectionPeriod.objects.order_by("pk").first()
    url = reverse("admin:legal_protectionperiod_change", args=[period.pk])
    data = admin_form(admin_client, url)
    data["years"] = period.years + 5
    assert admin_client.post(url, data).status_code == 302
    event = AuditEvent.objects.get(action="legal.parameter.changed")
    assert event.data["changes"] == {"years": {"old": period.years, "new": period.years + 5}}


def test_a_register_layout_change_and_its_columns_are_audited_R21(admin_client, cast):
    layout = RegisterLayout.objects.filter(columns__isnull=False).order_by("pk").first()
    column = layout.columns.order_by("order").first()
    url = reverse("admin:registers_registerlayout_change", args=[layout.pk])
    data = admin_form(admin_client, url)
    prefix = next(k.rsplit("-", 2)[0] for k in data if k.endswith("-TOTAL_FORMS"))
    data[f"{prefix}-{row(data, prefix, column)}-heading"] = "Số, ký hiệu"
    data["name"] = layout.name + " (sửa)"
    assert admin_client.post(url, data).status_code == 302
    assert RegisterColumn.objects.get(pk=column.pk).heading == "Số, ký hiệu"
    changed = {e.data["model"]: e.data["changes"] for e in AuditEvent.objects.filter(action="registers.layout.changed")}
    assert changed["registers.RegisterLayout"] == {"name": {"old": layout.name, "new": layout.name + " (sửa)"}}
    assert changed["registers.RegisterColumn"] == {"heading": {"old": column.heading, "new": "Số, ký hiệu"}}


def test_a_closed_register_volume_is_never_deleted_in_the_admin(admin_client, cast):
    assert admin_client.get("/admin/registers/registervolume/").status_code == 200
    volume_admin = django_admin.site._registry[RegisterVolume]
    request = admin_client.get("/admin/").wsgi_request
    assert not volume_admin.has_delete_permission(request)
    assert not volume_admin.has_change_permission(request)


def test_an_inline_row_deleted_in_the_admin_is_audited_with_its_values(admin_client, cast):
    layout = RegisterLayout.objects.filter(columns__isnull=False).order_by("pk").first()
    column = layout.columns.order_by("order").last()
    url = reverse("admin:registers_registerlayout_change", args=[layout.pk])
    data = admin_form(admin_client, url)
    prefix = next(k.rsplit("-", 2)[0] for k in data if k.endswith("-TOTAL_FORMS"))
    data[f"{prefix}-{row(data, prefix, column)}-DELETE"] = "on"
    assert admin_client.post(url, data).status_code == 302
    assert not RegisterColumn.objects.filter(pk=column.pk).exists()
    [event] = AuditEvent.objects.filter(action="registers.layout.changed")
    assert (event.target_id, event.data["model"], event.data["object_id"]) == (
        str(layout.pk),
        "registers.RegisterColumn",
        column.pk,
    )
    assert event.data["deleted"]["heading"] == column.heading
