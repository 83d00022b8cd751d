"""Load a JSON fixture through historical models, for data migrations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def load_fixture(apps: Any, path: Path) -> None:
    """Create each row of a Django-format fixture unless an identical row exists.

    Fixture primary keys only link rows inside the file; the database assigns its own,
    so PostgreSQL sequences stay right for rows an administrator adds later.
    """
    created: dict[tuple[str, int], Any] = {}
    for row in json.loads(path.read_text(encoding="utf-8")):
        model = apps.get_model(row["model"])
        fields = {}
        for name, value in row["fields"].items():
            field = model._meta.get_field(name)
            if field.many_to_one:
                value = created[(field.related_model._meta.label_lower, value)]
            fields[name] = value
        created[(row["model"], row["pk"])], _ = model.objects.get_or_create(**fields)
