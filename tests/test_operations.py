"""Every declared operation is reachable on the web, the API and the command line, with the same refusals,
is described in the OpenAPI schema, and is offered on its subject's page exactly when its ``check`` passes.
"""

from __future__ import annotations

import io
import os
from typing import Any
from unittest import mock

import pytest
from django.core.management import CommandError, call_command, get_commands, load_command_class
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from rest_framework.authtoken.models import Token

from bmnn.core import clock, operations
from bmnn.core.cli import OperationCommand
from bmnn.core.errors import DomainError
from bmnn.core.operations import Operation
from bmnn.org.models import Person
from bmnn.registry.services import handover_create, incoming_receive, outgoing_register
from tests.conftest import outgoing_kwargs
from tests.helpers import at

OPERATIONS = sorted(operations.load().values(), key=lambda op: op.slug)


def _commands() -> dict[str, OperationCommand]:
    found = {}
    for name, app in get_commands().items():
        if app.startswith("bmnn."):
            command = load_command_class(app, name)
            if isinstance(command, OperationCommand):
                found[name] = command
    return found


COMMANDS = _commands()


@pytest.fixture(scope="module")
def schema_operation_ids() -> set[str]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {op["operationId"] for path in schema["paths"].values() for op in path.values() if "operationId" in op}


@pytest.fixture
def nobody(db: Any) -> Person:
    """An account that belongs to no unit, is cleared for nothing and designated for nothing."""
    return Person.objects.create_user(username="khach", password="Khach-khong-quyen-2026")


def _command_for(op: Operation) -> str:
    names = [name for name, command in COMMANDS.items() if op in command.operations()]
    assert names, f"no `bmnn` command offers the operations of {op.app}"
    return names[0]


def _cli(name: str, person: Person, *args: str) -> str:
    token, _ = Token.objects.get_or_create(user=person)
    out = io.StringIO()
    with mock.patch.dict(os.environ, {"BMNN_TOKEN": token.key}):
        call_command(name, "--as", person.username, *args, stdout=out)
    return out.getvalue()


def _urls(op: Operation, pk: int | None) -> tuple[str | None, str]:
    args = [pk] if op.subject is not None else []
    web = reverse(f"ops:{op.slug}", args=args) if op.screen else None
    return web, reverse(f"api:{op.slug}", args=args)


def test_there_are_operations_in_every_app_that_changes_data() -> None:
    apps = {op.app for op in OPERATIONS}
    assert {"registry", "reports", "registers", "gate"} <= apps


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.slug)
def test_the_operation_is_on_every_surface_and_refuses_alike(
    op: Operation, client: Any, nobody: Person, schema_operation_ids: set[str]
) -> None:
    """Web, API and command answer the same way to someone who may not act: not found, or the check's refusal."""
    assert op.slug in schema_operation_ids
    command = _command_for(op)
    web, api = _urls(op, 999999)
    client.force_login(nobody)
    expected = None
    if op.subject is None and op.check is not None:
        with pytest.raises(DomainError) as refused:
            op.check(nobody, None)
        expected = refused.value.message
    elif op.subject is None:  # anyone may start it: the same form refuses an empty input everywhere
        assert client.post(api, {}, content_type="application/json").status_code == 400
        with pytest.raises(CommandError):
            _cli(command, nobody, op.slug)
        if web is not None:
            assert client.post(web, {}).status_code == 400
        return
    answer = client.post(api, {}, content_type="application/json")
    cli_args = [op.slug, *(["999999"] if op.subject is not None else [])]
    with pytest.raises(CommandError) as cli_refused:
        _cli(command, nobody, *cli_args)
    if expected is None:  # a subject nobody may see answers like a missing one (S2)
        assert answer.status_code == 404
        assert "Không tìm thấy" in str(cli_refused.value)
        if web is not None:
            assert client.get(web).status_code == 404
    else:
        assert answer.status_code in (400, 403) and answer.json()["detail"] == expected
        assert expected in str(cli_refused.value)
        if web is not None:
            page = client.get(web)
            assert page.status_code in (400, 403) and expected in page.content.decode()


def _offered_links(page: str, kind: str, subject: Any) -> set[str]:
    return {
        op.slug
        for op in OPERATIONS
        if op.subject is not None
        and op.subject.name == kind
        and op.screen
        and reverse(f"ops:{op.slug}", args=[subject.pk]) in page
    }


def test_a_record_page_offers_exactly_what_check_allows(client: Any, cast: Any) -> None:
    """What a person may start on a record is the operations whose check passes: nothing restated for the page."""
    with clock.frozen_at(at(2026, 3, 2)):
        stored = outgoing_register(**outgoing_kwargs(cast))
        held = incoming_receive(
            actor=cast.clerk, sender="UBND tỉnh", doc_number="7/UBND", level="MAT", expected_count=2, received_count=1
        )
        moving = outgoing_register(**outgoing_kwargs(cast, symbol="TB-SGDĐT"))
        handover_create(actor=cast.clerk, carrier=moving, to_person=cast.officer)
    moving.refresh_from_db()
    checked = 0
    for person in (cast.clerk, cast.director, cast.officer):
        client.force_login(person)
        for carrier in (stored, held, moving):
            response = client.get(reverse("registry:carrier", args=[carrier.pk]))
            if response.status_code == 404:
                continue
            expected = {op.slug for op in operations.offered(person, "carrier", carrier) if op.screen}
            assert _offered_links(response.content.decode(), "carrier", carrier) == expected
            checked += 1
    assert checked >= 5
    client.force_login(cast.clerk)
    page = client.get(reverse("registry:carrier", args=[stored.pk])).content.decode()
    assert reverse("ops:handover-create", args=[stored.pk]) in page
    page = client.get(reverse("registry:carrier", args=[held.pk])).content.decode()
    assert reverse("ops:incoming-sign-off", args=[held.pk]) in page
    assert reverse("ops:handover-create", args=[held.pk]) not in page
