"""`medbill-server`: set up the database, make the practice's certificates, hand out enrolment codes, manage
devices and serve the API over TLS.

    medbill-server init-db      [--database-url URL] [--practice-id ID]
    medbill-server make-certs   --dir FOLDER [--practice-name NAME] [--host HOST ...]
    medbill-server serve        --certs FOLDER [--host 0.0.0.0] [--port 8443]
    medbill-server enroll-code  [--label TEXT] [--hours 24]
    medbill-server devices list | devices revoke DEVICE_ID [--reason TEXT]
    medbill-server local-postgres --dir FOLDER [--port N]     (a throwaway PostgreSQL for trying it out)

The database URL comes from --database-url or $MEDBILL_SERVER_DATABASE_URL, the practice id from --practice-id
or $MEDBILL_SERVER_PRACTICE_ID (default "practice").
"""

from __future__ import annotations

import argparse
import json
import signal
import socket
import sys
import time
from pathlib import Path

from medbill_desktop.server.settings import ServerSettings


def _settings(args: argparse.Namespace) -> ServerSettings:
    return ServerSettings.from_env(args.database_url, args.practice_id)


def _connect(settings: ServerSettings):  # type: ignore[no-untyped-def]
    import psycopg

    from medbill_desktop.server.db import libpq_url

    return psycopg.connect(libpq_url(settings.database_url), autocommit=True)


def cmd_init_db(args: argparse.Namespace) -> int:
    from medbill_desktop.server.db import migrate

    settings = _settings(args)
    migrate(settings.database_url, settings.practice_id)
    print(f"database ready for practice {settings.practice_id!r}")
    return 0


def cmd_make_certs(args: argparse.Namespace) -> int:
    from medbill_desktop.server.certs import fingerprint, make_certs

    hosts = args.host or [socket.getfqdn(), "localhost", "127.0.0.1"]
    paths = make_certs(Path(args.dir), args.practice_name, hosts, overwrite=args.new_ca)
    print(f"practice CA:        {paths.ca_cert}  (give this file to each workstation: medbill enroll --ca)")
    print(f"CA fingerprint:     {fingerprint(paths.ca_cert)}")
    print(f"server certificate: {paths.server_cert} for {', '.join(hosts)}")
    print(f"private keys:       {paths.ca_key}, {paths.server_key} (keep them on this machine)")
    return 0


def cmd_enroll_code(args: argparse.Namespace) -> int:
    from medbill_desktop.server import store

    settings = _settings(args)
    with _connect(settings) as conn:
        code, expires = store.create_enroll_code(conn, settings.practice_id, args.label, args.hours)
    if args.json:
        print(json.dumps({"code": code, "expires_at": expires.isoformat()}))
    else:
        print(f"enrolment code: {code}  (one workstation, once; expires {expires:%Y-%m-%d %H:%M} UTC)")
    return 0


def cmd_devices(args: argparse.Namespace) -> int:
    from medbill_desktop.server import store

    settings = _settings(args)
    with _connect(settings) as conn:
        if args.action == "list":
            devices = store.list_devices(conn, settings.practice_id)
            if args.json:
                print(json.dumps(devices, default=str, indent=2))
                return 0
            if not devices:
                print("no workstations enrolled")
            for d in devices:
                state = f"REVOKED {d['revoked_at']:%Y-%m-%d}" if d["revoked_at"] else "active"
                seen = f"{d['last_seen_at']:%Y-%m-%d %H:%M}" if d["last_seen_at"] else "never"
                print(f"{d['device_id']}  {d['prefix'] or '-':<5} {d['name']:<24} {state:<18} last seen {seen}")
            return 0
        if not args.device_id:
            print("devices revoke needs the device id (see: medbill-server devices list)", file=sys.stderr)
            return 2
        if store.revoke_device(conn, settings.practice_id, args.device_id, args.reason):
            print(f"revoked {args.device_id}: it can no longer sync")
            return 0
        print(f"no single active device matches {args.device_id!r}", file=sys.stderr)
        return 1


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from medbill_desktop.server.app import create_app
    from medbill_desktop.server.certs import CertPaths

    settings = _settings(args)
    certs = CertPaths.in_folder(Path(args.certs))
    for p in (certs.server_cert, certs.server_key):
        if not p.exists():
            print(f"{p} is missing: run medbill-server make-certs --dir {args.certs}", file=sys.stderr)
            return 2
    uvicorn.run(create_app(settings), host=args.host, port=args.port, ssl_certfile=str(certs.server_cert),
                ssl_keyfile=str(certs.server_key), log_level=args.log_level, workers=1)
    return 0


def cmd_local_postgres(args: argparse.Namespace) -> int:
    from medbill_desktop.server.localpg import LocalPostgres

    pg = LocalPostgres(root=Path(args.dir).resolve(), port=args.port, fast=False, keep=True)
    pg.start()
    print(f"PostgreSQL is running: {pg.url}")
    print(f"  export MEDBILL_SERVER_DATABASE_URL={pg.url}")
    print("Ctrl+C stops it (its data stays in the folder; run this again to start it again).")
    stop = False

    def on_signal(*_: object) -> None:
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, on_signal)
    try:
        while not stop:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        pg.stop()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="medbill-server", description="MedBill practice server")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database-url", help="postgresql://user[:password]@host:port/dbname")
    common.add_argument("--practice-id", help="which practice this server serves (default: practice)")
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("init-db", parents=[common], help="create or upgrade the server's tables").set_defaults(
        func=cmd_init_db)

    p = sub.add_parser("make-certs", help="make the practice CA and the server certificate")
    p.add_argument("--dir", required=True, help="folder for ca.pem, ca-key.pem, server.pem, server-key.pem")
    p.add_argument("--practice-name", default="MedBill practice")
    p.add_argument("--host", action="append", help="a name or address workstations use to reach the server "
                   "(repeat; default: this machine's name, localhost, 127.0.0.1)")
    p.add_argument("--new-ca", action="store_true",
                   help="make a new CA even if one exists (then re-enrol every workstation)")
    p.set_defaults(func=cmd_make_certs)

    p = sub.add_parser("serve", parents=[common], help="serve the API over TLS")
    p.add_argument("--certs", required=True, help="the folder make-certs wrote")
    p.add_argument("--host", default="0.0.0.0")
    p.add_argument("--port", type=int, default=8443)
    p.add_argument("--log-level", default="info")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("enroll-code", parents=[common], help="a one-time code for a new workstation")
    p.add_argument("--label", default="", help="a note: which workstation it is for")
    p.add_argument("--hours", type=float, default=24.0, help="how long the code stays valid (default 24)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_enroll_code)

    p = sub.add_parser("devices", parents=[common], help="list or revoke enrolled workstations")
    p.add_argument("action", choices=["list", "revoke"])
    p.add_argument("device_id", nargs="?")
    p.add_argument("--reason", default="")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_devices)

    p = sub.add_parser("local-postgres", help="start a throwaway PostgreSQL in a folder, for trying the server out")
    p.add_argument("--dir", required=True)
    p.add_argument("--port", type=int, default=0, help="default: a free port")
    p.set_defaults(func=cmd_local_postgres)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
