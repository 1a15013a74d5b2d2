"""Process-wide resources of the portal, built in the lifespan and reached from requests."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from services.portal.adapters.backend import Backends
from services.portal.adapters.oidc import OidcClient
from services.portal.domain.session import Session
from services.portal.services.sessions import SessionStore
from services.portal.settings import PortalSettings
from shared.clock import SYSTEM_CLOCK, Clock
from shared.mongo import MongoClient

__all__ = ["PortalState", "mark_changed", "portal", "session_of"]


@dataclass(frozen=True)
class PortalState:
    """Settings, the backend clients, the session store, the sign-in client and the clock."""

    settings: PortalSettings
    backends: Backends
    sessions: SessionStore
    mongo: MongoClient
    oidc: OidcClient | None = None
    clock: Clock = SYSTEM_CLOCK


def portal(request: Request) -> PortalState:
    """Return the portal's resources."""
    state: PortalState = request.app.state.portal
    return state


def session_of(request: Request) -> Session:
    """Return the browser's session (the session middleware always sets one)."""
    session: Session = request.state.session
    return session


def mark_changed(request: Request) -> None:
    """Have the session middleware store the session after the answer is made."""
    request.state.session_changed = True
