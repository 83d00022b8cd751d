"""A migration operation for what a person reads of models: labels, help texts, choices' labels.

``makemigrations`` writes an ``AlterField`` or ``AlterModelOptions`` for each such change. They change nothing
in the database, yet each one re-renders the models it touches and everything related to them: the 590 written
when the messages moved to English ids (issue 10) added 35 s to every migrate, so to every test database.
``Relabel`` takes those operations as written and applies them to the migration state alone, at once. It
refuses a change that would touch the database (a type, a length, a null, a relation): that still needs its
own ``AlterField``.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations
from django.db.migrations.operations.base import Operation
from django.db.migrations.state import ProjectState


class Relabel(Operation):
    """Apply ``AlterField``/``AlterModelOptions`` operations that only relabel, to the state, without a reload."""

    reversible = True
    reduces_to_sql = True  # to no SQL at all: `sqlmigrate` prints nothing for it

    def __init__(self, operations: list[migrations.AlterField | migrations.AlterModelOptions]) -> None:
        self.operations = operations

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return self.__class__.__qualname__, [self.operations], {}

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        for operation in self.operations:
            if isinstance(operation, migrations.AlterModelOptions):
                model = state.models[app_label, operation.name_lower]
                options = {**model.options, **operation.options}
                for key in operation.ALTER_OPTION_KEYS:
                    if key not in operation.options:
                        options.pop(key, None)
                model.options = options
                continue
            model = state.models[app_label, operation.model_name_lower]
            if _schema(model.fields[operation.name]) != _schema(operation.field):
                raise ValueError(f"Relabel would change the column {app_label}.{operation.model_name}.{operation.name}")
            model.fields[operation.name] = operation.field
        # The rendered models keep their old labels: nothing in a migration reads them.

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        """Nothing in the database changes."""

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        """Nothing in the database changes."""

    def describe(self) -> str:
        return f"Relabel {len(self.operations)} fields and models (no database change)"

    @property
    def migration_name_fragment(self) -> str:
        return "relabel"


def _schema(field: Any) -> tuple[Any, ...]:
    """What of a field reaches the database: its deconstruction without the attributes Django ignores there."""
    path, args, kwargs = field.deconstruct()[1:]
    ignored = set(field.non_db_attrs) - {"db_column"}
    return path, tuple(args), tuple(sorted((k, repr(v)) for k, v in kwargs.items() if k not in ignored))
