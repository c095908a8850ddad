"""The server's PostgreSQL: a connection pool (psycopg 3) and the Alembic migrations."""

from __future__ import annotations

import secrets
from importlib.resources import files
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool

TOKEN_KEY = "access_token_hmac"


def sqlalchemy_url(url: str) -> str:
    """The libpq URL in the form SQLAlchemy wants for psycopg 3 (Alembic runs through SQLAlchemy)."""
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    raise ValueError(f"not a PostgreSQL URL: {url!r} (expected postgresql://user@host:port/dbname)")


def libpq_url(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def migrate(url: str, practice_id: str, revision: str = "head") -> None:
    """Bring the database to the current schema, and make sure the practice's clock row and signing key exist."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    cfg = Config()
    cfg.set_main_option("script_location", str(files("medbill_desktop.server") / "migrations"))
    engine = create_engine(sqlalchemy_url(url))
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    finally:
        engine.dispose()
    with psycopg.connect(libpq_url(url)) as conn:
        conn.execute("INSERT INTO practice_clock (practice_id) VALUES (%s) ON CONFLICT DO NOTHING", (practice_id,))
        conn.execute("INSERT INTO server_keys (name, value) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                     (TOKEN_KEY, secrets.token_bytes(32)))


def open_pool(url: str, min_size: int = 1, max_size: int = 10) -> ConnectionPool:
    pool = ConnectionPool(libpq_url(url), min_size=min_size, max_size=max_size, open=False,
                          kwargs={"autocommit": True}, name="medbill-server")
    pool.open(wait=True, timeout=30)
    return pool


def token_key(conn: psycopg.Connection[Any]) -> bytes:
    row = conn.execute("SELECT value FROM server_keys WHERE name = %s", (TOKEN_KEY,)).fetchone()
    if row is None:
        raise RuntimeError("the server's database is not set up: run `medbill-server init-db`")
    return bytes(row[0])
