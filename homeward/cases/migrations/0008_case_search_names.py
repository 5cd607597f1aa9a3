"""The name search reads the household's names on the case row (Case.search_names) instead of walking members and
persons: at a million persons, a family name thousands bear cost 200-450 ms that way (bench/meaning.md). Filled
here for the cases already registered; on PostgreSQL a trigram index serves `LIKE '%word%'` on it, as the persons'
did (people 0008, dropped by people 0009). pg_trgm is a trusted extension (PostgreSQL 13+)."""

from django.db import migrations, models

INDEX = "case_search_names_trgm"
AT_ONCE = 2_000


def names_fill(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    CaseMember = apps.get_model("cases", "CaseMember")
    last = 0
    while True:
        ids = list(Case.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:AT_ONCE])
        if not ids:
            return
        names = {case_id: [] for case_id in ids}
        for case_id, name in (CaseMember.objects.filter(case_id__in=ids).order_by("case_id", "position", "pk")
                              .values_list("case_id", "person__search_name")):
            names[case_id].append(name)
        # The separator is people.names.NAMES_APART as it was written here (a migration keeps its own copy).
        Case.objects.bulk_update([Case(pk=case_id, search_names="|".join(names[case_id])) for case_id in ids],
                                 ["search_names"])
        last = ids[-1]


def trigrams_add(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON cases_case USING gin (search_names gin_trgm_ops)")


def trigrams_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0007_member_departed_on"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="search_names",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(names_fill, migrations.RunPython.noop),
        migrations.RunPython(trigrams_add, trigrams_drop),
    ]
