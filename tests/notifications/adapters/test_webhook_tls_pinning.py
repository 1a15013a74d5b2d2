"""A pinned https call: TCP to the checked address, TLS name and Host header the registered host."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from services.notifications.adapters.destinations import DestinationGuard
from tests.notifications.fake_dns import FakeDns

HOST = "hooks.gmina.test"


def _certificate(directory: Path) -> tuple[Path, Path]:
    """Write a self-signed certificate for HOST and its key; return their paths."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(HOST)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class TlsServer:
    """An https server on loopback that records the SNI name and Host header it got."""

    def __init__(self) -> None:
        self.server_names: list[str | None] = []
        self.hosts: list[str] = []
        self.port = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Answer one request with 200."""
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
        for line in head.split("\r\n")[1:]:
            name, _, value = line.partition(":")
            if name.lower() == "host":
                self.hosts.append(value.strip())
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
        await writer.drain()
        writer.close()


@pytest.fixture
async def tls(tmp_path: Path) -> AsyncIterator[tuple[TlsServer, ssl.SSLContext]]:
    """The server and a client context that trusts its certificate."""
    cert, key = _certificate(tmp_path)
    served = TlsServer()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: served.server_names.append(name)  # type: ignore[assignment,func-returns-value]
    server = await asyncio.start_server(served.handle, "127.0.0.1", 0, ssl=context)
    served.port = server.sockets[0].getsockname()[1]
    try:
        yield served, ssl.create_default_context(cafile=str(cert))
    finally:
        server.close()


class TestPinnedHttps:
    async def test_connects_to_the_checked_address_and_verifies_the_registered_name(
        self, tls: tuple[TlsServer, ssl.SSLContext]
    ) -> None:
        served, trust = tls
        dns = FakeDns()
        dns.answer(HOST, "127.0.0.1")
        guard = DestinationGuard(allow_private=True, require_https=True, resolver=dns.resolve)

        destination = await guard.check(f"https://{HOST}:{served.port}/hook")
        async with httpx.AsyncClient(verify=trust) as client:
            answer = await client.post(
                destination.url,
                headers={"host": destination.host_header},
                extensions=destination.extensions,
            )

        assert answer.status_code == 200
        assert str(destination.url).startswith(f"https://127.0.0.1:{served.port}/")
        assert served.server_names == [HOST]
        assert served.hosts == [f"{HOST}:{served.port}"]
        assert dns.asked == [HOST]
