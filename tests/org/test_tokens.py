"""A person issues and revokes their own API token, on their account page, the API or the command line; each is
an audit event, and no one mints or revokes a token for someone else."""

import io
import os
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.authtoken.models import Token

from bmnn.audit.models import AuditEvent
from bmnn.core.errors import PermissionDenied
from bmnn.org import services
from tests.helpers import command


def token_events(person):
    return list(
        AuditEvent.objects.filter(action__startswith="org.token.", target_id=str(person.pk))
        .exclude(action="org.token.used")
        .order_by("seq")
        .values_list("action", "actor_id")
    )


def test_a_person_issues_a_token_on_their_account_page_and_uses_it(client, cast):
    client.force_login(cast.clerk)
    assert client.get("/tai-khoan/").url == f"/tai-khoan/{cast.clerk.pk}/"
    page = client.get(f"/tai-khoan/{cast.clerk.pk}/")
    assert page.status_code == 200
    assert "Chưa có" in page.content.decode()
    assert [op.slug for op in page.context["operations"]] == ["token-issue"]
    answer = client.post(f"/tai-khoan/{cast.clerk.pk}/ma-truy-cap/cap/")
    assert answer.status_code == 302 and answer.url == f"/tai-khoan/{cast.clerk.pk}/"
    token = Token.objects.get(user=cast.clerk)
    assert token.key in client.get(f"/tai-khoan/{cast.clerk.pk}/").content.decode()
    assert token_events(cast.clerk) == [("org.token.issued", cast.clerk.pk)]
    client.logout()
    assert client.get("/api/carriers/", HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 200


def test_issuing_again_replaces_the_old_token(client, cast):
    client.force_login(cast.clerk)
    first = client.post(f"/api/accounts/{cast.clerk.pk}/token/").json()["key"]
    answer = client.post(f"/api/accounts/{cast.clerk.pk}/token/")
    assert answer.status_code == 201
    second = answer.json()["key"]
    assert first != second and Token.objects.get(user=cast.clerk).key == second
    client.logout()
    assert client.get("/api/carriers/", HTTP_AUTHORIZATION=f"Token {first}").status_code == 401
    assert AuditEvent.objects.filter(action="org.token.issued").last().data == {"replaced": True}


def test_no_one_sees_or_mints_a_token_for_someone_else(client, cast):
    client.force_login(cast.director)
    assert client.get(f"/tai-khoan/{cast.clerk.pk}/").status_code == 404
    assert client.post(f"/tai-khoan/{cast.clerk.pk}/ma-truy-cap/cap/").status_code == 404
    assert client.post(f"/api/accounts/{cast.clerk.pk}/token/").status_code == 404
    with pytest.raises(PermissionDenied, match="chính mình"):
        services.token_issue(actor=cast.director, person=cast.clerk)
    assert not Token.objects.exists()
    assert not AuditEvent.objects.filter(action__in=["org.token.issued", "org.token.revoked"]).exists()


def test_a_person_revokes_their_token_on_the_command_line(cast):
    out = io.StringIO()
    with (
        mock.patch.dict(os.environ, {"BMNN_PASSWORD_STDIN": "1"}),
        mock.patch("sys.stdin", io.StringIO("mat-khau-thu-nghiem\n")),
    ):
        call_command("org", "--as", "vanthu", "token-issue", str(cast.clerk.pk), stdout=out)
    key = Token.objects.get(user=cast.clerk).key
    assert key in out.getvalue()
    assert command("org", "vanthu", "token-show").strip() == key
    assert "Đã thu hồi mã truy cập API" in command("org", "vanthu", "token-revoke", str(cast.clerk.pk))
    assert not Token.objects.filter(user=cast.clerk).exists()
    assert token_events(cast.clerk) == [("org.token.issued", cast.clerk.pk), ("org.token.revoked", cast.clerk.pk)]


def test_revoking_without_a_token_is_refused_and_changes_nothing(client, cast):
    client.force_login(cast.clerk)
    answer = client.post(f"/api/accounts/{cast.clerk.pk}/token/revoke/")
    assert answer.status_code == 400
    assert answer.json()["detail"] == "Bạn chưa có mã truy cập API."
    with pytest.raises(CommandError, match="Không tìm thấy hồ sơ"):
        command("org", "giamdoc", "token-revoke", str(cast.clerk.pk))
    assert not AuditEvent.objects.filter(action__in=["org.token.issued", "org.token.revoked"]).exists()
