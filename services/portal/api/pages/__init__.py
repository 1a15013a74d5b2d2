"""The portal's pages, one router per area."""

from services.portal.api.pages import (
    account,
    agreements,
    competitions,
    consultations,
    dashboard,
    home,
    index_rounds,
    links,
    notice_targets,
    notices,
    offer_steps,
    offers,
    organizations,
    registration,
    reports,
    sign_in,
    small_grant_offers,
    small_grants,
    subscriptions,
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
    registration.router,
    agreements.router,
    reports.router,
    index_rounds.router,
    subscriptions.router,
    notice_targets.router,
]

__all__ = ["ROUTERS"]
