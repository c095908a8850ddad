"""A real PostgreSQL for the practice-server tests (started once per run, thrown away after), a fresh database
per test made from a migrated template, the practice's certificates, and the server on loopback over TLS."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from server_support import LiveServer, ServerDb, start_live_server

from medbill_desktop.server import db
from medbill_desktop.server.certs import CertPaths, make_certs
from medbill_desktop.server.localpg import LocalPostgres, PostgresMissing

# the sync tests build workstations with the integration tests' helpers (front_desk_support, posting_support)
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "integration"))

TEMPLATE = "medbill_template"
PRACTICE = "riverside"
_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def postgres() -> Iterator[LocalPostgres]:
    try:
        pg = LocalPostgres()
    except PostgresMissing as exc:  # never a silent skip: CI installs PostgreSQL, so this is a real failure
        pytest.fail(f"The practice-server tests need PostgreSQL: {exc}", pytrace=False)
    pg.start()
    try:
        with psycopg.connect(pg.admin_url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{TEMPLATE}"')
        db.migrate(pg.admin_url(TEMPLATE), PRACTICE)
        yield pg
    finally:
        pg.stop()


@pytest.fixture
def server_db(postgres: LocalPostgres) -> Iterator[ServerDb]:
    """A migrated database of its own for this test (a copy of the template: fast)."""
    name = f"t{next(_numbers)}"
    with psycopg.connect(postgres.admin_url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}"')
    yield ServerDb(postgres.admin_url(name), PRACTICE)
    with psycopg.connect(postgres.admin_url(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def certs(tmp_path_factory: pytest.TempPathFactory) -> CertPaths:
    return make_certs(tmp_path_factory.mktemp("certs"), "Riverside Family Medicine", ["127.0.0.1", "localhost"])


@pytest.fixture
def live_server(server_db: ServerDb, certs: CertPaths) -> Iterator[LiveServer]:
    """The real app under uvicorn with the practice's certificate, on a free loopback port, in a thread."""
    with start_live_server(server_db, certs) as server:
        yield server


@pytest.fixture
def other_ca(tmp_path: Path) -> Path:
    """A CA that did not sign the server's certificate."""
    return make_certs(tmp_path / "elsewhere", "Some Other Practice", ["127.0.0.1"]).ca_cert
