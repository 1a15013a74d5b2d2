"""The registry's events keep grants' read model of organizations and tenants (idempotent)."""

from __future__ import annotations

from shared.directory.handlers import DIRECTORY_HANDLERS

__all__ = ["EVENT_HANDLERS"]

# Grants keeps the registry's organizations and tenants and does nothing more with them;
# bound to the directory use cases, whose `directory` names the two stores.
EVENT_HANDLERS = DIRECTORY_HANDLERS
