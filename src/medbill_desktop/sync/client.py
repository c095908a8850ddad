"""The workstation's HTTP client for the practice server (httpx). Knows the protocol, nothing of Qt or the
database: it trusts only the practice's CA, keeps a short-lived access token and refreshes it, and retries
what is safe to retry (every call is: push is idempotent by batch id).
"""

from __future__ import annotations

import json as jsonlib
import re
import ssl
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from medbill_desktop.sync import protocol


class SyncError(Exception):
    """Sync could not be done; the message says why in plain words."""


class Offline(SyncError):
    """The server could not be reached (or did not answer)."""


class Revoked(SyncError):
    """The practice administrator revoked this workstation."""


class NotAuthorized(SyncError):
    """The device token or access token was refused."""


class ServerRefused(SyncError):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def practice_ssl_context(ca_file: str | Path) -> ssl.SSLContext:
    """A TLS context that trusts the practice's CA and nothing else (not the system's CAs)."""
    path = Path(ca_file)
    if not path.exists():
        raise SyncError(f"The practice's CA certificate {path} does not exist; ask the practice administrator "
                        "for ca.pem (medbill-server make-certs writes it).")
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=str(path))
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


class RawJson(str):
    """JSON text sent as it is (an outbox payload, as the workstation stored it): ServerClient.push puts it in
    the request without parsing and encoding it again."""


_encode = jsonlib.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


def push_body(batch_id: str, base_seq: int, changes: list[dict[str, Any]]) -> bytes:
    """The body of POST /v1/push: the JSON httpx would send for {batch_id, base_seq, changes}, with each change's
    data that is RawJson put in as it is."""
    parts = []
    for change in changes:
        data = change.get("data")
        head = _encode({k: v for k, v in change.items() if k != "data"})
        if "data" in change:
            raw = data if isinstance(data, RawJson) else _encode(data)
            head = f'{head[:-1]},"data":{raw}}}' if head != "{}" else f'{{"data":{raw}}}'
        parts.append(head)
    return f'{{"batch_id":{_encode(batch_id)},"base_seq":{_encode(base_seq)},"changes":[{",".join(parts)}]}}'.encode()


_SNAPSHOT_NEXT = re.compile(rb'"next"\s*:\s*(\{[^{}]*\})\s*\}\s*$')


def _snapshot_next(content: bytes) -> dict[str, Any] | None:
    """The cursor of the page after a snapshot reply, read from the reply's end (None when there is none, or
    it cannot be read there)."""
    found = _SNAPSHOT_NEXT.search(content[-2000:])
    if found is None:
        return None
    try:
        cursor = jsonlib.loads(found.group(1))
    except ValueError:
        return None
    if not isinstance(cursor, dict) or not {"after_entity", "after_id"} <= set(cursor):
        return None
    return cursor


