"""Where webhooks may go: https URLs whose host resolves to public addresses only (SSRF).

The check returns the address it checked, and the call connects to that very address
(the host travels in the Host header and TLS SNI): resolving again to connect would let a
DNS answer that changed in between (rebinding) reach an address that was never checked.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from services.notifications.domain.webhooks import IpAddress, address_refusal, parse_destination
from shared.errors import InvalidInput

__all__ = ["Destination", "DestinationGuard", "Resolver", "system_resolver"]

Resolver = Callable[[str, int], Awaitable[list[IpAddress]]]


async def system_resolver(host: str, port: int) -> list[IpAddress]:
    """Return the addresses the system resolver gives for a host."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    # Scope ids (fe80::1%eth0) are not part of the address.
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


@dataclass(frozen=True)
class Destination:
    """An endpoint URL pinned to the address that was checked."""

    url: httpx.URL
    host_header: str
    extensions: dict[str, Any] = field(default_factory=dict)


class DestinationGuard:
    """Resolves an endpoint's host and refuses it if any address is not a public one."""

    def __init__(
        self, *, allow_private: bool, require_https: bool, resolver: Resolver = system_resolver
    ) -> None:
        self._allow_private = allow_private
        self._require_https = require_https
        self.resolver = resolver

    async def check(self, url: str) -> Destination:
        """Return the URL pinned to a checked address; raise InvalidInput naming the URL."""
        host, port = parse_destination(url, require_https=self._require_https)
        addresses = await self._resolve(host, port)
        for address in addresses:
            reason = address_refusal(address, allow_private=self._allow_private)
            if reason is not None:
                raise InvalidInput.for_field(
                    "body.url",
                    f"Adres {host} wskazuje na {reason.pl} ({address}); takie są niedozwolone.",
                    f"The host {host} resolves to {reason.en} ({address}); not allowed.",
                    code="address-not-allowed",
                )
        return _pinned(httpx.URL(url), addresses[0])

    async def _resolve(self, host: str, port: int) -> list[IpAddress]:
        literal = _literal(host)
        if literal is not None:
            return [literal]
        try:
            addresses = await self.resolver(host, port)
        except (OSError, UnicodeError):
            addresses = []
        if not addresses:
            raise InvalidInput.for_field(
                "body.url",
                f"Nie można odnaleźć serwera {host}.",
                f"The host {host} does not resolve.",
                code="host-unknown",
            )
        return addresses


def _literal(host: str) -> IpAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def _pinned(url: httpx.URL, address: IpAddress) -> Destination:
    host = url.host
    default_port = 443 if url.scheme == "https" else 80
    name = f"[{host}]" if ":" in host else host
    host_header = name if url.port in (None, default_port) else f"{name}:{url.port}"
    # The certificate is checked against the name the caller registered, not the address.
    extensions = {"sni_hostname": host} if url.scheme == "https" and not _literal(host) else {}
    return Destination(url.copy_with(host=str(address)), host_header, extensions)
