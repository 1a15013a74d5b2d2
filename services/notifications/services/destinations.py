"""Where webhooks may go: https URLs whose host resolves to public addresses only (SSRF)."""

from __future__ import annotations

import asyncio
import ipaddress
import socket

from services.notifications.domain.webhooks import IpAddress, address_refusal, parse_destination
from shared.errors import InvalidInput

__all__ = ["DestinationGuard"]


class DestinationGuard:
    """Resolves an endpoint's host and refuses it if any address is not a public one."""

    def __init__(self, *, allow_private: bool, require_https: bool) -> None:
        self._allow_private = allow_private
        self._require_https = require_https

    async def check(self, url: str) -> None:
        """Raise InvalidInput naming the URL field if the service must not call it."""
        host, port = parse_destination(url, require_https=self._require_https)
        for address in await self._resolve(host, port):
            reason = address_refusal(address, allow_private=self._allow_private)
            if reason is not None:
                raise InvalidInput.for_field(
                    "body.url",
                    f"Adres {host} wskazuje na {reason.pl} ({address}); takie są niedozwolone.",
                    f"The host {host} resolves to {reason.en} ({address}); not allowed.",
                    code="address-not-allowed",
                )

    @staticmethod
    async def _resolve(host: str, port: int) -> list[IpAddress]:
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as error:
            raise InvalidInput.for_field(
                "body.url",
                f"Nie można odnaleźć serwera {host}.",
                f"The host {host} does not resolve.",
                code="host-unknown",
            ) from error
        # Scope ids (fe80::1%eth0) are not part of the address.
        return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
