"""Assemble the consultations service."""

from __future__ import annotations

from fastapi import FastAPI

from services.consultations.api import consultations, index, monitoring, participation, public
from services.consultations.bootstrap import Composed
from services.consultations.repository import REPOSITORIES
from services.consultations.settings import ConsultationsSettings
from shared.contracts.consultations import TOPICS
from shared.http.app import create_service_app
from shared.runtime import ServiceSpec
from shared.search.http import rebuild_router
from shared.search.projector import with_search


def create_app(settings: ConsultationsSettings | None = None) -> FastAPI:
    """Build the consultations app from settings (read from the environment by default)."""
    composed = Composed()
    spec = ServiceSpec(produces=list(TOPICS), repositories=REPOSITORIES, effects=composed.effects)
    return create_service_app(
        settings or ConsultationsSettings(),
        spec,
        title="Consultations",
        description=(
            "Social consultations with comments, answers and public reports; the Local "
            "Cooperation Quality Index; monitoring of NGO participation and the yearly report "
            "on the cooperation programme."
        ),
        routers=[
            consultations.router,
            participation.router,
            public.router,
            index.router,
            monitoring.router,
            rebuild_router(),
        ],
        wire=composed.services,
        background=with_search(composed.background),
    )
