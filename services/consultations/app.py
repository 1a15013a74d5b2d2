"""Assemble the consultations service."""

from __future__ import annotations

from functools import partial

from fastapi import FastAPI

from services.consultations.api import consultations, index, monitoring, participation, public
from services.consultations.bootstrap import SPEC, bootstrap
from services.consultations.settings import ConsultationsSettings
from shared.clock import SYSTEM_CLOCK, Clock
from shared.http.app import create_service_app
from shared.search.http import rebuild_router


def create_app(
    settings: ConsultationsSettings | None = None, *, clock: Clock = SYSTEM_CLOCK
) -> FastAPI:
    """Build the consultations app from settings (read from the environment by default)."""
    return create_service_app(
        settings or ConsultationsSettings(),
        SPEC,
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
        bootstrap=partial(bootstrap, clock=clock),
    )
