"""Adapters do not change data on their own: only an operation declaration calls a service with a person's input.

Screens, REST endpoints and management commands parse, authorise through the declaration, and render. They import
no ``services`` module and call no model write (``save``, ``create``, ``update``, ``delete``...). System jobs and the
demo loader act as the system, not for a person, and are named here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "bmnn"
WRITES = {
    "save",
    "create",
    "update",
    "delete",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
    "set",
    "add",
    "remove",
    "clear",
}
# Commands that act as the system (scheduled jobs, verification, set-up), not for a person.
SYSTEM_COMMANDS = {"deadlines.py", "audit.py", "demo.py", "counters.py"}


def adapters() -> list[Path]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC)
        parts = rel.parts
        if "migrations" in parts or "tests" in parts:
            continue
        is_view = (
            rel.name in ("views.py", "api.py")
            or "views" in parts[:-1]
            or rel.name.startswith("api_")
            or parts[0] in ("api", "web")
        )
        is_command = "management" in parts[:-1] and rel.name != "__init__.py"
        if is_command and rel.name in SYSTEM_COMMANDS:
            continue
        if (is_view or is_command) and parts[0] not in ("scan",):
            found.append(path)
    return found


def _imports_services(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if (
                module.split(".")[-1] == "services"
                or ".services." in f".{module}."
                or any(alias.name == "services" for alias in node.names)
            ):
                names.append(f"from {'.' * node.level}{module} import {', '.join(a.name for a in node.names)}")
        elif isinstance(node, ast.Import):
            names += [a.name for a in node.names if ".services" in a.name]
    return names


def _writes(tree: ast.AST) -> list[str]:
    return [
        f"line {node.lineno}: .{node.func.attr}()"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in WRITES
        and not (isinstance(node.func.value, ast.Name) and node.func.value.id in ("parser", "sub", "self"))
        and _on_model(node.func.value)
    ]


def _on_model(value: ast.expr) -> bool:
    """A write on a queryset or a model instance: ``X.objects...``, ``obj.save()``; not ``messages.add`` or a set."""
    text = ast.unparse(value)
    return ".objects" in text or text.endswith(("_set", "instance", "obj"))


@pytest.mark.parametrize("path", adapters(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_screen_endpoint_or_command_calls_a_service_or_writes_a_model(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert _imports_services(tree) == [], "call the service through the app's operations.py declaration"
    assert _writes(tree) == [], "a model is written only by a service"


def test_the_scan_finds_the_adapters() -> None:
    """The walk above covers every app's screens, endpoints and commands (a test that cannot fail is no test)."""
    names = {str(p.relative_to(SRC)) for p in adapters()}
    assert {
        "registry/views.py",
        "registry/api.py",
        "registry/management/commands/registry.py",
        "reports/views.py",
        "gate/views.py",
    } <= names
    assert _imports_services(ast.parse("from .services import outgoing_register")) != []
    assert _writes(ast.parse("Carrier.objects.filter(pk=1).update(level='MAT')")) != []
