"""What the year report reads, read from fewer places (docs/architecture.md, "At the size of a large agency"):

- the household's kinds of reintegration support kept on the case row (Case.support_flags; SupportFlags: 4 for any
  support, plus 1 for a microbusiness and 2 for medical expenses), instead of a look-up of its support rows for every
  departed person. Filled here for the cases that have support, by one statement every supported SQLite
  understands; a database default too, so that a worker still running the code of before this migration can go on
  registering cases until it is restarted (support a re-import records through such a worker is not flagged:
  migrate while nobody works, or refresh afterwards, README);
- the indexes of the year's departed persons and registered cases carry the columns the report groups by, so that
  PostgreSQL answers from the index alone (Django builds them without INCLUDE on SQLite, which has no such
  columns: plain indexes there).
"""

from django.db import migrations, models

FILL = """
UPDATE cases_case SET support_flags = 4 + (
    SELECT COALESCE(SUM(CASE kind WHEN 'MICROBUSINESS' THEN 1 WHEN 'MEDICAL' THEN 2 ELSE 0 END), 0)
    FROM cases_reintegrationsupport WHERE cases_reintegrationsupport.case_id = cases_case.id
)
WHERE id IN (SELECT case_id FROM cases_reintegrationsupport)
"""


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0009_case_persons"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="case",
            name="case_registered_on",
        ),
        migrations.RemoveIndex(
            model_name="casemember",
            name="member_departed_on",
        ),
        migrations.AddField(
            model_name="case",
            name="support_flags",
            field=models.PositiveSmallIntegerField(db_default=0, default=0, editable=False),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["registered_on"], include=("programme", "referring_partner", "persons"),
                name="case_registered_on",
            ),
        ),
        migrations.AddIndex(
            model_name="casemember",
            index=models.Index(
                condition=models.Q(("outcome", "DEPARTED")), fields=["departed_on"], include=("case",),
                name="member_departed_on",
            ),
        ),
    ]
