"""The server's settings: where its PostgreSQL is and which practice it serves."""

from __future__ import annotations

import os
from dataclasses import dataclass

URL_ENV = "MEDBILL_SERVER_DATABASE_URL"
PRACTICE_ENV = "MEDBILL_SERVER_PRACTICE_ID"
DEFAULT_PRACTICE = "practice"


@dataclass(frozen=True)
class ServerSettings:
    database_url: str  # postgresql://user[:password]@host[:port]/dbname (libpq form)
    practice_id: str = DEFAULT_PRACTICE
    access_token_seconds: int = 15 * 60
    enroll_code_hours: float = 24.0
    pool_min: int = 1
    pool_max: int = 10
    max_changes_per_push: int = 1000

    @classmethod
    def from_env(cls, database_url: str | None = None, practice_id: str | None = None) -> ServerSettings:
        url = database_url or os.environ.get(URL_ENV)
        if not url:
            raise SystemExit(f"No database: give --database-url or set {URL_ENV} "
                             "(for example postgresql://medbill@127.0.0.1:5432/medbill)")
        return cls(database_url=url, practice_id=practice_id or os.environ.get(PRACTICE_ENV, DEFAULT_PRACTICE))
