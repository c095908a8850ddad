"""Write the practice server's OpenAPI document to docs/openapi.json (a test checks it is current).

    .venv/bin/python scripts/openapi.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from medbill_desktop.server.app import create_app
from medbill_desktop.server.settings import ServerSettings

DOCUMENT = Path(__file__).resolve().parent.parent / "docs" / "openapi.json"


def openapi_text() -> str:
    """The document as the server publishes it at /openapi.json, with sorted keys so diffs read well."""
    app = create_app(ServerSettings(database_url="postgresql://not-connected"))  # building it connects nothing
    return json.dumps(app.openapi(), indent=2, sort_keys=True) + "\n"


def main() -> int:
    DOCUMENT.write_text(openapi_text(), encoding="utf-8")
    print(f"wrote {DOCUMENT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
