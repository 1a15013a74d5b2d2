"""Assemble the grants service."""

from __future__ import annotations

from functools import partial

from fastapi import FastAPI

from services.grants.api import (
    agreements,
    centre,
    committee,
    competitions,
    offer_checks,
    offers,
    public,
)
from services.grants.api import small_grants as small_grant_routes
from services.grants.bootstrap import SPEC, bootstrap
from services.grants.settings import GrantsSettings
from shared.clock import SYSTEM_CLOCK, Clock
from shared.http.app import create_service_app
from shared.search.http import rebuild_router


def create_app(settings: GrantsSettings | None = None, *, clock: Clock = SYSTEM_CLOCK) -> FastAPI:
    """Build the grants app from settings (read from the environment by default).

    Deadlines are judged by `clock`; tests pass one they move forward.
    """
    return create_service_app(
        settings or GrantsSettings(),
        SPEC,
        title="Grants",
        description=(
            "Open competitions for public tasks, from announcement to settlement: offers, "
            "formal review, committee, agreements, reports, small grants and public results."
        ),
        routers=[
            competitions.router,
            offers.router,
            committee.router,
            agreements.router,
            small_grant_routes.router,
            public.router,
            centre.router,
            offer_checks.router,
            rebuild_router(),
        ],
        bootstrap=partial(bootstrap, clock=clock),
    )
