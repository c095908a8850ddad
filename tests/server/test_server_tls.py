"""TLS: the workstation trusts only the practice's CA; the certificates make-certs writes; the API is
published as OpenAPI."""

from __future__ import annotations

import ssl
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from server_support import LiveServer

from medbill_desktop.server import cli
from medbill_desktop.server.certs import CertPaths
from medbill_desktop.sync.client import ServerClient, SyncError, practice_ssl_context


def test_a_client_that_does_not_trust_the_practice_ca_is_refused(live_server: LiveServer, other_ca: Path) -> None:
    code = live_server.db.code()
    with ServerClient(live_server.url, other_ca, retries=0) as stranger, \
            pytest.raises(SyncError, match="not signed by the practice CA"):
        stranger.enroll(code, "stranger")
    # nor is the machine's own list of public CAs enough: the practice CA is self-made
    with httpx.Client(verify=ssl.create_default_context()) as http, pytest.raises(httpx.ConnectError):
        http.get(f"{live_server.url}/v1/health")
    assert live_server.db.scalar("SELECT count(*) FROM devices") == 0
    with live_server.client() as trusted:  # and the code was not used up
        trusted.enroll(code, "front desk")


def test_plain_http_is_not_served_and_not_accepted_by_the_client(live_server: LiveServer) -> None:
    with pytest.raises(SyncError, match="https://"):
        ServerClient(live_server.url.replace("https://", "http://"), live_server.certs.ca_cert)
    with httpx.Client() as http, pytest.raises(httpx.HTTPError):
        http.get(live_server.url.replace("https://", "http://") + "/v1/health", timeout=5)


def test_the_ssl_context_trusts_the_given_ca_only(certs: CertPaths) -> None:
    context = practice_ssl_context(certs.ca_cert)
    subjects = [dict(x[0] for x in c["subject"]) for c in context.get_ca_certs()]
    assert [s["commonName"] for s in subjects] == ["Riverside Family Medicine practice CA"]
    with pytest.raises(SyncError, match="does not exist"):
        practice_ssl_context(certs.ca_cert.with_name("missing.pem"))


def test_make_certs_writes_a_ca_and_a_server_certificate_for_the_hosts(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "certs"
    assert cli.main(["make-certs", "--dir", str(folder), "--practice-name", "Oak Clinic", "--host", "billing.local",
                     "--host", "10.0.0.5"]) == 0
    assert "CA fingerprint" in capsys.readouterr().out
    paths = CertPaths.in_folder(folder)
    ca = x509.load_pem_x509_certificate(paths.ca_cert.read_bytes())
    server = x509.load_pem_x509_certificate(paths.server_cert.read_bytes())
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is True
    assert server.issuer == ca.subject
    server.verify_directly_issued_by(ca)
    names = server.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.DNSName) == ["billing.local"]
    assert [str(ip) for ip in names.get_values_for_type(x509.IPAddress)] == ["10.0.0.5"]
    assert paths.ca_key.stat().st_mode & 0o777 == 0o600 and paths.server_key.stat().st_mode & 0o777 == 0o600
    # run again: the CA is kept (enrolled workstations keep trusting the server), the server certificate is new
    assert cli.main(["make-certs", "--dir", str(folder), "--host", "billing.local"]) == 0
    assert x509.load_pem_x509_certificate(paths.ca_cert.read_bytes()) == ca
    renewed = x509.load_pem_x509_certificate(paths.server_cert.read_bytes())
    assert renewed.serial_number != server.serial_number
    renewed.verify_directly_issued_by(ca)


def test_the_openapi_document_is_published(live_server: LiveServer) -> None:
    with httpx.Client(verify=practice_ssl_context(live_server.certs.ca_cert)) as http:
        doc = http.get(f"{live_server.url}/openapi.json").json()
    assert {"/v1/enroll", "/v1/token", "/v1/push", "/v1/pull", "/v1/snapshot", "/v1/totals"} <= set(doc["paths"])
    assert "HTTPBearer" in doc["components"]["securitySchemes"]
