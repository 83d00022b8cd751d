"""Failed logins lock the account and the address on every channel; only an audited unlock lifts it early."""

from __future__ import annotations

import base64

import pytest
from axes.models import AccessAttempt
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token

from bmnn.audit.chain import verify
from bmnn.audit.models import AuditEvent
from bmnn.core.errors import PermissionDenied
from bmnn.org.access import login_unlock
from tests.helpers import command

RIGHT = "mat-khau-thu-nghiem"
LIMIT = 5


@pytest.fixture(autouse=True)
def _axes_limit(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT


def web_login(client, username, password, address="10.0.0.7"):
    return client.post("/dang-nhap/", {"username": username, "password": password}, REMOTE_ADDR=address)


def basic(username, password):
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def api_get(client, authorization, address="10.0.0.7"):
    return client.get("/api/carriers/", HTTP_AUTHORIZATION=authorization, REMOTE_ADDR=address)


def test_thirty_wrong_passwords_then_the_right_one_is_refused_on_the_login_page(client, cast):
    for _ in range(30):
        web_login(client, "vanthu", "sai-mat-khau")
    response = web_login(client, "vanthu", RIGHT)
    assert response.status_code == 429
    assert "tạm bị khóa" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # One audit event for the lock, not thirty.
    assert AuditEvent.objects.filter(action="org.login.locked_out").count() == 1
    event = AuditEvent.objects.get(action="org.login.locked_out")
    assert event.data == {"username": "vanthu", "ip_address": "10.0.0.7"} and event.target_id == str(cast.clerk.pk)


def test_the_account_lock_holds_from_another_address(client, cast):
    for _ in range(LIMIT):
        web_login(client, "vanthu", "sai-mat-khau", address="10.0.0.7")
    assert web_login(client, "vanthu", RIGHT, address="10.0.0.99").status_code == 429
    # Someone else at a fresh address is not affected.
    assert web_login(client, "chuyenvien", RIGHT, address="10.0.0.99").status_code == 302


def test_the_address_lock_holds_for_other_accounts(client, cast):
    for name in ("a1", "a2", "a3", "a4", "a5"):
        web_login(client, name, "doan-mo", address="10.0.0.66")
    assert web_login(client, "chuyenvien", RIGHT, address="10.0.0.66").status_code == 429
    assert web_login(client, "chuyenvien", RIGHT, address="10.0.0.67").status_code == 302


def test_the_admin_login_is_locked_too(client, cast):
    cast.director.is_staff = True
    cast.director.save()
    for _ in range(LIMIT):
        client.post("/admin/login/", {"username": "giamdoc", "password": "sai"}, REMOTE_ADDR="10.0.0.8")
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "giamdoc", "password": RIGHT}, REMOTE_ADDR="10.0.0.8"
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_api_basic_auth_is_locked_after_failures_from_any_channel(client, cast):
    for _ in range(LIMIT):
        assert api_get(client, basic("vanthu", "sai")).status_code == 401
    response = api_get(client, basic("vanthu", RIGHT))
    assert response.status_code == 429
    assert "tạm bị khóa" in response.json()["detail"]
    # The web page refuses the same account: the failures were counted once, for every channel.
    assert web_login(client, "vanthu", RIGHT, address="10.0.0.50").status_code == 429


def test_guessed_api_tokens_lock_the_address_but_not_other_machines(client, cast):
    token = Token.objects.create(user=cast.clerk)
    answers = [api_get(client, "Token " + "0" * 40, address="10.0.0.9").status_code for _ in range(LIMIT)]
    assert answers == [401] * (LIMIT - 1) + [429]  # the failure that reaches the limit already answers "locked"
    assert api_get(client, f"Token {token.key}", address="10.0.0.9").status_code == 429
    assert api_get(client, f"Token {token.key}", address="10.0.0.10").status_code == 200


def test_unlock_is_an_audited_operation_of_an_administrator(client, cast):
    for _ in range(LIMIT):
        web_login(client, "vanthu", "sai-mat-khau")
    with pytest.raises(PermissionDenied):
        login_unlock(actor=cast.director, username="vanthu")
    assert AccessAttempt.objects.filter(username="vanthu").exists()
    assert not AuditEvent.objects.filter(action="org.login.unlocked").exists()

    cast.director.is_superuser = True
    cast.director.save()
    assert login_unlock(actor=cast.director, username="vanthu") >= 1
    event = AuditEvent.objects.get(action="org.login.unlocked")
    assert event.actor_id == cast.director.pk and event.data["username"] == "vanthu"
    assert verify().ok
    assert web_login(client, "vanthu", RIGHT).status_code == 302


def test_unlock_by_address_from_the_command_line(client, cast):
    for name in ("a1", "a2", "a3", "a4", "a5"):
        web_login(client, name, "doan-mo", address="10.0.0.66")
    with pytest.raises(CommandError, match="Chỉ quản trị"):
        command("org", "vanthu", "login-unlock", "ip_address=10.0.0.66")
    cast.director.is_superuser = True
    cast.director.save()
    command("org", "giamdoc", "login-unlock", "ip_address=10.0.0.66")
    assert AuditEvent.objects.get(action="org.login.unlocked").data["ip_address"] == "10.0.0.66"
    assert web_login(client, "chuyenvien", RIGHT, address="10.0.0.66").status_code == 302


def test_admin_unlock_action_is_audited(client, cast):
    for _ in range(LIMIT):
        web_login(client, "vanthu", "sai-mat-khau")
    admin_user = cast.director
    admin_user.is_superuser = admin_user.is_staff = True
    admin_user.save()
    client.force_login(admin_user)
    attempt = AccessAttempt.objects.get(username="vanthu")
    listing = client.get("/admin/axes/accessattempt/").content.decode()
    assert "Mở khóa đăng nhập (ghi nhật ký)" in listing and "Số lần sai" in listing and "Địa chỉ máy" in listing
    response = client.post("/admin/axes/accessattempt/", {"action": "unlock", "_selected_action": [attempt.pk]})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="vanthu").exists()
    assert AuditEvent.objects.get(action="org.login.unlocked").actor_id == admin_user.pk
    # Deleting a lock row directly is not offered.
    assert client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/").status_code in (302, 403, 404)


def test_command_code_is_refused_outside_development(cast, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="máy phát triển"):
        call_command("logins", "code", "giamdoc")
