"""The project's own messages go through gettext with English ids, and every app's ``locale/vi`` catalogue
reads them in Vietnamese (issue 10): refusals, confirmations, operation titles, field labels and choices.

A person never reads an English id: every id the code passes to gettext is in a catalogue, the catalogues
agree with each other and with their compiled ``.mo``, and placeholders survive translation. What is printed
on the legal forms and registers (their column heads and wording, which the decree fixes), what the audit log
records, demo data and the marks the scanner looks for stay Vietnamese literals: they are content, not messages.
Packages that are not Django apps (core, documents) keep theirs in the project catalogue, ``bmnn/locale``.

Run one app's checks with ``pytest tests/test_messages.py -k <app>``; compile with ``scripts/messages``.
"""

from __future__ import annotations

import ast
import gettext as gnu
import re
from functools import cache
from pathlib import Path

import polib
import pytest
from django import forms
from django.apps import apps
from django.utils.translation import trans_real

import bmnn
from bmnn.core import operations as core_operations

SRC = Path(bmnn.__file__).parent
VIETNAMESE = re.compile(r"[À-ỹĐđ]")
GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy"}
CONTEXT_FIRST = {"pgettext", "pgettext_lazy"}
# Calls whose first argument is a message for a person.
MESSAGE_CALLS = {
    "DomainError",
    "ValidationError",
    "CommandError",
    "Http404",
    "success",
    "error",
    "warning",
    "info",
    "_refuse",
    "refuse",
    "bad",
}
# Keyword arguments that are messages for a person.
MESSAGE_KEYWORDS = {
    "label",
    "help_text",
    "verbose_name",
    "verbose_name_plural",
    "title",
    "done",
    "submit",
    "empty_label",
    "message",
}
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|\{\w*\}|%[sdif]")
# Every package of the project but bmnn-scan, a stand-alone program without Django that runs on the
# Internet-connected computers it inspects: its report lines are its output format, in Vietnamese.
APP_LABELS = sorted(p.parent.name for p in SRC.glob("*/__init__.py") if p.parent.name not in {"scan", "config"})


def _sources(app: str) -> list[Path]:
    return [p for p in (SRC / app).rglob("*.py") if "migrations" not in p.parts]


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _vietnamese_literal(node: ast.AST) -> str | None:
    """A Vietnamese string written in ``node`` itself (a literal, an f-string or a concatenation of them)."""
    if isinstance(node, ast.Call) and _name(node.func) in GETTEXT:
        return None
    for child in ast.walk(node):
        if isinstance(child, ast.Call) and _name(child.func) in GETTEXT:
            return None
        if isinstance(child, ast.Constant) and isinstance(child.value, str) and VIETNAMESE.search(child.value):
            return child.value
    return None


@cache
def _error_classes() -> frozenset[str]:
    """DomainError and every class derived from it anywhere in the project (found in the source)."""
    names = {"DomainError"}
    trees = [ast.parse(p.read_text()) for p in SRC.rglob("*.py") if "migrations" not in p.parts]
    classes = [n for t in trees for n in ast.walk(t) if isinstance(n, ast.ClassDef)]
    grew = True
    while grew:
        found = {c.name for c in classes if any(_name(b) in names for b in c.bases)}
        grew = not found <= names
        names |= found
    return frozenset(names)


@cache
def _catalogue() -> trans_real.TranslationCatalog:
    return trans_real.translation("vi")._catalog


def _in_catalogue(key: str | tuple[str, int]) -> bool:
    try:
        _catalogue()[key]
    except KeyError:
        return False
    return True


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(SRC)}:{getattr(node, 'lineno', '?')}"


@pytest.mark.parametrize("app", APP_LABELS)
def test_code_passes_english_ids_that_the_catalogue_reads_in_vietnamese(app):
    problems = []
    calls = MESSAGE_CALLS | _error_classes()
    for path in _sources(app):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node.func)
            if name in GETTEXT and node.args:
                problems += _gettext_problems(path, node, name)
            elif name in calls and node.args and (text := _vietnamese_literal(node.args[0])):
                problems.append(f"{_where(path, node)} {name}() is given a Vietnamese literal: {text!r}")
            for keyword in node.keywords:
                if keyword.arg in MESSAGE_KEYWORDS and (text := _vietnamese_literal(keyword.value)):
                    problems.append(f"{_where(path, node)} {keyword.arg}= is a Vietnamese literal: {text!r}")
    assert not problems, "\n".join(problems)


