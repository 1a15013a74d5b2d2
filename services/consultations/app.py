"""Assemble the consultations service."""

from __future__ import annotations

from fastapi import FastAPI

from services.consultations.settings import ConsultationsSettings
from shared.http.app import create_service_app
from shared.runtime import ServiceSpec

SPEC = ServiceSpec()


def create_app(settings: ConsultationsSettings | None = None) -> FastAPI:
    """Build the consultations app from settings (read from the environment by default)."""
    return create_service_app(
        settings or ConsultationsSettings(),
        SPEC,
        title="Consultations",
        description="Social consultations, answers, reports and the cooperation-quality index.",
        routers=[],
        wire=lambda runtime: None,
    )
