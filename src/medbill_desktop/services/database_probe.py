"""What the start-up screens ask before anything heavy is loaded: is there a database at this path, and will
opening it need the practice passphrase?

Imports only `storage.keys` (no SQLAlchemy, and the keyring only for a database that does not exist yet), so
the program's window can show the right page (set-up, passphrase or sign-in) within milliseconds while the
database worker goes on importing the rest.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from medbill_desktop.storage import keys


@dataclass(frozen=True)
class DatabaseProbe:
    exists: bool
    needs_passphrase: bool  # opening (or creating) it derives the key from the practice passphrase


def probe_database(path: Path) -> DatabaseProbe:
    """The same answers as `services.setup.database_exists` and `services.setup.needs_passphrase`."""
    info = keys.KeyInfo.load(path)
    if info is None:
        needs = not keys.backend_is_secure() or bool(os.environ.get(keys.PASSPHRASE_ENV))
    else:
        needs = info.source == "passphrase"
    return DatabaseProbe(path.exists(), needs)
