"""Writing many plain rows fast: COPY on PostgreSQL, one executemany per table on SQLite.

The importer's hot path. Django's `bulk_create` prepares every field value through the ORM one at a time, which
costs more than the database itself for a large history; here the importer builds tuples of database values and
this module only moves them. Keys are allocated up front, so that rows can refer to each other.
"""

from __future__ import annotations

import datetime
import gc
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection
from django.db.models import Model


@contextmanager
def collector_resting() -> Iterator[None]:
    """Python's cycle collector off for a block that makes millions of small objects holding no cycles (a large
    history's rows, read or written): it would walk them again and again for nothing (3.4 s of a 24-s writing of
    1.2 million persons, an eighth of their reading). Refcounting frees them as usual. Back on after, unless it was
    off before."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def ids_allocate(model: type[Model], count: int, *, exclusive: bool = False) -> Sequence[int]:
    """`count` new primary keys for `model`'s table, inside the current transaction. `exclusive`: the caller holds
    the table locked against other writers (`history_load`), so the keys are taken as one block of the sequence."""
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            if exclusive:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), nextval(pg_get_serial_sequence(%s, 'id')) + %s)",
                    [table, table, count - 1],
                )
                last = cursor.fetchone()[0]
                return range(last - count + 1, last + 1)
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the import's transaction is IMMEDIATE (settings), so nobody else writes until it ends.
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")
        start = cursor.fetchone()[0] + 1
        return range(start, start + count)


def moment_value(moment: datetime.datetime) -> object:
    """An aware moment as `rows_insert` writes it. On PostgreSQL its text, which the server reads as the column's
    type: COPY renders an aware datetime in about a microsecond, value by value, and an import writes the same few
    moments (its own, its cases' days) on millions of rows, so that the caller renders each once. Elsewhere the
    backend's own value (SQLite: the text Django itself stores, in UTC)."""
    if connection.vendor == "postgresql":
        return moment.isoformat()
    return connection.ops.adapt_datetimefield_value(moment)


def rows_matching(model: type[Model], column: str, values: Sequence[str], select: Sequence[str]) -> list[tuple]:
    """The `select` columns of `model`'s rows whose `column` is one of `values`, in one query however many values
    there are (an array on PostgreSQL, a JSON list on SQLite: no statement with a parameter per value)."""
    if not values:
        return []
    quote = connection.ops.quote_name
    names = ", ".join(quote(name) for name in select)
    table, column = quote(model._meta.db_table), quote(column)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT {names} FROM {table} WHERE {column} = ANY(%s)", [list(values)])
        else:
            cursor.execute(
                f"SELECT {names} FROM {table} WHERE {column} IN (SELECT value FROM json_each(%s))", [json.dumps(values)]
            )
        return cursor.fetchall()


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


# How long a VACUUM after a load waits for its table behind another maintenance job (another VACUUM, an ANALYZE,
# an index built concurrently) before it gives up; users' reads and writes never hold it up.
VACUUM_LOCK_TIMEOUT = "10s"


def tables_vacuum(models: Sequence[type[Model]]) -> None:
    """After a history load on PostgreSQL, once it is committed: VACUUM the tables it wrote, which marks their pages
    all-visible, so that the queries answered from an index alone (the year report's, docs/architecture.md) do not
    read the rows too until autovacuum comes by. VACUUM cannot run inside a transaction: nothing happens inside one
    (a caller's, or a test's), nor on SQLite. A table held by another maintenance job for longer than
    VACUUM_LOCK_TIMEOUT raises DatabaseError (the tables before it are vacuumed) rather than waiting on."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('lock_timeout', %s, false)", [VACUUM_LOCK_TIMEOUT])
        try:
            for model in models:
                cursor.execute(f"VACUUM {connection.ops.quote_name(model._meta.db_table)}")
        finally:
            cursor.execute("RESET lock_timeout")


def session_tune_for_bulk() -> None:
    """For the rest of the transaction: no JIT compilation on PostgreSQL (the importer's many small look-ups on
    tables that grow fast would each pay a compile that costs more than the query), and one import at a time (an
    advisory lock: two imports drawing keys and references at once would collide; SQLite's write lock does it)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('homeward.exchange.import'))")


@contextmanager
def history_load(models: Sequence[type[Model]]) -> Iterator[None]:
    """On PostgreSQL, for loading a large history into a (nearly) empty register: `models`' tables are locked
    against other writers until the commit, and their foreign keys are dropped and added back at the end, each then
    checked by one query over its table instead of one check per written row (what pg_restore does; the checks per
    row cost a quarter of a first import's time); so are their unique constraints but the primary keys, each then
    checked by building its index once, sorted; and their indexes that check nothing are dropped and built again at
    the end. Inside the lock, keys may be taken from the sequences in blocks (`ids_allocate(..., exclusive=True)`).

    Inside the caller's transaction, so all or nothing: a row that breaks a key or a unique constraint makes adding
    it back fail and the whole load rolls back; an error inside rolls the dropped keys back with everything else.
    The definitions are read from the catalogue and restored word for word.

    Dropping a foreign key locks both its tables outright, the tables it refers to included (users, organisations,
    programmes): until the commit nobody can log in or open a page. Hence only on an operator's explicit request
    (`homeward import-cases --history`), for a first load while nobody works; it gives up after 10 s if the site
    is busy rather than queueing every user behind it.
    """
    if connection.vendor != "postgresql":
        yield
        return
    quote = connection.ops.quote_name
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL lock_timeout = '10s'")
        cursor.execute(f"LOCK TABLE {', '.join(quote(table) for table in tables)} IN EXCLUSIVE MODE")
        # A table with checks still pending in this transaction cannot be altered: run them now, then defer again
        # (Django's keys are all INITIALLY DEFERRED).
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        # The foreign keys, and the unique constraints but the primary keys (which other tables' keys refer to):
        # kept during the load, the unique indexes took more than half of the server's time, an entry at a time in
        # random order. The unique constraints first, to be added back first; dropped last.
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE contype IN ('u', 'f') AND conrelid = ANY(%s::regclass[]) ORDER BY contype DESC, conrelid, conname",
            [tables],
        )
        constraints = cursor.fetchall()
        for table, name, _definition in reversed(constraints):
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
        # The indexes that check nothing (not unique) too: built once over the loaded rows, sorted, not entry by
        # entry (the name search's trigrams over the cases of a million persons: 3 s instead of 20).
        cursor.execute(
            "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index"
            " WHERE NOT indisunique AND indrelid = ANY(%s::regclass[]) ORDER BY 1",
            [tables],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for table, name, definition in constraints:
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")
        for _name, definition in indexes:
            cursor.execute(definition)
