"""The README names every demo account with its role, as the demo creates them; the commands' ``--help`` lists
the values their choices take (form names, levels, field values)."""

import argparse
import re
from pathlib import Path

from django.core.management import get_commands, load_command_class

from bmnn.core.cli import OperationCommand
from bmnn.core.levels import Level
from bmnn.registers.paperwork import FORMS
from bmnn.web.management.commands.demo import PEOPLE, accounts_table

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
