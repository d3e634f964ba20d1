"""Moving a team's data between databases (`coach db copy`): an SQLite file to a PostgreSQL
server, or back. Every row of every table is copied in one transaction on the target, keeping
its ids, then both sides are compared: the row count of each table and a checksum of each row,
so every turn is known to have arrived as it left."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from coach.db import IDENTITIES, POSTGRES, TABLES, Connection, Database, is_url, open_database, redacted
from coach.errors import ConfigError

BATCH = 500


@dataclass
class TableCheck:
    table: str
    source: int
    target: int
    differing: list[str] = field(default_factory=list)  # keys of rows whose checksums differ or are missing

    @property
    def ok(self) -> bool:
        return self.source == self.target and not self.differing


@dataclass
class CopyReport:
    tables: list[TableCheck]

    @property
    def ok(self) -> bool:
        return all(t.ok for t in self.tables)

    def lines(self) -> list[str]:
        out = []
        for t in self.tables:
            what = "every row's checksum matches" if t.ok else f"{len(t.differing)} rows differ, e.g. {t.differing[:3]}"
            out.append(f"{t.table}: {t.source} rows copied, {t.target} in the target; {what}")
        return out


def _columns(db: Connection, table: str) -> list[str]:
    cursor = db.execute(f"SELECT * FROM {table} WHERE 1 = 0")
    return [d[0] for d in cursor.description]


def _keys(db: Connection, table: str) -> list[str]:
    """The primary key's columns (every table has one)."""
    if db.dialect is POSTGRES:
        rows = db.execute("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                          "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = ?::regclass AND i.indisprimary "
                          "ORDER BY array_position(i.indkey, a.attnum)", (table,)).fetchall()
        return [r[0] for r in rows]
    rows = db.execute(f"PRAGMA table_info({table})").fetchall()
    return [r[1] for r in sorted(rows, key=lambda r: r[5]) if r[5]]


def _rows(db: Connection, table: str, columns: list[str]) -> Iterator[tuple]:
    cursor = db.execute(f"SELECT {', '.join(columns)} FROM {table}")
    while batch := cursor.fetchmany(BATCH):
        yield from batch


def _digests(db: Connection, table: str, columns: list[str]) -> dict[str, str]:
    """Primary key -> SHA-256 of the whole row, values as JSON (the same on both engines)."""
    keys = [columns.index(k) for k in _keys(db, table)]
    out = {}
    for row in _rows(db, table, columns):
        key = json.dumps([row[i] for i in keys], ensure_ascii=False)
        out[key] = hashlib.sha256(json.dumps(list(row), ensure_ascii=False).encode("utf-8")).hexdigest()
    return out


def open_existing(where: str) -> Database:
    """A database that must already exist (a copy's source): a missing file is not made empty."""
    if not is_url(where) and not Path(where).expanduser().is_file():
        raise ConfigError(f"no database at {where}")
    return open_database(where)


def copy_database(source: Database, target: Database) -> CopyReport:
    """Copy every table; refused when the target already holds data (nothing is merged or overwritten)."""
    with source.connect() as src, target.connect(write=True) as dst:
        dst.lock("coach-copy")
        busy = [t for t in TABLES if dst.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone()]
        if busy:
            raise ConfigError(f"{redacted(target.where)} already holds data ({', '.join(busy)}); copy into an empty "
                              "database")
        for table in TABLES:
            columns = _columns(dst, table)
            insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
            batch: list[tuple] = []
            for row in _rows(src, table, columns):
                batch.append(row)
                if len(batch) >= BATCH:
                    dst.executemany(insert, batch)
                    batch = []
            if batch:
                dst.executemany(insert, batch)
        if dst.dialect is POSTGRES:  # ids were copied as they were: the next one follows the highest
            for table, column in IDENTITIES.items():
                dst.execute(f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                            f"COALESCE((SELECT MAX({column}) FROM {table}), 0) + 1, false)")
    return verify(source, target)


def verify(source: Database, target: Database) -> CopyReport:
    """Counts per table and every row's checksum, source against target."""
    checks = []
    with source.connect() as src, target.connect() as dst:
        for table in TABLES:
            columns = _columns(src, table)
            before, after = _digests(src, table, columns), _digests(dst, table, columns)
            differing = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
            checks.append(TableCheck(table, len(before), len(after), differing))
    return CopyReport(checks)
