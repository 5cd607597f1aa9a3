"""The name search reads Case.search_names now (cases 0008, with its own trigram index): the persons' trigram
index serves no query any more, and every person written paid for it."""

from django.db import migrations

INDEX = "person_search_name_trgm"


def trigrams_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


def trigrams_add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON people_person USING gin (search_name gin_trgm_ops)"
        )


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0008_person_search_name_trigrams"),
        ("cases", "0008_case_search_names"),
    ]

    operations = [
        migrations.RunPython(trigrams_drop, trigrams_add),
    ]
