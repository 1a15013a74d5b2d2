"""The portal's composition root: its settings in, its process-wide resources out, once."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping

import httpx

from services.portal.adapters.backend import Backends
from services.portal.adapters.oidc import OidcClient
from services.portal.api.deps import PortalState
from services.portal.repository.sessions import SessionDocuments
from services.portal.services.sessions import SessionStore
from services.portal.settings import PortalSettings
from shared.clock import SYSTEM_CLOCK, Clock
from shared.composition import Composition
from shared.mongo import connect

__all__ = ["PortalComposition", "bootstrap"]

# No Kafka, workers or jobs: the portal's composition has its resources, start-up and closers.
PortalComposition = Composition[PortalState]


def bootstrap(
    settings: PortalSettings,
    *,
    transports: Mapping[str, httpx.AsyncBaseTransport] | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> PortalComposition:
    """Build the backend clients, the session store and the sign-in client from settings."""
    mongo = connect(settings.mongodb_uri)
    backends = Backends(
        settings.backend_urls(),
        timeout=settings.backend_timeout_seconds,
        transports=transports,
    )
    documents = SessionDocuments(mongo[settings.mongodb_database])
    sessions = SessionStore(documents, settings.session_ttl_seconds, clock)
    oidc = OidcClient(settings, clock) if settings.oidc_issuer else None

    async def purge_expired_sessions() -> None:
        with contextlib.suppress(Exception):  # a store still starting must not stop the portal
            await sessions.purge_expired()

    return Composition(
        services=PortalState(settings, backends, sessions, mongo, oidc, clock),
        startup=(purge_expired_sessions,),
        closers=(backends.close, mongo.close),
    )
