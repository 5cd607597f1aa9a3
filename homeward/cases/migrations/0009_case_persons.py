"""The household's size kept on the case row (Case.persons), beside its names: the case list showed it by a count of
members per row and the year report counted the members of every case registered in the year. Filled here for the
cases already registered, by one statement that every supported SQLite understands (about a minute for 700,000
cases on PostgreSQL; it rewrites every case row: VACUUM ANALYZE cases_case afterwards, or let autovacuum do it)."""

from django.db import migrations, models

FILL = """
UPDATE cases_case SET persons = (SELECT COUNT(*) FROM cases_casemember WHERE cases_casemember.case_id = cases_case.id)
"""


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0008_case_search_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="persons",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="persons"),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
    ]
