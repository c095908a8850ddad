"""Storage benchmark: SQLCipher (the program's own engine) against plain SQLite, in the same run.

Two workloads on a postings-like table (id text primary key, account text, amount integer, posted_at
text, index on (account, amount)):
  insert  100,000 rows in one transaction (SQLAlchemy Core executemany)
  query   one indexed query that returns 10,000 rows (WHERE account = ? ORDER BY amount):
          query_cold  the first run on a fresh connection: every page is read, and for SQLCipher
                      decrypted and its HMAC checked (the file itself is in the OS cache for all engines)
          query_warm  the same query again on that connection (median of 3), as the running program
                      sees it: its pooled connection keeps decrypted pages in SQLite's page cache

Engines, all with the same pragmas (WAL, synchronous NORMAL, foreign keys on, BEGIN IMMEDIATE):
  sqlcipher       storage.engine.make_engine with a random raw 32-byte key (what the program uses)
  sqlite          the standard library's sqlite3 module, no encryption (the baseline of the target)
  sqlite-bundled  sqlcipher3's own SQLite build with no key, i.e. the same library without encryption

Each workload runs --repeat times per engine, interleaved, each on a new database file; medians are
reported with ratio = sqlcipher / sqlite (wall time; the target: ratio <= 1.2), and the same for this
thread's CPU time, which other work on a busy machine disturbs less. Prints JSON.

    .venv/bin/python benchmarks/storage.py [--rows 100000] [--query-rows 10000] [--repeat 7]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import secrets
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Engine, Index, Integer, MetaData, String, Table, Text, create_engine, event, select
from sqlcipher3 import dbapi2 as sqlcipher

from medbill_desktop.storage.engine import make_engine

TARGET_RATIO = 1.2
WORKLOADS = ("insert", "query_cold", "query_warm")

metadata = MetaData()
postings = Table(
    "postings", metadata,
    Column("id", String(36), primary_key=True),
    Column("account", Text, nullable=False),
    Column("amount", Integer, nullable=False),
    Column("posted_at", Text, nullable=False),
    Index("ix_postings_account", "account", "amount"),
)


def _plain_engine(path: Path, module: Any) -> Engine:
    def connect() -> Any:
        conn = module.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        return conn

    engine = create_engine("sqlite+pysqlite://", creator=connect)

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _with_cache(engine: Engine, cache_kib: int | None) -> Engine:
    """Optionally the same page cache size on every engine (default: each library's own default)."""
    if cache_kib is not None:
        @event.listens_for(engine, "connect")
        def _cache(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.execute(f"PRAGMA cache_size = -{int(cache_kib)}")

    return engine


def _engines(key: bytes, cache_kib: int | None) -> dict[str, Callable[[Path], Engine]]:
    return {
        "sqlcipher": lambda p: _with_cache(make_engine(p, key), cache_kib),
        "sqlite": lambda p: _with_cache(_plain_engine(p, sqlite3), cache_kib),
        "sqlite-bundled": lambda p: _with_cache(_plain_engine(p, sqlcipher), cache_kib),
    }


def _rows(n: int, accounts: int) -> list[dict[str, Any]]:
    # Time-ordered ids like the program's UUIDv7 keys; accounts interleaved so each spans the whole file.
    base = 0x0190_0000_0000
    return [
        {"id": f"{base + i:012x}-7000-8000-{secrets.token_hex(6)}", "account": f"receivable:line-{i % accounts:04d}",
         "amount": (i * 7919) % 100_000 + 1, "posted_at": "2026-11-02T15:00:00.000Z"}
        for i in range(n)
    ]


class _Clock:
    """Wall time, and this thread's CPU time (SQLite works in the calling thread), of one block."""

    def __enter__(self) -> _Clock:
        self.wall, self.cpu = time.perf_counter(), time.thread_time()
        return self

    def __exit__(self, *_: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, time.thread_time() - self.cpu


Timing = dict[str, tuple[float, float]]  # workload -> (wall seconds, CPU seconds)


def _one_round(make: Callable[[Path], Engine], folder: Path, rows: list[dict[str, Any]],
               account: str, query_rows: int) -> Timing:
    path = folder / f"bench-{secrets.token_hex(4)}.db"
    engine = make(path)
    try:
        with engine.begin() as conn:
            metadata.create_all(conn)
        gc.collect()
        gc.disable()  # the same for every engine: no collector pause lands inside one timing
        try:
            with _Clock() as insert, engine.begin() as conn:
                conn.execute(postings.insert(), rows)
        finally:
            gc.enable()
    finally:
        engine.dispose()
    engine = make(path)  # a fresh connection: the query reads (and decrypts) pages from the file
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1").all()  # open, key and check outside the timing
            conn.rollback()
            query = select(postings.c.id, postings.c.amount).where(postings.c.account == account) \
                .order_by(postings.c.amount)
            with _Clock() as cold:
                found = conn.execute(query).all()
            conn.rollback()
            warm = []
            for _ in range(3):  # the same query again on the same connection: pages already in its cache
                with _Clock() as again_clock:
                    again = conn.execute(query).all()
                warm.append(again_clock)
                conn.rollback()
            if again != found:
                raise SystemExit("the repeated query returned different rows")
            plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT id, amount FROM postings WHERE account = ? ORDER BY amount",
                (account,)))
        if len(found) != query_rows:
            raise SystemExit(f"the query returned {len(found)} rows, expected {query_rows}")
        if "ix_postings_account" not in plan:
            raise SystemExit(f"the query does not use the index: {plan}")
    finally:
        engine.dispose()
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    return {
        "insert": (insert.wall, insert.cpu),
        "query_cold": (cold.wall, cold.cpu),
        "query_warm": (statistics.median(c.wall for c in warm), statistics.median(c.cpu for c in warm)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--query-rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--cache-size-kib", type=int, default=None,
                        help="PRAGMA cache_size for every engine, in KiB (default: each library's default)")
    parser.add_argument("--dir", type=Path, default=None, help="where the database files go (default: a temp dir)")
    args = parser.parse_args(argv)
    load_start = os.getloadavg()[0]  # other work on the machine skews timings: reported with them
    if args.rows % args.query_rows:
        parser.error("--rows must be a multiple of --query-rows")
    accounts = args.rows // args.query_rows
    rows = _rows(args.rows, accounts)
    account = "receivable:line-0003"
    key = secrets.token_bytes(32)
    engines = _engines(key, args.cache_size_kib)
    times: dict[str, dict[str, list[float]]] = {name: {w: [] for w in WORKLOADS} for name in engines}
    cpu: dict[str, dict[str, list[float]]] = {name: {w: [] for w in WORKLOADS} for name in engines}
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        folder = Path(tmp)
        for make in engines.values():  # warm-up, not recorded: imports, caches, first file system touches
            _one_round(make, folder, rows[: accounts * 100], account, 100)
        for _ in range(args.repeat):
            for name, make in engines.items():
                for workload, (wall, cpu_s) in _one_round(make, folder, rows, account, args.query_rows).items():
                    times[name][workload].append(wall)
                    cpu[name][workload].append(cpu_s)
    median = {name: {w: statistics.median(v) for w, v in t.items()} for name, t in times.items()}
    ratios = {w: median["sqlcipher"][w] / median["sqlite"][w] for w in WORKLOADS}
    same_lib = {w: median["sqlcipher"][w] / median["sqlite-bundled"][w] for w in WORKLOADS}
    cpu_median = {name: {w: statistics.median(v) for w, v in t.items()} for name, t in cpu.items()}
    cpu_ratios = {w: cpu_median["sqlcipher"][w] / cpu_median["sqlite"][w] for w in WORKLOADS}
    probe = sqlcipher.connect(":memory:")
    probe.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    result = {
        "benchmark": "storage",
        "rows_inserted": args.rows,
        "rows_queried": args.query_rows,
        "repeat": args.repeat,
        "median_seconds": {n: {w: round(s, 4) for w, s in m.items()} for n, m in median.items()},
        "all_seconds": {n: {w: [round(s, 4) for s in v] for w, v in t.items()} for n, t in times.items()},
        "ratio_sqlcipher_vs_sqlite": {w: round(r, 3) for w, r in ratios.items()},
        "ratio_sqlcipher_vs_same_library_unencrypted": {w: round(r, 3) for w, r in same_lib.items()},
        "cpu_median_seconds": {n: {w: round(s, 4) for w, s in m.items()} for n, m in cpu_median.items()},
        "cpu_ratio_sqlcipher_vs_sqlite": {w: round(r, 3) for w, r in cpu_ratios.items()},
        "target_ratio": TARGET_RATIO,
        "meets_target": {w: r <= TARGET_RATIO for w, r in ratios.items()},
        "versions": {
            "sqlcipher": probe.execute("PRAGMA cipher_version").fetchone()[0],
            "sqlite_in_sqlcipher3": probe.execute("SELECT sqlite_version()").fetchone()[0],
            "sqlite_stdlib": sqlite3.sqlite_version,
            "python": platform.python_version(),
        },
        "machine": {"cpus": os.cpu_count(),
                    "load_average_1min": {"start": round(load_start, 2), "end": round(os.getloadavg()[0], 2)},
                    "platform": platform.platform()},
        "pragmas": "journal_mode=WAL, synchronous=NORMAL, foreign_keys=ON, page size 4096; cache_size: " + (
            f"-{args.cache_size_kib} (KiB) on every engine" if args.cache_size_kib else "each library's default"),
    }
    probe.close()
    json.dump(result, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
