"""The portal's pages, one router per area."""

from services.portal.pages import (
    account,
    competitions,
    consultations,
    dashboard,
    home,
    links,
    notices,
    organizations,
    sign_in,
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
]

__all__ = ["ROUTERS"]
