"""Every API error is in Vietnamese, DRF's and Django's own messages included, whatever language the client
asks for and however it authenticates (a token, no session)."""

import re
from pathlib import Path

import polib
import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from rest_framework import serializers
from rest_framework.authtoken.models import Token

import bmnn
from bmnn.org.models import Person
from tests.helpers import world

CATALOGUE = Path(bmnn.__file__).parent / "locale" / "vi" / "LC_MESSAGES" / "django.po"
ENGLISH = re.compile(r"\b(Ensure|Incorrect|Expected|error|field|value|valid|This|received)\b")


@pytest.fixture
def api(client, cast):
    """The clerk calling with her API token, as an integrator's script would: no session, English preferred."""
    token = Token.objects.create(user=cast.clerk)

    def post(url, body, content_type="application/json"):
        return client.post(
            url,
            body,
            content_type=content_type,
            HTTP_AUTHORIZATION=f"Token {token.key}",
            HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9",
        )

    return post


def _messages(body):
    if isinstance(body, dict):
        return [m for v in body.values() for m in _messages(v)]
    if isinstance(body, list):
        return [m for v in body for m in _messages(v)]
    return [str(body)]


def outgoing(cast, **overrides):
    body = {
        "items": [cast.exam_logistics_item.pk],
        "doc_type": "Kế hoạch",
        "symbol": "KH-SGDĐT",
        "abstract": "Kế hoạch vận chuyển đề thi",
        "drafter": cast.officer.pk,
        "decision_maker": cast.director.pk,
        "recipients": "Phòng Khảo thí; Lưu: VT",
        "copies_issued": 3,
        "custodian": cast.clerk.pk,
        "storage_place": "Tủ sắt số 1",
    }
    body.update(overrides)
    return body


def test_a_malformed_json_body_is_refused_in_vietnamese_and_changes_nothing(api, cast):
    before = world()
    response = api("/api/carriers/outgoing/", '{"doc_type": "Kế hoạch", ', content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": "Nội dung gửi lên không đọc được: không đúng định dạng JSON hoặc biểu mẫu."}
    assert "JSON parse error" not in response.content.decode()
    assert world() == before


def test_an_over_long_field_is_refused_in_vietnamese_and_changes_nothing(api, cast):
    before = world()
    response = api("/api/carriers/outgoing/", outgoing(cast, symbol="K" * 61))
    assert response.status_code == 400
    assert response.json()["symbol"] == ["Tối đa 60 ký tự (đang có 61)."]
    assert world() == before


def test_a_wrong_type_pk_is_refused_in_vietnamese_and_changes_nothing(api, cast):
    before = world()
    response = api("/api/carriers/outgoing/", outgoing(cast, items=["mot"], drafter="hai"))
    assert response.status_code == 400
    body = response.json()
    assert body["items"] == ["Không tồn tại (mã mot)."]
    assert body["drafter"] == ["Không tồn tại (mã hai)."]
    for message in _messages(body):
        assert not ENGLISH.search(message), message
    assert world() == before


def test_an_unsupported_media_type_is_refused_in_vietnamese(api, cast):
    response = api("/api/carriers/outgoing/", "symbol=K", content_type="text/csv")
    assert response.status_code == 415
    assert response.json() == {"detail": 'Kiểu dữ liệu "text/csv" của yêu cầu không được hỗ trợ.'}


def test_drf_and_django_field_messages_read_in_vietnamese(cast):
    """DRF's own serializer messages (an over-long field, a wrong-type pk) and Django's malformed id in a list
    come from the project's catalogue, which the bundled ones lack."""

    class Probe(serializers.Serializer):
        symbol = serializers.CharField(max_length=60)
        person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())

    with translation.override("vi"):
        probe = Probe(data={"symbol": "K" * 61, "person": ["1"]})
        assert not probe.is_valid()
        assert probe.errors == {
            "symbol": ["Trường này có tối đa 60 ký tự."],
            "person": ["Sai kiểu dữ liệu: cần số hiệu của đối tượng, nhận được list."],
        }
        people = forms.ModelMultipleChoiceField(queryset=Person.objects.all())
        with pytest.raises(ValidationError) as refused:
            people.clean(["1x"])
        assert refused.value.messages == ["“1x” không phải giá trị hợp lệ."]


def _entries():
    for entry in polib.pofile(str(CATALOGUE)):
        if not entry.msgid_plural:
            yield entry.msgid, entry.msgstr


def test_the_compiled_catalogue_matches_its_source_and_is_active():
    """Every message of django.po is what gettext returns in Vietnamese: the committed django.mo is current."""
    entries = list(_entries())
    assert len(entries) > 100
    with translation.override("vi"):
        for msgid, msgstr in entries:
            assert msgstr, msgid
            assert translation.gettext(msgid) == msgstr, msgid
