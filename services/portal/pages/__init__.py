"""The portal's pages, one router per area."""

from services.portal.pages import (
    account,
    competitions,
    consultations,
    dashboard,
    home,
    links,
    notices,
    offer_steps,
    offers,
    organizations,
    sign_in,
    small_grant_offers,
    small_grants,
)

ROUTERS = [
    home.router,
    sign_in.router,
    organizations.router,
    competitions.router,
    small_grants.router,
    consultations.router,
    dashboard.router,
    account.router,
    notices.router,
    links.router,
    offers.router,
    offer_steps.router,
    small_grant_offers.router,
]

__all__ = ["ROUTERS"]
