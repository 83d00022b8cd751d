"""Every input has a limit: oversize texts, numbers and bodies are refused with a Vietnamese 400 (or 413) and
change nothing, on SQLite and PostgreSQL alike; register years no register can have answer 404."""

from __future__ import annotations

import importlib
import json
import pkgutil

import pytest
from django import forms
from django.db import models
from rest_framework import serializers

import bmnn
from bmnn.core.limits import ABSTRACT_MAX, COUNT_MAX
from bmnn.registers.models import RegisterVolume
from bmnn.registry.models import Carrier
from tests.api.test_api import incoming_body, outgoing_body, post
from tests.helpers import command, world

HUGE = "x" * 10_000


@pytest.fixture
def clerk_client(client, cast):
    client.force_login(cast.clerk)
    return client


def test_a_body_over_the_limit_is_refused_before_it_is_parsed(clerk_client, cast, settings):
    before = world()
    body = json.dumps(outgoing_body(cast, abstract="y" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)))
    response = clerk_client.post("/api/carriers/outgoing/", body, content_type="application/json")
    assert response.status_code == 413
    assert response.json() == {"detail": "Dữ liệu gửi lên quá lớn (tối đa 2560 KB)."}
    assert world() == before


def test_a_form_encoded_body_over_the_limit_is_refused_too(clerk_client, cast, settings):
    before = world()
    body = "abstract=" + "y" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)
    response = clerk_client.post("/api/carriers/outgoing/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert world() == before


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("abstract", "a" * (ABSTRACT_MAX + 1), f"Tối đa {ABSTRACT_MAX} ký tự."),
        ("storage_place", HUGE, "Tối đa 200 ký tự."),
        ("circulation_scope", HUGE, "Tối đa 200 ký tự."),
        ("recipients", "r" * 10_001, "Tối đa 10000 ký tự."),
        ("doc_type", HUGE, "Tối đa 120 ký tự."),
        ("copies_issued", 40_000, f"Giá trị không được lớn hơn {COUNT_MAX}."),
        ("copies_issued", 0, "Giá trị không được nhỏ hơn 1."),
    ],
)
def test_outgoing_fields_past_their_limit_answer_400_in_vietnamese(clerk_client, cast, field, value, message):
    before = world()
    response = post(clerk_client, "/api/carriers/outgoing/", outgoing_body(cast, **{field: value}))
    assert response.status_code == 400
    (said,) = response.json()[field]  # the operation's form speaks: "Tối đa 200 ký tự (đang có 10000)."
    assert said.startswith(message.rstrip("."))
    assert world() == before


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("doc_type", HUGE, "Tối đa 120 ký tự."),
        ("storage_place", HUGE, "Tối đa 200 ký tự."),
        ("abstract", "a" * (ABSTRACT_MAX + 1), f"Tối đa {ABSTRACT_MAX} ký tự."),
        ("expected_count", 40_000, f"Giá trị không được lớn hơn {COUNT_MAX}."),
    ],
)
def test_incoming_fields_past_their_limit_answer_400_in_vietnamese(clerk_client, field, value, message):
    before = world()
    response = post(clerk_client, "/api/carriers/incoming/", incoming_body(**{field: value}))
    assert response.status_code == 400
    (said,) = response.json()[field]  # the operation's form speaks: "Tối đa 200 ký tự (đang có 10000)."
    assert said.startswith(message.rstrip("."))
    assert world() == before


def test_the_longest_accepted_values_are_stored_whole(clerk_client, cast):
    body = outgoing_body(
        cast, abstract="a" * ABSTRACT_MAX, storage_place="s" * 200, circulation_scope="c" * 200, copies_issued=COUNT_MAX
    )
    response = post(clerk_client, "/api/carriers/outgoing/", body)
    assert response.status_code == 201, response.content
    carrier = Carrier.objects.get(pk=response.json()["id"])
    assert len(carrier.abstract) == ABSTRACT_MAX and carrier.copies_issued == COUNT_MAX


def test_the_web_form_refuses_an_oversize_abstract_in_vietnamese(clerk_client, cast):
    before = world()
    response = clerk_client.post(
        "/dang-ky-di/",
        {
            "items": [cast.exam_logistics_item.pk],
            "kind": "DOCUMENT",
            "medium": "PAPER",
            "doc_type": "Kế hoạch",
            "symbol": "KH",
            "abstract": "a" * (ABSTRACT_MAX + 1),
            "drafter": cast.officer.pk,
            "decision_maker": cast.director.pk,
            "recipients": "Lưu: VT",
            "copies_issued": 40_000,
            "urgency": "NORMAL",
            "custodian": cast.clerk.pk,
        },
    )
    assert response.status_code == 400  # a refused form answers 400 (the operation's screen)
    html = response.content.decode()
    assert f"Tối đa {ABSTRACT_MAX} ký tự (đang có {ABSTRACT_MAX + 1})." in html
    assert f"Giá trị không được lớn hơn {COUNT_MAX}." in html
    assert world() == before


