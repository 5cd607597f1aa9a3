"""The two return programmes of the seed, as data: REAB from Belgium and AVRRL from Luxembourg."""

from django.db import migrations

PROGRAMMES = [
    ("REAB", "Return and Emigration of Asylum seekers ex-Belgium", "BE", True),
    ("AVRRL", "Assisted Voluntary Return and Reintegration from the Grand Duchy of Luxembourg", "LU", False),
]


def add_programmes(apps, schema_editor):
    Programme = apps.get_model("organisations", "Programme")
    for code, name, country, uses_categories in PROGRAMMES:
        Programme.objects.get_or_create(
            code=code,
            defaults={"name": name, "host_country": country, "uses_reab_categories": uses_categories},
        )


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(add_programmes, migrations.RunPython.noop)]
