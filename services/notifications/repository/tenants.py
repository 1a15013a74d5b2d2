"""The municipalities and centres known here, from the registry's tenant events."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from pymongo import IndexModel

from shared.directory import TenantStore

__all__ = ["Tenants"]


class Tenants(TenantStore):
    """Tenants by id, in this service's `tenants` collection (as before the shared store)."""

    collection_name = "tenants"
    # Read by id only here: the collection keeps no secondary index, as before.
    indexes: ClassVar[Sequence[IndexModel]] = ()
