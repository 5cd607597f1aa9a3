"""Version 1 of the rule data, as shipped (see docs/eligibility.md for its sources)."""

from django.db import migrations
from django.utils import timezone


def add_version_1(apps, schema_editor):
    from homeward.eligibility.rule_data import default_rules, rules_to_json

    RuleVersion = apps.get_model("eligibility", "RuleVersion")
    if not RuleVersion.objects.exists():
        RuleVersion.objects.create(
            number=1, status="PUBLISHED", data=rules_to_json(default_rules()),
            note="Rules as shipped with Homeward.", published_at=timezone.now(),
        )


class Migration(migrations.Migration):
    dependencies = [("eligibility", "0001_initial")]
    operations = [migrations.RunPython(add_version_1, migrations.RunPython.noop)]
