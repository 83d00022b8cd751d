"""TOTP second factor for whoever approves, decides or administers: enrolment, verification, recovery codes."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from bmnn.audit.chain import verify
from bmnn.audit.models import AuditEvent
from bmnn.core.errors import PermissionDenied
from bmnn.core.levels import Level
from bmnn.core.roles import Operation
from bmnn.legal.models import AuthorityRule
from bmnn.org.access import requires_two_factor, two_factor_reset
from bmnn.org.models import Delegation, Position

RIGHT = "mat-khau-thu-nghiem"


@pytest.fixture(autouse=True)
def _two_factor_on(settings):
    settings.BMNN_TWO_FACTOR_REQUIRED = True


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def log_in(client, username):
    response = client.post("/dang-nhap/", {"username": username, "password": RIGHT})
    assert response.status_code == 302
    return response


def test_who_must_pass_a_second_factor(cast):
    assert requires_two_factor(cast.director)  # head
    assert requires_two_factor(cast.exams_head)  # a position the authority table lets approve
    assert not requires_two_factor(cast.clerk)
    assert not requires_two_factor(cast.officer)
    assert not requires_two_factor(AnonymousUser())
    assert requires_two_factor(cast.deputy)  # the default authority table names deputies
    AuthorityRule.objects.filter(position=Position.DEPUTY_HEAD).delete()
    assert not requires_two_factor(cast.deputy)  # without the table or a delegation, a deputy decides nothing
    Delegation.objects.create(
        grantor=cast.director,
        deputy=cast.deputy,
        document_ref="1/UQ",
        scope="Sao",
        operations=[Operation.COPY],
        max_level=Level.MAT,
        valid_from=dt.date(2020, 1, 1),
        valid_until=dt.date(2099, 12, 31),
    )
    assert requires_two_factor(cast.deputy)
    cast.officer.is_staff = True
    assert requires_two_factor(cast.officer)  # administrators


def test_a_head_is_held_on_enrolment_until_a_code_confirms_the_authenticator(client, cast):
    response = log_in(client, "giamdoc")
    assert client.get("/").url.startswith("/xac-thuc-hai-lop/dang-ky/")
    assert client.get("/de-nghi/").status_code == 302
    assert client.get("/api/carriers/").status_code == 403
    page = client.get("/xac-thuc-hai-lop/dang-ky/")
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "Đăng ký xác thực hai lớp" in html
    assert "http://" not in html.split("<svg", 1)[1].split("</svg>", 1)[0].replace("http://www.w3.org", "")
    device = TOTPDevice.objects.get(user=cast.director, confirmed=False)
    assert base64.b32encode(device.bin_key).decode()[:4] in html

    refused = client.post(
        "/xac-thuc-hai-lop/dang-ky/", {"token": "000000" if code_for(device) != "000000" else "111111"}
    )
    assert refused.status_code == 200 and "Mã xác thực không đúng" in refused.content.decode()
    assert not TOTPDevice.objects.filter(user=cast.director, confirmed=True).exists()
    assert not AuditEvent.objects.filter(action="org.two_factor.enrolled").exists()

    done = client.post("/xac-thuc-hai-lop/dang-ky/", {"token": code_for(device), "next": "/de-nghi/"})
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == 10 and all(code in done.content.decode() for code in codes)
    assert client.get("/de-nghi/").status_code == 200
    event = AuditEvent.objects.get(action="org.two_factor.enrolled")
    assert event.actor_id == cast.director.pk and "codes" not in str(event.data).replace("recovery_codes", "")
    assert verify().ok
    assert response.url == "/"


def test_an_enrolled_head_must_enter_a_code_at_each_login(client, cast):
    device = TOTPDevice.objects.create(user=cast.director, name="app", confirmed=True)
    log_in(client, "giamdoc")
    assert client.get("/de-nghi/").url.startswith("/xac-thuc-hai-lop/?next=/de-nghi/")
    wrong = client.post("/xac-thuc-hai-lop/", {"token": "12345"})
    assert "Mã xác thực không đúng" in wrong.content.decode()
    assert client.get("/de-nghi/").status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # django-otp slows down guessing after each wrong code
    device.throttle_reset()
    ok = client.post("/xac-thuc-hai-lop/", {"token": code_for(device), "next": "/de-nghi/"})
    assert ok.status_code == 302 and ok.url == "/de-nghi/"
    assert client.get("/de-nghi/").status_code == 200


def test_a_recovery_code_works_once(client, cast):
    TOTPDevice.objects.create(user=cast.director, name="app", confirmed=True)
    static = cast.director.staticdevice_set.create(name="Mã dự phòng", confirmed=True)
    StaticToken.objects.create(device=static, token="abcdef1234")
    log_in(client, "giamdoc")
    assert client.post("/xac-thuc-hai-lop/", {"token": "abcdef1234"}).status_code == 302
    assert client.get("/de-nghi/").status_code == 200
    client.post("/dang-xuat/")
    log_in(client, "giamdoc")
    again = client.post("/xac-thuc-hai-lop/", {"token": "abcdef1234"})
    assert again.status_code == 200 and "Mã xác thực không đúng" in again.content.decode()


def test_staff_are_held_before_the_admin(client, cast):
    cast.clerk.is_staff = True
    cast.clerk.save()
    log_in(client, "vanthu")
    assert client.get("/admin/").url.startswith("/xac-thuc-hai-lop/dang-ky/")


def test_someone_who_decides_nothing_passes_with_a_password(client, cast):
    log_in(client, "vanthu")
    assert client.get("/").status_code == 200


def test_password_or_token_alone_is_refused_on_the_api_for_a_head(client, cast):
    from rest_framework.authtoken.models import Token

    auth = "Basic " + base64.b64encode(f"giamdoc:{RIGHT}".encode()).decode()
    response = client.get("/api/carriers/", HTTP_AUTHORIZATION=auth)
    assert response.status_code == 403 and "xác thực hai lớp" in response.json()["detail"]
    token = Token.objects.create(user=cast.director)
    assert client.get("/api/carriers/", HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 403
    # The clerk, who decides nothing, keeps basic auth.
    clerk = "Basic " + base64.b64encode(f"vanthu:{RIGHT}".encode()).decode()
    assert client.get("/api/carriers/", HTTP_AUTHORIZATION=clerk).status_code == 200


def test_a_lost_phone_is_reset_by_an_administrator_only_with_an_audit_event(cast):
    TOTPDevice.objects.create(user=cast.director, name="app", confirmed=True)
    with pytest.raises(PermissionDenied):
        two_factor_reset(actor=cast.clerk, person=cast.director)
    assert TOTPDevice.objects.filter(user=cast.director).exists()
    cast.clerk.is_superuser = True
    two_factor_reset(actor=cast.clerk, person=cast.director)
    assert not TOTPDevice.objects.filter(user=cast.director).exists()
    assert AuditEvent.objects.get(action="org.two_factor.reset").target_id == str(cast.director.pk)


def test_the_development_command_prints_the_current_code(cast, settings, capsys):
    from django.core.management import call_command

    device = TOTPDevice.objects.create(user=cast.director, name="app", confirmed=True)
    settings.DEBUG = True
    call_command("logins", "code", "giamdoc")
    assert capsys.readouterr().out.strip() == code_for(device)
