"""The workstation's HTTP client for the practice server (httpx). Knows the protocol, nothing of Qt or the
database: it trusts only the practice's CA, keeps a short-lived access token and refreshes it, and retries
what is safe to retry (every call is: push is idempotent by batch id).
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Callable
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

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ServerClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- plumbing --------------------------------------------------------------------------------------
    def _send(self, method: str, path: str, *, json: Any = None, params: dict[str, Any] | None = None,
              auth: bool = True) -> Any:
        attempt = 0
        refreshed = False
        while True:
            attempt += 1
            headers = {"Authorization": f"Bearer {self._token()}"} if auth else {}
            try:
                response = self._http.request(method, path, json=json, params=params, headers=headers)
            except httpx.TransportError as exc:
                if isinstance(exc, httpx.ConnectError) and "CERTIFICATE_VERIFY_FAILED" in str(exc):
                    raise SyncError(f"The server at {self.base_url} did not prove it is the practice's server "
                                    f"(its certificate is not signed by the practice CA {self.ca_file}).") from exc
                if attempt > self.retries:
                    raise Offline(f"The practice server at {self.base_url} cannot be reached: {exc}.") from exc
                self._sleep(self.retry_pause * attempt)
                continue
            if response.status_code < 400:
                return response.json()
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
        reply: dict[str, Any] = self._send("POST", f"{protocol.API}/enroll",
                                           json={"code": code, "device_name": device_name}, auth=False)
        self.use_device(reply["device_id"], reply["device_token"])
        return reply

    def push(self, batch_id: str, base_seq: int, changes: list[dict[str, Any]]) -> dict[str, Any]:
        reply: dict[str, Any] = self._send("POST", f"{protocol.API}/push",
                                           json={"batch_id": batch_id, "base_seq": base_seq, "changes": changes})
        return reply

    def pull(self, since: int, limit: int = protocol.PULL_PAGE_SIZE) -> dict[str, Any]:
        reply: dict[str, Any] = self._send("GET", f"{protocol.API}/pull", params={"since": since, "limit": limit})
        return reply

    def snapshot(self, after_entity: str = "", after_id: str = "", limit: int = 1000) -> dict[str, Any]:
        reply: dict[str, Any] = self._send("GET", f"{protocol.API}/snapshot",
                                           params={"after_entity": after_entity, "after_id": after_id,
                                                   "limit": limit})
        return reply

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
