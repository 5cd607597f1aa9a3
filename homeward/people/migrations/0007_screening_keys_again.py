"""The screening keys computed again: the normalisation learnt the Armenian ow, the Georgian x after a consonant,
the scholarly c of Kuznecov, the Iraqi and Persian dh and the Mongolian -iyn (docs/screening.md)."""

from django.db import migrations

from homeward.people.screening.register import keys_refresh


def keys_again(apps, schema_editor):
    keys_refresh(apps.get_model("people", "Person"))


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0006_person_same_as_partial_index"),
    ]

    operations = [
        migrations.RunPython(keys_again, migrations.RunPython.noop),
    ]
