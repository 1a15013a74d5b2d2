"""Names that keep one test's databases, topics and consumer groups apart from another's."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass

__all__ = ["RUN_ID", "Namespace", "new_namespace", "new_tenant_id"]

RUN_ID = uuid.uuid4().hex[:6]
_namespaces = itertools.count(1)
_tenants = itertools.count(1)
_VOIVODESHIPS = ("02", "04", "06", "12", "14", "22", "24", "30", "32")


@dataclass(frozen=True)
class Namespace:
    """A unique suffix; databases, topics and groups named from it are the test's own."""

    suffix: str

    @property
    def topic_prefix(self) -> str:
        """Return the prefix of every topic the test's services use."""
        return f"t{self.suffix}."

    def database(self, service: str) -> str:
        """Return the test's database of `service`."""
        return f"{service}_{self.suffix}"

    def consumer_group(self, service: str) -> str:
        """Return the test's consumer group of `service`."""
        return f"{service}-{self.suffix}"

    def topic(self, logical: str) -> str:
        """Return the physical name of a logical topic in this namespace."""
        return f"{self.topic_prefix}{logical}"


def new_namespace() -> Namespace:
    """Return a namespace no other test of any run uses."""
    return Namespace(f"{RUN_ID}{next(_namespaces)}")


def new_tenant_id() -> str:
    """Return a well-formed municipality TERYT code not used before in this session."""
    n = next(_tenants)
    voivodeship = _VOIVODESHIPS[n % len(_VOIVODESHIPS)]
    county, municipality = 1 + (n // 98) % 98, 1 + n % 98
    return f"{voivodeship}{county:02d}{municipality:02d}{1 + n % 3}"
