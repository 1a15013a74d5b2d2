"""A resolver with scripted answers, so DNS tests need no network."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass, field

from services.notifications.domain.webhooks import IpAddress


@dataclass
class FakeDns:
    """Answers names it was told about; each new answer replaces the old (rebinding)."""

    records: dict[str, list[IpAddress]] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)

    def answer(self, name: str, *addresses: str) -> None:
        """Make `name` resolve to `addresses` from now on."""
        self.records[name] = [ipaddress.ip_address(a) for a in addresses]

    async def resolve(self, host: str, port: int) -> list[IpAddress]:
        """Return the addresses of a known name; fail like the system for others."""
        self.asked.append(host)
        if host not in self.records:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return list(self.records[host])