def _gettext_problems(path: Path, node: ast.Call, name: str) -> list[str]:
    args = node.args[1:] if name in CONTEXT_FIRST else node.args
    literal = args[0] if args else None
    if not (isinstance(literal, ast.Constant) and isinstance(literal.value, str)):
        return [f"{_where(path, node)} {name}() needs a literal id that makemessages can extract"]
    msgid = literal.value
    if VIETNAMESE.search(msgid):
        return [f"{_where(path, node)} the id is Vietnamese, not English: {msgid!r}"]
    key: str | tuple[str, int] = msgid
    if name in CONTEXT_FIRST:
        key = f"{node.args[0].value}\x04{msgid}"  # type: ignore[attr-defined]
    elif name.startswith("ngettext"):
        key = (msgid, 0)
    if not _in_catalogue(key):
        return [f"{_where(path, node)} no Vietnamese in the catalogue for {msgid!r}"]
    return []


def _plain_vietnamese(value: object) -> bool:
    """A plain ``str`` in Vietnamese: written as a literal instead of an id through gettext."""
    return isinstance(value, str) and bool(VIETNAMESE.search(value))


def _module_app(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "bmnn" else ""


@pytest.mark.parametrize("app", APP_LABELS)
def test_models_forms_and_operations_show_messages_from_the_catalogue(app):
    problems = []
    for model in apps.get_models():
        if _module_app(model.__module__) != app:
            continue
        for text in (model._meta.verbose_name, model._meta.verbose_name_plural):
            if _plain_vietnamese(text):
                problems.append(f"{model.__name__} Meta: {text!r}")
        for field in model._meta.get_fields(include_hidden=True):
            texts = [getattr(field, "verbose_name", None), getattr(field, "help_text", None)]
            texts += [label for _value, label in getattr(field, "flatchoices", None) or []]
            problems += [f"{model.__name__}.{field.name}: {t!r}" for t in texts if _plain_vietnamese(t)]
    for form in _subclasses(forms.BaseForm):
        if _module_app(form.__module__) != app:
            continue
        for name, field in getattr(form, "base_fields", {}).items():
            texts = [field.label, field.help_text, *field.error_messages.values()]
            problems += [f"{form.__name__}.{name}: {t!r}" for t in texts if _plain_vietnamese(t)]
    for operation in core_operations.load().values():
        if operation.app == app:
            texts = [operation.title, operation.submit, operation.done]
            problems += [f"operation {operation.slug}: {t!r}" for t in texts if _plain_vietnamese(t)]
    assert not problems, "\n".join(problems)


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


CATALOGUES = sorted(SRC.glob("**/locale/vi/LC_MESSAGES/django.po"))


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.parent.parent.parent.parent.relative_to(SRC)))
def test_each_catalogue_is_complete_compiled_and_keeps_its_placeholders(po_path):
    po = polib.pofile(str(po_path))
    live = [e for e in po if not e.obsolete]
    problems = [f"untranslated or fuzzy: {e.msgid!r}" for e in live if not e.translated() or "fuzzy" in e.flags]
    for entry in live:
        for source, text in _pairs(entry):
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
                problems.append(f"placeholders differ: {source!r} -> {text!r}")
    with po_path.with_suffix(".mo").open("rb") as mo:
        compiled = gnu.GNUTranslations(mo)._catalog  # type: ignore[attr-defined]
    for entry in live:
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        expected = entry.msgstr_plural.get(0) if entry.msgid_plural else entry.msgstr
        got = compiled.get((key, 0) if entry.msgid_plural else key)
        if got != expected:
            problems.append(f"the .mo is stale for {entry.msgid!r} (run scripts/messages)")
    assert not problems, "\n".join(problems)


def _pairs(entry: polib.POEntry) -> list[tuple[str, str]]:
    """Each English text with its Vietnamese (Vietnamese has one plural form: ``msgstr[0]``)."""
    if not entry.msgid_plural:
        return [(entry.msgid, entry.msgstr)]
    return [(source, text) for source in (entry.msgid, entry.msgid_plural) for text in entry.msgstr_plural.values()]


def test_catalogues_agree_on_every_id():
    """gettext merges the catalogues: an id read two ways in two apps would show one of them everywhere."""
    seen: dict[tuple[str, str], tuple[str, Path]] = {}
    problems = []
    for po_path in CATALOGUES:
        for entry in polib.pofile(str(po_path)):
            key = (entry.msgctxt or "", entry.msgid)
            if key in seen and seen[key][0] != entry.msgstr:
                problems.append(f"{entry.msgid!r}: {seen[key][0]!r} ({seen[key][1]}) vs {entry.msgstr!r} ({po_path})")
            seen.setdefault(key, (entry.msgstr, po_path))
    assert not problems, "use pgettext with a context where one English id needs two readings:\n" + "\n".join(problems)
