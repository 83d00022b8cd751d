"""Search over the accent-folded text through a trigram index on PostgreSQL (issue 17).

``search_text`` holds the folded text (``bmnn.core.text.fold``); every word of a query is a
``LIKE '%word%'`` on it, which a GIN ``gin_trgm_ops`` index answers on PostgreSQL. SQLite has no
such index and keeps scanning: the operation does nothing there.
"""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS carrier_search_trgm ON registry_carrier USING gin (search_text gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS carrier_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("registry", "0004_visibility_and_order_indexes")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
