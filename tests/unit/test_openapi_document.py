"""The OpenAPI document in docs/ is the one the server publishes (regenerate: scripts/openapi.py)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "openapi.py"


def test_docs_openapi_json_is_what_the_server_publishes() -> None:
    spec = importlib.util.spec_from_file_location("openapi_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    published = script.openapi_text()
    assert script.DOCUMENT.read_text(encoding="utf-8") == published, \
        "docs/openapi.json is out of date: run .venv/bin/python scripts/openapi.py"
    paths = json.loads(published)["paths"]
    assert {"/v1/enroll", "/v1/push", "/v1/pull", "/v1/snapshot", "/v1/totals"} <= set(paths)