@pytest.mark.parametrize("year", ["0", "10000", "99999999999", "1000", "9999"])
def test_register_routes_with_years_no_register_can_have_answer_404(clerk_client, year):
    for url in (
        f"/so-sach/so-di/{year}/",
        f"/so-sach/so-di/{year}/tai-ve.pdf",
        f"/so-sach/so-di/{year}/tai-ve.docx",
        f"/api/registers/so-di/{year}/",
        f"/api/registers/so-di/{year}/?dinh-dang=xlsx",
    ):
        response = clerk_client.get(url)
        assert response.status_code == 404, url
    closing = clerk_client.post(
        "/api/registers/volumes/", {"kind": "so-di", "year": year}, content_type="application/json"
    )
    assert closing.status_code in (400, 404) and not RegisterVolume.objects.exists()


@pytest.mark.parametrize("year", ["10000", "99999999999", "1000"])
def test_the_registers_page_refuses_a_year_no_register_can_have(clerk_client, year):
    assert clerk_client.get(f"/so-sach/?nam={year}").status_code == 404


def test_a_register_of_a_real_year_still_opens(clerk_client):
    assert clerk_client.get("/so-sach/so-di/2026/").status_code == 200
    assert clerk_client.get("/api/registers/so-di/1945/").status_code == 200


# Every surface: forms, serializers and model text fields all carry a limit ---------------------------------


def _import_everything() -> None:
    for module in pkgutil.walk_packages(bmnn.__path__, "bmnn."):
        if any(part in module.name for part in (".migrations", ".scan", ".management", ".wsgi", ".asgi")):
            continue
        importlib.import_module(module.name)


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_subclasses(sub)}
    return {c for c in found if c.__module__.startswith("bmnn.")}


def test_every_text_and_number_field_of_every_form_has_a_limit():
    _import_everything()
    missing = []
    for form in _subclasses(forms.BaseForm):
        for name, field in form.base_fields.items():
            if isinstance(field, forms.CharField) and field.max_length is None:
                missing.append(f"{form.__module__}.{form.__name__}.{name}")
            if isinstance(field, forms.IntegerField) and field.max_value is None:
                missing.append(f"{form.__module__}.{form.__name__}.{name}")
    assert missing == []


def test_every_writable_text_and_number_field_of_every_serializer_has_a_limit():
    _import_everything()
    missing = []
    for serializer in _subclasses(serializers.Serializer):
        for name, field in serializer().get_fields().items():
            if field.read_only:
                continue
            if isinstance(field, serializers.CharField) and field.max_length is None:
                missing.append(f"{serializer.__module__}.{serializer.__name__}.{name}")
            if isinstance(field, serializers.IntegerField) and field.max_value is None:
                missing.append(f"{serializer.__module__}.{serializer.__name__}.{name}")
    assert missing == []


def test_every_model_text_field_has_a_maximum_length():
    from django.apps import apps

    missing = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("bmnn.")
        for field in model._meta.concrete_fields
        if isinstance(field, models.TextField) and field.editable and field.max_length is None
    ]
    assert missing == []


# The last line: a service called with raw values (command line, jobs) refuses them too --------------------


def test_a_service_refuses_an_oversize_value_from_any_caller_and_changes_nothing(cast):
    from bmnn.core.errors import DomainError
    from bmnn.registry.services import outgoing_register
    from tests.conftest import outgoing_kwargs

    before = world()
    with pytest.raises(DomainError, match=f"tối đa {ABSTRACT_MAX} ký tự"):
        outgoing_register(**outgoing_kwargs(cast, abstract="a" * (ABSTRACT_MAX + 1)))
    with pytest.raises(DomainError, match="nơi lưu giữ: tối đa 200 ký tự"):
        outgoing_register(**outgoing_kwargs(cast, storage_place=HUGE))
    with pytest.raises(DomainError, match=f"không được lớn hơn {COUNT_MAX}"):
        outgoing_register(**outgoing_kwargs(cast, copies_issued=40_000))
    assert world() == before


def test_the_command_line_refuses_an_oversize_value_in_vietnamese(cast):
    from django.core.management import CommandError

    before = world()
    with pytest.raises(CommandError, match="không được lớn hơn 9999"):
        command(
            "registry",
            "vanthu",
            "outgoing-register",
            f"items={cast.exam_logistics_item.pk}",
            "doc_type=Kế hoạch",
            "symbol=KH",
            "drafter=chuyenvien",
            "decision_maker=giamdoc",
            "recipients=Lưu: VT",
            "copies_issued=40000",
            "custodian=vanthu",
        )
    assert world() == before


def test_a_database_refusal_no_schema_caught_is_a_vietnamese_400_not_a_500(rf, cast):
    from django.db import DataError

    from bmnn.api.errors import exception_handler
    from bmnn.web.middleware import DomainErrorMiddleware

    response = exception_handler(DataError("value too long for type character varying(200)"), {})
    assert response.status_code == 400
    assert response.data == {
        "detail": "Dữ liệu vượt giới hạn cho phép (quá dài hoặc số quá lớn); không có gì được lưu."
    }
    request = rf.get("/")
    request.user = cast.clerk
    page = DomainErrorMiddleware(lambda r: None).process_exception(request, DataError("smallint out of range"))
    assert page.status_code == 400 and "vượt giới hạn cho phép" in page.content.decode()
