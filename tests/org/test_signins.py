"""Logins, failed logins, logouts and the use of API tokens are audit events on every channel (S5)."""

from __future__ import annotations

import base64
import io
import os
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token

from bmnn.audit.chain import verify
from bmnn.audit.models import AuditEvent
from bmnn.core import clock
from bmnn.org.models import Person
from bmnn.org.signins import fingerprint
from tests.helpers import at, command

RIGHT = "mat-khau-thu-nghiem"
LIMIT = 5


@pytest.fixture(autouse=True)
def _axes_limit(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT


def events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("seq"))


def web_login(client, username, password, address="10.0.0.7"):
    return client.post("/dang-nhap/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_a_login_and_a_logout_on_the_web_are_events_naming_the_person_S5(client, cast):
    assert web_login(client, "vanthu", RIGHT).status_code == 302
    client.post("/dang-xuat/", REMOTE_ADDR="10.0.0.7")
    [login], [logout] = events("org.login.succeeded"), events("org.login.logged_out")
    for event in (login, logout):
        assert (event.actor_id, event.target_id, event.channel) == (cast.clerk.pk, str(cast.clerk.pk), "web")
        assert event.data == {"ip_address": "10.0.0.7"}
    assert login.seq < logout.seq and verify().ok


def test_each_failed_login_is_an_event_until_the_lock_which_stands_for_the_rest_S5(client, cast):
    for _ in range(30):
        web_login(client, "vanthu", "sai-mat-khau")
    failed = events("org.login.failed")
    assert len(failed) == LIMIT  # the password was checked and wrong five times; then refused unchecked
    assert {(e.target_id, e.channel, e.data["by"], e.data["username"]) for e in failed} == {
        (str(cast.clerk.pk), "web", "password", "vanthu")
    }
    assert len(events("org.login.locked_out")) == 1
    assert not events("org.login.succeeded")


def test_a_failed_login_for_an_unknown_name_points_to_no_one_and_keeps_no_name_S5(client, cast):
    people = Person.objects.count()
    web_login(client, "Mat-khau-go-nham-o-day", "sai-mat-khau")
    [event] = events("org.login.failed")
    assert (event.target_type, event.target_id, event.target_repr, event.actor_id) == ("", "", "", None)
    assert event.data == {"ip_address": "10.0.0.7", "by": "password", "username": ""}
    assert "Mat-khau-go-nham" not in str(event.data) + event.target_repr + event.actor_repr
    assert Person.objects.count() == people


def test_a_token_used_all_day_is_one_event_a_day_named_by_fingerprint_not_key_S5(client, cast):
    key = Token.objects.create(user=cast.clerk).key
    with clock.frozen_at(at(2026, 9, 1, 8)):
        for _ in range(3):
            assert client.get("/api/carriers/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    with clock.frozen_at(at(2026, 9, 2, 8)):
        client.get("/api/carriers/", HTTP_AUTHORIZATION=f"Token {key}")
    used = events("org.token.used")
    assert [(e.data, e.channel, e.actor_id) for e in used] == [
        ({"token": fingerprint(key), "day": "2026-09-01"}, "api", cast.clerk.pk),
        ({"token": fingerprint(key), "day": "2026-09-02"}, "api", cast.clerk.pk),
    ]
    assert key not in str([e.data for e in used])


def test_a_wrong_token_is_a_failed_login_pointing_to_no_one_S5(client, cast):
    assert client.get("/api/carriers/", HTTP_AUTHORIZATION="Token " + "0" * 40).status_code == 401
    [event] = events("org.login.failed")
    assert (event.target_id, event.channel, event.data["by"], event.data["username"]) == ("", "api", "token", "")


def test_a_password_sent_with_every_api_request_is_one_event_a_day(client, cast):
    basic = "Basic " + base64.b64encode(f"chuyenvien:{RIGHT}".encode()).decode()
    for _ in range(3):
        assert client.get("/api/carriers/", HTTP_AUTHORIZATION=basic).status_code == 200
    [event] = events("org.login.basic_used")
    assert (event.actor_id, event.channel, event.data["day"]) == (cast.officer.pk, "api", clock.today().isoformat())


def test_the_command_line_records_its_logins_token_use_and_failures_on_its_channel_S5(cast):
    command("registry", "vanthu", "search")
    command("registry", "vanthu", "search")
    [used] = events("org.token.used")
    assert (used.actor_id, used.channel) == (cast.clerk.pk, "command")
    env = {"BMNN_TOKEN": "", "BMNN_PASSWORD_STDIN": "1"}
    with mock.patch.dict(os.environ, env), mock.patch("sys.stdin", io.StringIO(f"{RIGHT}\n")):
        call_command("registry", "--as", "chuyenvien", "search", stdout=io.StringIO())
    [login] = events("org.login.succeeded")
    assert (login.actor_id, login.channel) == (cast.officer.pk, "command")
    with mock.patch.dict(os.environ, env), mock.patch("sys.stdin", io.StringIO("sai\n")), pytest.raises(CommandError):
        call_command("registry", "--as", "chuyenvien", "search", stdout=io.StringIO())
    with mock.patch.dict(os.environ, {"BMNN_TOKEN": "sai-ma"}), pytest.raises(CommandError):
        call_command("registry", "--as", "chuyenvien", "search", stdout=io.StringIO())
    assert [(e.target_id, e.channel, e.data["by"]) for e in events("org.login.failed")] == [
        (str(cast.officer.pk), "command", "password"),
        (str(cast.officer.pk), "command", "token"),
    ]
    assert verify().ok
