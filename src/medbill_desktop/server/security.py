"""Device tokens, enrolment codes and short-lived access tokens.

A device token is 32 random bytes, given once at enrolment; the server keeps its SHA-256 only. An access token
is `base64url(json).base64url(hmac)`, signed with the server's own key, naming the device, the practice and
the moment it expires. Enrolment codes are 12 letters and digits (about 60 bits), one-time and expiring.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def new_device_token() -> str:
    return secrets.token_urlsafe(32)


def hash_secret(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def new_enroll_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalize_code(code: str) -> str:
    """People type codes: ignore case, spaces and dashes."""
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}" if len(raw) == 12 else raw


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class AccessClaims:
    device_id: str
    practice_id: str
    expires_at: int


class BadToken(Exception):
    pass


def issue_access_token(key: bytes, device_id: str, practice_id: str, seconds: int,
                       now: float | None = None) -> tuple[str, int]:
    expires = int((now if now is not None else time.time()) + seconds)
    body = _b64(json.dumps({"d": device_id, "p": practice_id, "e": expires}, separators=(",", ":")).encode())
    sig = _b64(hmac.new(key, body.encode("ascii"), hashlib.sha256).digest())
    return f"{body}.{sig}", expires


def read_access_token(key: bytes, token: str, now: float | None = None) -> AccessClaims:
    try:
        body, sig = token.split(".")
        expected = _b64(hmac.new(key, body.encode("ascii"), hashlib.sha256).digest())
        if not hmac.compare_digest(expected, sig):
            raise BadToken("the access token's signature is not valid")
        data = json.loads(_unb64(body))
        claims = AccessClaims(str(data["d"]), str(data["p"]), int(data["e"]))
    except BadToken:
        raise
    except (ValueError, KeyError, TypeError, UnicodeError) as exc:
        raise BadToken("the access token is malformed") from exc
    if claims.expires_at <= (now if now is not None else time.time()):
        raise BadToken("the access token has expired; get a new one with POST /v1/token")
    return claims


def hmac_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("ascii", "replace"), b.encode("ascii", "replace"))
