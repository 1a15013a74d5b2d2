"""Assemble the grants service."""

from __future__ import annotations

from fastapi import FastAPI

from services.grants.settings import GrantsSettings
from shared.http.app import create_service_app
from shared.runtime import ServiceSpec

SPEC = ServiceSpec()


def create_app(settings: GrantsSettings | None = None) -> FastAPI:
    """Build the grants app from settings (read from the environment by default)."""
    return create_service_app(
        settings or GrantsSettings(),
        SPEC,
        title="Grants",
        description="Open competitions for public tasks, from announcement to settlement.",
        routers=[],
        wire=lambda runtime: None,
    )
