"""On PostgreSQL, a trigram index on the persons' search name: the case list's name search asks for names that
*contain* each word typed (`LIKE '%word%'`), which a B-tree cannot serve; without it every search reads all the
persons of the register (docs/architecture.md, "Indexes"). pg_trgm is a trusted extension (PostgreSQL 13+): the
database's owner may create it. On SQLite nothing is done: the search reads the table, which is fast at an office's
size.

The index is not in the model's Meta because Django's GinIndex exists only for PostgreSQL and the same migrations
run on SQLite."""

from django.db import migrations

INDEX = "person_search_name_trgm"


def trigrams_add(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON people_person USING gin (search_name gin_trgm_ops)"
    )


def trigrams_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0007_screening_keys_again"),
    ]

    operations = [
        migrations.RunPython(trigrams_add, trigrams_drop),
    ]
