"""Every backend route the portal calls; a test checks each against the service's OpenAPI."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

__all__ = ["ROUTES", "Route"]


@dataclass(frozen=True)
class Route:
    """One operation of one service: method and path template as in its OpenAPI document."""

    service: str
    method: str
    template: str

    def path(self, **parameters: Any) -> str:
        """Return the path with its parameters filled in (each must be a safe segment)."""
        for value in parameters.values():
            # An id from a URL must not walk to another route: one segment, no tricks.
            text = str(value)
            if not text or "/" in text or text in {".", ".."}:
                raise ValueError(f"unsafe path parameter {text!r}")
        return self.template.format(**{k: quote(str(v), safe="") for k, v in parameters.items()})


def _route(service: str, method: str, template: str) -> Route:
    return Route(service, method, template)


ROUTES = {
    "public_organizations": _route("registry", "GET", "/public/organizations"),
    "public_organization": _route("registry", "GET", "/public/organizations/{organization_id}"),
    "public_organizations_csv": _route("registry", "GET", "/public/organizations.csv"),
    "public_organizations_atom": _route(
        "registry", "GET", "/public/municipalities/{municipality_id}/organizations.atom"
    ),
    "organization": _route("registry", "GET", "/organizations/{organization_id}"),
    "change_organization": _route("registry", "PATCH", "/organizations/{organization_id}"),
    "open_competitions": _route(
        "grants", "GET", "/public/municipalities/{municipality_id}/competitions"
    ),
    "competitions_atom": _route(
        "grants", "GET", "/public/municipalities/{municipality_id}/competitions.atom"
    ),
    "my_offers": _route("grants", "GET", "/offers"),
    "public_small_grants": _route(
        "grants", "GET", "/public/municipalities/{municipality_id}/small-grants"
    ),
    "comment_small_grant": _route(
        "grants",
        "POST",
        "/public/municipalities/{municipality_id}/small-grants/{small_grant_id}/comments",
    ),
    "public_consultations": _route(
        "consultations", "GET", "/public/municipalities/{tenant_id}/consultations"
    ),
    "public_consultation": _route(
        "consultations", "GET", "/public/municipalities/{tenant_id}/consultations/{consultation_id}"
    ),
    "public_report": _route(
        "consultations",
        "GET",
        "/public/municipalities/{tenant_id}/consultations/{consultation_id}/report",
    ),
    "comments": _route("consultations", "GET", "/consultations/{consultation_id}/comments"),
    "comment": _route("consultations", "POST", "/consultations/{consultation_id}/comments"),
    "inbox": _route("notifications", "GET", "/inbox"),
    "unread_count": _route("notifications", "GET", "/inbox/unread-count"),
    "mark_read": _route("notifications", "POST", "/inbox/{item_id}/read"),
    "competition": _route("grants", "GET", "/competitions/{competition_id}"),
    "draft_offer": _route("grants", "POST", "/competitions/{competition_id}/offers"),
    "offer": _route("grants", "GET", "/offers/{offer_id}"),
    "revise_offer": _route("grants", "PUT", "/offers/{offer_id}"),
    "check_offer": _route("grants", "POST", "/offers/{offer_id}/checks"),
    "submit_offer": _route("grants", "POST", "/offers/{offer_id}/submission"),
    "offer_document": _route("grants", "GET", "/offers/{offer_id}/document"),
    "send_small_grant": _route("grants", "POST", "/small-grants"),
    "my_small_grants": _route("grants", "GET", "/small-grants"),
    "register_organization": _route("registry", "POST", "/organizations"),
    "my_registrations": _route("registry", "GET", "/registrations"),
    "agreements": _route("grants", "GET", "/agreements"),
    "agreement": _route("grants", "GET", "/agreements/{agreement_id}"),
    "agreement_reports": _route("grants", "GET", "/agreements/{agreement_id}/reports"),
    "draft_report": _route("grants", "POST", "/agreements/{agreement_id}/reports"),
    "report": _route("grants", "GET", "/reports/{report_id}"),
    "revise_report": _route("grants", "PUT", "/reports/{report_id}"),
    "submit_report": _route("grants", "POST", "/reports/{report_id}/submission"),
    "index_catalogue": _route("consultations", "GET", "/index/catalogue"),
    "index_rounds": _route("consultations", "GET", "/index-rounds"),
    "index_round": _route("consultations", "GET", "/index-rounds/{round_id}"),
    "submit_scorecard": _route("consultations", "PUT", "/index-rounds/{round_id}/scorecard"),
    "my_subscription": _route("notifications", "GET", "/subscriptions/me"),
    "change_subscription": _route("notifications", "PUT", "/subscriptions/me"),
    "reset_subscription": _route("notifications", "DELETE", "/subscriptions/me"),
    "webhook_endpoint": _route("notifications", "GET", "/webhooks/endpoints/{endpoint_id}"),
    "published_results": _route(
        "grants", "GET", "/public/municipalities/{municipality_id}/results"
    ),
    "public_index_round": _route(
        "consultations", "GET", "/public/municipalities/{tenant_id}/index-rounds/{round_id}"
    ),
}
