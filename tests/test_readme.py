"""The README names every demo account with its role, as the demo creates them; the commands' ``--help`` lists
the values their choices take (form names, levels, field values)."""

import argparse
import io
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command, get_commands, load_command_class

from bmnn.core import operations
from bmnn.core.cli import OperationCommand
from bmnn.core.levels import Level
from bmnn.registers.paperwork import FORMS
from bmnn.web.management.commands.demo import PEOPLE, accounts_table
from bmnn.web.roles_table import ROLES
from tests.conftest import ensure_reference_data

README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_readme_lists_every_demo_account_with_its_role():
    block = re.search(r"<!-- demo-accounts -->\n(.*?)<!-- /demo-accounts -->", README.read_text("utf-8"), re.S)
    assert block is not None and block.group(1) == accounts_table(), "run scripts/readme-accounts"
    named = set(re.findall(r"^\| `([a-z0-9]+)`", block.group(1), re.M))
    assert named == {*PEOPLE, "quantri"}


def subcommand_help(name: str, sub: str) -> str:
    parser = load_command_class(get_commands()[name], name).create_parser("bmnn", name)
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return " ".join(action.choices[sub].format_help().split())


def test_help_lists_the_form_names_levels_and_choice_values(db, monkeypatch):
    monkeypatch.setenv("COLUMNS", "2000")  # argparse would wrap "ho-so-tieu-huy" at its hyphens
    form = subcommand_help("registers", "form")
    assert all(slug in form for slug in FORMS)
    export = subcommand_help("registers", "export")
    assert all(level in export for level in Level.values) and "so-di" in export
    incoming = subcommand_help("registry", "incoming-receive")
    assert "NORMAL|KHAN" in incoming and "PAPER|ELECTRONIC" in incoming
    for name, app in get_commands().items():
        if app.startswith("bmnn."):
            command = load_command_class(app, name)
            if isinstance(command, OperationCommand):
                assert command.create_parser("bmnn", name).format_help()  # every command's help renders


def test_the_screenshots_the_readme_shows_exist_and_are_small():
    """docs/screens/ (scripts/docs-screens): every screenshot linked from the README is there, under 150 KB."""
    linked = set(re.findall(r"\(docs/screens/([a-z-]+\.png)\)", README.read_text("utf-8")))
    stored = {p.name: p.stat().st_size for p in (README.parent / "docs" / "screens").glob("*.png")}
    assert linked and linked == set(stored)
    assert all(size < 150_000 for size in stored.values()), stored


def test_the_readme_table_of_who_can_do_what_is_the_one_the_operations_checks_give(db):
    """Generated from each declared operation's check for the demo's role accounts, never written by hand."""
    ensure_reference_data()
    call_command("demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("demo", "--operations-table", stdout=out)
    table = out.getvalue()
    block = re.search(r"<!-- operations-table -->\n(.*?)<!-- /operations-table -->", README.read_text("utf-8"), re.S)
    assert block is not None and block.group(1) == table, "run scripts/readme-operations"
    rows = {line.split(" | ")[1]: line for line in table.splitlines()[2:]}
    assert len(rows) == len(operations.load())
    columns = [username for username, _ in ROLES]

    def allowed(title: str) -> set[str]:
        cells = [c.strip() for c in rows[title].strip("|").split("|")][2:]
        return {username for username, cell in zip(columns, cells, strict=True) if cell == "✓"}

    assert allowed("Mở khóa đăng nhập (sau nhiều lần nhập sai mật khẩu)") == {"quantri"}
    assert "quantri" not in allowed("Quyết định đề nghị") and "giamdoc" in allowed("Quyết định đề nghị")
    assert allowed("Xác định độ mật và đăng ký BMNN đi") == {"vanthu"}


def test_the_operations_table_needs_the_demo_accounts(db):
    with pytest.raises(CommandError, match="bmnn demo"):
        call_command("demo", "--operations-table", stdout=io.StringIO())


def test_every_operation_subcommand_help_lists_each_fixed_choice_value(db, monkeypatch):
    """Every sub-command of every command lists the values of its form's fixed choices (levels, kinds, forms)."""
    monkeypatch.setenv("COLUMNS", "2000")
    ensure_reference_data()
    missing, checked = [], 0
    for name, app in get_commands().items():
        if not app.startswith("bmnn."):
            continue
        command = load_command_class(app, name)
        if not isinstance(command, OperationCommand):
            continue
        parser = command.create_parser("bmnn", name)
        action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        for op in operations.load().values():
            if op.slug not in action.choices:
                continue
            shown = " ".join(action.choices[op.slug].format_help().split())
            for field_name, field in op.make_form(None, None).fields.items():
                choices = getattr(field, "choices", None) if not hasattr(field, "queryset") else None
                for value, _label in choices or ():
                    checked += 1
                    if value != "" and str(value) not in shown:
                        missing.append(f"{name} {op.slug} {field_name}={value}")
    assert checked > 50 and missing == []
