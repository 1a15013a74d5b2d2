"""The portal's composition root: its settings in, its process-wide resources out, once."""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass

import httpx

from services.portal.adapters.backend import Backends
from services.portal.adapters.oidc import OidcClient
from services.portal.api.deps import PortalState
from services.portal.repository.sessions import SessionDocuments
from services.portal.services.sessions import SessionStore
from services.portal.settings import PortalSettings
from shared.mongo import connect

__all__ = ["PortalComposition", "bootstrap"]


@dataclass(frozen=True)
class PortalComposition:
    """The portal's resources, what runs at start and what closes them at the end."""

    state: PortalState
    startup: Sequence[Callable[[], Awaitable[object]]] = ()
    closers: Sequence[Callable[[], Awaitable[None]]] = ()

    async def start(self) -> None:
        """Run the start-up steps in order."""
        for step in self.startup:
            await step()

    async def close(self) -> None:
        """Close every resource, in order."""
        for closer in self.closers:
            await closer()


def bootstrap(
    settings: PortalSettings,
    *,
    transports: Mapping[str, httpx.AsyncBaseTransport] | None = None,
) -> PortalComposition:
    """Build the backend clients, the session store and the sign-in client from settings."""
    mongo = connect(settings.mongodb_uri)
    backends = Backends(
        settings.backend_urls(),
        timeout=settings.backend_timeout_seconds,
        transports=transports,
    )
    sessions = SessionStore(
        SessionDocuments(mongo[settings.mongodb_database]), settings.session_ttl_seconds
    )
    oidc = OidcClient(settings) if settings.oidc_issuer else None

    async def purge_expired_sessions() -> None:
        with contextlib.suppress(Exception):  # a store still starting must not stop the portal
            await sessions.purge_expired()

    return PortalComposition(
        state=PortalState(settings, backends, sessions, mongo, oidc),
        startup=(purge_expired_sessions,),
        closers=(backends.close, mongo.close),
    )
