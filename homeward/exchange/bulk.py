"""Writing many plain rows fast: COPY on PostgreSQL, one executemany per table on SQLite.

The importer's hot path. Django's `bulk_create` prepares every field value through the ORM one at a time, which
costs more than the database itself for a large history; here the importer builds tuples of database values and
this module only moves them. Keys are allocated up front, so that rows can refer to each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection
from django.db.models import Model


def ids_allocate(model: type[Model], count: int) -> list[int]:
    """`count` new primary keys for `model`'s table, inside the current transaction."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the import's transaction is IMMEDIATE (settings), so nobody else writes until it ends.
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + count))


def rows_insert(model: type[Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Insert database-ready rows (values as the columns store them) into `model`'s table."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # psycopg's own cursor, for COPY
            with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", list(rows))


def tables_analyze(models: Sequence[type[Model]]) -> None:
    """Refresh the query planner's statistics after a large write (PostgreSQL; SQLite plans without them)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def session_tune_for_bulk() -> None:
    """For the rest of the transaction: no JIT compilation on PostgreSQL. The importer's many small look-ups on
    tables that are growing fast would each pay a JIT compile that costs more than the query."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
