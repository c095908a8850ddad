"""Schemathesis over the published OpenAPI document, against the real server over TLS with a valid access
token: whatever it sends, valid or not, the server never answers 5xx. Kept short: a few dozen cases per
operation and mode."""

from __future__ import annotations

import httpx
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from server_support import LiveServer, change, ledger_change

from medbill_desktop.sync.client import practice_ssl_context

EXAMPLES = 15


def test_no_request_makes_the_server_fail(live_server: LiveServer) -> None:
    with live_server.enrolled() as client:
        # some state for the fuzzer to hit: changes, a ledger transaction, a conflict
        client.push("seed", 0, [change("c1", home_phone="1"), ledger_change("l1", "tx1", source_key="K")])
        with live_server.enrolled("other") as other:
            other.push("seed-2", 0, [change("c2", home_phone="2")])
        access = client.access_token()
    with httpx.Client(verify=practice_ssl_context(live_server.certs.ca_cert)) as http:
        document = http.get(f"{live_server.url}/openapi.json").json()
    schema = schemathesis.openapi.from_dict(document)
    session = requests.Session()  # one TLS connection, kept alive
    session.verify = str(live_server.certs.ca_cert)
    failures: list[str] = []
    calls = 0
    unsatisfiable: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                      suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case: schemathesis.Case) -> None:
                nonlocal calls
                headers = {"Authorization": f"Bearer {access}"}
                response = case.call(base_url=live_server.url, session=session, headers=headers, timeout=30,
                                     verify=session.verify)
                calls += 1
                if response.status_code >= 500:
                    failures.append(f"{case.method} {case.formatted_path} -> {response.status_code}: "
                                    f"{case.body!r:.300} {case.query!r:.200} {response.text[:300]}")

            try:
                run()
            except Unsatisfiable:
                # an operation without parameters or body has no invalid input to make
                assert mode is GenerationMode.NEGATIVE, operation.label
                unsatisfiable.append(operation.label)
    session.close()
    print(f"{calls} calls")
    assert calls > 100
    assert set(unsatisfiable) <= {"GET /v1/health", "GET /v1/totals"}, unsatisfiable
    assert not failures, "\n".join(failures[:10])
    assert live_server.db.scalar("SELECT count(*) FROM change_log") >= 3  # the server still works and kept its data