class ServerClient:
    def __init__(self, base_url: str, ca_file: str | Path, *, timeout: float = 30.0, retries: int = 3,
                 retry_pause: float = 0.5, transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if not base_url.startswith("https://"):
            raise SyncError(f"The server address must start with https:// (got {base_url!r}).")
        self.base_url = base_url.rstrip("/")
        self.ca_file = Path(ca_file)
        self.retries = retries
        self.retry_pause = retry_pause
        self._sleep = sleep
        self._http = httpx.Client(base_url=self.base_url, verify=practice_ssl_context(ca_file), timeout=timeout,
                                  transport=transport, headers={"User-Agent": "MedBill-Desktop-sync/1"})
        self._credentials: tuple[str, str] | None = None
        self._access: str | None = None
        self._access_expires = 0.0
        self._token_lock = threading.Lock()
        self._background: ThreadPoolExecutor | None = None
        self._prefetched: tuple[tuple[str, str, int], Future[httpx.Response]] | None = None

    def close(self) -> None:
        if self._background is not None:
            self._background.shutdown(wait=True, cancel_futures=True)
        self._http.close()

    def __enter__(self) -> ServerClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- plumbing --------------------------------------------------------------------------------------
    def _send(self, method: str, path: str, *, json: Any = None, content: bytes | None = None,
              params: dict[str, Any] | None = None, auth: bool = True) -> Any:
        return self._request(method, path, json=json, content=content, params=params, auth=auth).json()

    def _request(self, method: str, path: str, *, json: Any = None, content: bytes | None = None,
                 params: dict[str, Any] | None = None, auth: bool = True) -> httpx.Response:
        """The server's answer (status below 400), with the retries, the token refresh and the errors in words."""
        attempt = 0
        refreshed = False
        while True:
            attempt += 1
            headers = {"Authorization": f"Bearer {self._token()}"} if auth else {}
            if content is not None:
                headers["Content-Type"] = "application/json"
            try:
                response = self._http.request(method, path, json=json, content=content, params=params,
                                              headers=headers)
            except httpx.TransportError as exc:
                if isinstance(exc, httpx.ConnectError) and "CERTIFICATE_VERIFY_FAILED" in str(exc):
                    raise SyncError(f"The server at {self.base_url} did not prove it is the practice's server "
                                    f"(its certificate is not signed by the practice CA {self.ca_file}).") from exc
                if attempt > self.retries:
                    raise Offline(f"The practice server at {self.base_url} cannot be reached: {exc}.") from exc
                self._sleep(self.retry_pause * attempt)
                continue
            if response.status_code < 400:
                return response
            detail = _detail(response)
            if response.status_code == 401 and auth and not refreshed and self._credentials is not None:
                self._access = None  # expired or the server's key changed: get a new one once
                refreshed = True
                continue
            if response.status_code == 401:
                raise NotAuthorized(detail)
            if response.status_code == 403 and "revoked" in detail:
                raise Revoked(detail)
            if response.status_code >= 500 and attempt <= self.retries:
                self._sleep(self.retry_pause * attempt)
                continue
            raise ServerRefused(response.status_code, f"The practice server refused ({response.status_code}): "
                                                      f"{detail}")

    def _token(self) -> str:
        with self._token_lock:  # (a snapshot page may be asked for in the background meanwhile)
            if self._access is not None and time.time() < self._access_expires - 60:
                return self._access
            if self._credentials is None:
                raise NotAuthorized("This workstation is not enrolled with the practice server.")
            device_id, device_token = self._credentials
            reply = self._send("POST", f"{protocol.API}/token", json={"device_id": device_id,
                                                                      "device_token": device_token}, auth=False)
            self._access = str(reply["access_token"])
            self._access_expires = time.time() + int(reply["expires_in"])
            return self._access

    # --- the protocol ----------------------------------------------------------------------------------
    @property
    def device_id(self) -> str | None:
        return self._credentials[0] if self._credentials else None

    def access_token(self) -> str:
        """A valid access token (fetched or refreshed when needed)."""
        return self._token()

    def forget_access_token(self) -> None:
        self._access = None

    def use_device(self, device_id: str, device_token: str) -> None:
        self._credentials = (device_id, device_token)
        self._access = None

    def health(self) -> dict[str, Any]:
        result: dict[str, Any] = self._send("GET", f"{protocol.API}/health", auth=False)
        return result

    def enroll(self, code: str, device_name: str) -> dict[str, Any]:
        """Use a one-time code: {device_id, device_token, practice_id, prefix} (prefix: the number prefix the
        server gave this workstation; '' from a server that gives none). The client then holds the device."""
        reply: dict[str, Any] = self._send("POST", f"{protocol.API}/enroll",
                                           json={"code": code, "device_name": device_name}, auth=False)
        self.use_device(reply["device_id"], reply["device_token"])
        reply.setdefault("prefix", "")
        return reply

    def push(self, batch_id: str, base_seq: int, changes: list[dict[str, Any]]) -> dict[str, Any]:
        """One batch; a change's data may be RawJson (the outbox's text, sent as it is)."""
        reply: dict[str, Any] = self._send("POST", f"{protocol.API}/push",
                                           content=push_body(batch_id, base_seq, changes))
        return reply

    def pull(self, since: int, limit: int = protocol.PULL_PAGE_SIZE) -> dict[str, Any]:
        reply: dict[str, Any] = self._send("GET", f"{protocol.API}/pull", params={"since": since, "limit": limit})
        return reply

    def snapshot(self, after_entity: str = "", after_id: str = "", limit: int = 1000) -> dict[str, Any]:
        """One page of the snapshot. The page after it is asked for at once, in the background, while this one is
        read (its cursor is at the end of the reply): walking the pages, the server makes the next page while
        this workstation reads the last, and a page asked for with another cursor is asked for anew."""
        wanted = (after_entity, after_id, limit)
        prefetched, self._prefetched = self._prefetched, None
        if prefetched is not None and prefetched[0] == wanted:
            response = prefetched[1].result()
        else:
            if prefetched is not None:
                prefetched[1].cancel()
            response = self._snapshot_page(*wanted)
        following = _snapshot_next(response.content)
        if following is not None:
            after = (str(following["after_entity"]), str(following["after_id"]), limit)
            if self._background is None:
                self._background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="snapshot-page")
            self._prefetched = (after, self._background.submit(self._snapshot_page, *after))
        reply: dict[str, Any] = response.json()
        return reply

    def _snapshot_page(self, after_entity: str, after_id: str, limit: int) -> httpx.Response:
        return self._request("GET", f"{protocol.API}/snapshot",
                             params={"after_entity": after_entity, "after_id": after_id, "limit": limit})

    def totals(self) -> dict[str, Any]:
        reply: dict[str, Any] = self._send("GET", f"{protocol.API}/totals")
        return reply

    def conflicts(self, open_only: bool = True) -> list[dict[str, Any]]:
        reply: list[dict[str, Any]] = self._send("GET", f"{protocol.API}/conflicts",
                                                 params={"open_only": open_only})
        return reply

    def resolve_conflict(self, conflict_id: int, resolution: str) -> dict[str, Any]:
        reply: dict[str, Any] = self._send("POST", f"{protocol.API}/conflicts/{int(conflict_id)}/resolve",
                                           json={"resolution": resolution})
        return reply


def _detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:300] or response.reason_phrase
    detail = body.get("detail") if isinstance(body, dict) else None
    if isinstance(detail, str):
        return detail
    return str(detail if detail is not None else body)[:500]
