"""The practice server's HTTP API (FastAPI): enrolment, tokens, push, pull, snapshot, totals, conflicts.

`create_app(settings)` builds the app; the pool opens when the app starts (lifespan). The OpenAPI document is at
/openapi.json.
"""

from __future__ import annotations

import math
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Annotated, Any, Literal

import psycopg
from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import AfterValidator, BaseModel, Field, StringConstraints

from medbill_desktop.server import db, security, store
from medbill_desktop.server.settings import ServerSettings
from medbill_desktop.sync import protocol

BIGINT = 2**63 - 1
MAX_DEPTH = 32
MAX_PAGE = 5000


def _check_text(value: str) -> str:
    if "\x00" in value:
        raise ValueError("text may not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("text is not valid Unicode") from exc
    return value


def _check_json(value: Any, depth: int = 0) -> Any:
    """What PostgreSQL's jsonb can keep: no NUL characters, no lone surrogates, finite numbers, bounded nesting."""
    if depth > MAX_DEPTH:
        raise ValueError(f"data is nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, str):
        _check_text(value)
    elif isinstance(value, float) and not math.isfinite(value):
        raise ValueError("numbers must be finite")
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_text(k)
            _check_json(v, depth + 1)
    elif isinstance(value, list):
        for v in value:
            _check_json(v, depth + 1)
    return value


Text = Annotated[str, StringConstraints(min_length=1, max_length=200), AfterValidator(_check_text)]
Data = Annotated[dict[str, Any], AfterValidator(_check_json)]


class EnrollRequest(BaseModel):
    code: Annotated[str, StringConstraints(min_length=1, max_length=40), AfterValidator(_check_text)]
    device_name: Text


class EnrollReply(BaseModel):
    device_id: str
    device_token: str = Field(description="Shown once: the workstation keeps it in the OS keyring.")
    practice_id: str
    prefix: str = Field(description="The number prefix (claims, batches, receipts...) the workstation uses from now "
                        "on; the server gives each workstation its own, never given again.")


class TokenRequest(BaseModel):
    device_id: Text
    device_token: Text


class TokenReply(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    expires_at: int


class ChangeIn(BaseModel):
    change_id: Annotated[str, StringConstraints(min_length=1, max_length=64), AfterValidator(_check_text)]
    entity: Annotated[str, StringConstraints(min_length=1, max_length=64), AfterValidator(_check_text)]
    entity_id: Text
    event: Annotated[str, StringConstraints(min_length=1, max_length=64), AfterValidator(_check_text)]
    data: Data
    created_at: Annotated[str, StringConstraints(max_length=64), AfterValidator(_check_text)] = ""


class PushRequest(BaseModel):
    batch_id: Annotated[str, StringConstraints(min_length=1, max_length=100), AfterValidator(_check_text)]
    base_seq: int = Field(0, ge=0, le=BIGINT, description="The last seq this workstation had pulled.")
    changes: list[ChangeIn] = Field(max_length=1000)


class ChangeResult(BaseModel):
    change_id: str
    status: Literal["applied", "duplicate", "rejected"]
    seq: int | None
    message: str
    duplicate_of: str | None
    repeated: bool = Field(description="True when this change id had been pushed before; status is its first one.")
    corrections: list[dict[str, Any]] = Field(
        default_factory=list, description="Correction transactions the server posted with this change (a receivable "
        "paid twice: the overflow held as patient credit or owed back); apply them before the change's own.")
    server_claims: list[dict[str, Any]] = Field(
        default_factory=list, description="For a claim status change the server refused: the server's state of the "
        "claim (claim_id, claim_number, status and the tracking fields the change would have set); the workstation "
        "puts its claim back to it.")


class PushReply(BaseModel):
    batch_id: str
    results: list[ChangeResult]
    high_water: int
    conflicts: int


class ChangeOut(BaseModel):
    seq: int
    change_id: str
    origin_device: str
    entity: str
    entity_id: str
    event: str
    data: dict[str, Any]
    created_at: str


class PullReply(BaseModel):
    changes: list[ChangeOut]
    high_water: int
    next: int = Field(description="The cursor to pull from next.")
    more: bool


class SnapshotItem(BaseModel):
    entity: str
    entity_id: str
    data: dict[str, Any]
    last_seq: int
    field_seq: dict[str, int] = Field(default_factory=dict,
                                      description="The seq of the change that last set each field.")


class SnapshotCursor(BaseModel):
    after_entity: str
    after_id: str


class SnapshotReply(BaseModel):
    items: list[SnapshotItem]
    high_water: int
    next: SnapshotCursor | None


class AccountTotal(BaseModel):
    postings: int
    total_cents: int


class TotalsReply(BaseModel):
    high_water: int
    transactions: int
    postings: int
    accounts: dict[str, AccountTotal]


class Conflict(BaseModel):
    id: int
    seq: int
    entity: str
    entity_id: str
    field: str
    kept_value: Any
    kept_device: str
    overwritten_value: Any
    overwritten_device: str
    overwritten_seq: int
    created_at: datetime
    resolved_at: datetime | None
    resolution: str | None
    resolved_by: str | None


class ResolveRequest(BaseModel):
    resolution: Literal["keep", "restore"]


class ResolveReply(BaseModel):
    id: int
    resolution: str
    high_water: int


class Health(BaseModel):
    status: str
    practice_id: str
    high_water: int


class Problem(BaseModel):
    detail: str


_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "No valid access token"},
    403: {"model": Problem, "description": "The workstation was revoked"},
}

bearer = HTTPBearer(auto_error=False, description="An access token from POST /v1/token")


def connection(request: Request) -> Iterator[store.Conn]:
    with request.app.state.pool.connection() as conn:
        yield conn


Db = Annotated[store.Conn, Depends(connection)]


def device(request: Request, conn: Db,
           credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> str:
    """The device an access token names, still active (a revoked device is refused at once, token or not)."""
    practice = request.app.state.settings.practice_id
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise store.Refused(401, "An access token is needed: get one with POST /v1/token.")
    try:
        claims = security.read_access_token(request.app.state.token_key, credentials.credentials)
    except security.BadToken as exc:
        raise store.Refused(401, f"The access token was refused: {exc}.") from exc
    if claims.practice_id != practice:
        raise store.Refused(401, "The access token is for another practice.")
    store.check_device_active(conn, practice, claims.device_id)
    return claims.device_id


Device = Annotated[str, Depends(device)]


def create_app(settings: ServerSettings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pool = db.open_pool(settings.database_url, settings.pool_min, settings.pool_max)
        with pool.connection() as conn:
            app.state.token_key = db.token_key(conn)
            store.high_water(conn, settings.practice_id)  # the practice exists (init-db ran)
        app.state.pool = pool
        try:
            yield
        finally:
            pool.close()

    app = FastAPI(title="MedBill practice server", version="1", lifespan=lifespan,
                  description="Sync between MedBill Desktop workstations of one practice (DESIGN §7).")
    app.state.settings = settings
    practice = settings.practice_id

    @app.exception_handler(store.Refused)
    async def refused(_: Request, exc: store.Refused) -> JSONResponse:
        return JSONResponse({"detail": exc.message}, status_code=exc.status)

    @app.exception_handler(psycopg.OperationalError)
    async def database_down(_: Request, exc: psycopg.OperationalError) -> JSONResponse:
        return JSONResponse({"detail": "The practice database is not reachable; try again shortly."},
                            status_code=503)


    @app.get("/v1/health", response_model=Health)
    def health(conn: Db) -> dict[str, Any]:
        return {"status": "ok", "practice_id": practice, "high_water": store.high_water(conn, practice)}

    @app.post("/v1/enroll", response_model=EnrollReply, responses={403: {"model": Problem}})
    def enroll(body: EnrollRequest, conn: Db) -> dict[str, Any]:
        device_id, token, prefix = store.enroll(conn, practice, body.code, body.device_name)
        return {"device_id": device_id, "device_token": token, "practice_id": practice, "prefix": prefix}

    @app.post("/v1/token", response_model=TokenReply, responses=_ERRORS)
    def token(body: TokenRequest, request: Request, conn: Db) -> dict[str, Any]:
        store.check_device_token(conn, practice, body.device_id, body.device_token)
        access, expires = security.issue_access_token(request.app.state.token_key, body.device_id, practice,
                                                      settings.access_token_seconds)
        return {"access_token": access, "token_type": "bearer", "expires_in": settings.access_token_seconds,
                "expires_at": expires}

    @app.post("/v1/push", response_model=PushReply, responses={**_ERRORS, 409: {"model": Problem}})
    def push(body: PushRequest, device_id: Device, conn: Db) -> dict[str, Any]:
        changes = [store.Change(c.change_id, c.entity, c.entity_id, c.event, c.data, c.created_at)
                   for c in body.changes]
        return store.push(conn, practice, device_id, body.batch_id, body.base_seq, changes)

    @app.get("/v1/pull", response_model=PullReply, responses=_ERRORS)
    def pull(device_id: Device, conn: Db, since: Annotated[int, Query(ge=0, le=BIGINT)] = 0,
             limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = protocol.PULL_PAGE_SIZE,
             ) -> Response:
        # built as JSON by PostgreSQL: the fastest path for the largest replies (the schema is PullReply)
        return Response(store.pull_json(conn, practice, since, limit), media_type="application/json")

    @app.get("/v1/snapshot", response_model=SnapshotReply, responses=_ERRORS)
    def snapshot(device_id: Device, conn: Db,
                 after_entity: Annotated[str, Query(max_length=64), AfterValidator(_check_text)] = "",
                 after_id: Annotated[str, Query(max_length=200), AfterValidator(_check_text)] = "",
                 limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1000) -> Response:
        # built as JSON by PostgreSQL, as pull is (the schema is SnapshotReply)
        return Response(store.snapshot_json(conn, practice, after_entity, after_id, limit),
                        media_type="application/json")

    @app.get("/v1/totals", response_model=TotalsReply, responses=_ERRORS)
    def totals(device_id: Device, conn: Db) -> dict[str, Any]:
        return store.totals(conn, practice)

    @app.get("/v1/conflicts", response_model=list[Conflict], responses=_ERRORS)
    def conflicts(device_id: Device, conn: Db, open_only: bool = True) -> list[dict[str, Any]]:
        return store.list_conflicts(conn, practice, open_only)

    @app.post("/v1/conflicts/{conflict_id}/resolve", response_model=ResolveReply,
              responses={**_ERRORS, 404: {"model": Problem}, 409: {"model": Problem}})
    def resolve(conflict_id: Annotated[int, Path(ge=1, le=BIGINT)], body: ResolveRequest, device_id: Device,
                conn: Db) -> dict[str, Any]:
        return store.resolve_conflict(conn, practice, device_id, conflict_id, body.resolution)

    return app
