"""Steps of the fast use-case tests: callers, and a competition walked through its use cases."""

from __future__ import annotations

from services.grants.services.agreements import Representatives
from shared.tenancy import Principal
from tests.grants.domain.factories import AFTER_DEADLINE, ALL_PASS, TENANT, content, pln, terms
from tests.grants.fakes import World
from tests.support.principals import person

__all__ = [
    "competition",
    "in_review",
    "member",
    "officer",
    "signed_agreement",
    "submitted_offer",
]


def member(organization_id: str = "org-a", tenant_id: str = TENANT) -> Principal:
    """Return a member of `organization_id`."""
    return person(tenant_id, "ngo_member", organization_id=organization_id)


def officer(tenant_id: str = TENANT) -> Principal:
    """Return an officer of `tenant_id`."""
    return person(tenant_id, "tenant_officer")


async def competition(world: World, *, announce: bool = True, tenant_id: str = TENANT) -> str:
    """Draft (and announce) a competition; return its id."""
    drafted = await world.competition_services.draft(officer(tenant_id), terms())
    if announce:
        await world.competition_services.announce(officer(tenant_id), drafted.id)
    return drafted.id


async def submitted_offer(
    world: World, organization_id: str = "org-a", competition_id: str | None = None
) -> tuple[str, str]:
    """Submit an offer of `organization_id`; return the competition's and the offer's ids."""
    competition_id = competition_id or await competition(world)
    offers = world.offer_services
    drafted = await offers.draft(member(organization_id), competition_id, content())
    await offers.submit(member(organization_id), drafted.offer.id)
    return competition_id, drafted.offer.id


async def in_review(world: World, competition_id: str, *accepted_offer_ids: str) -> None:
    """Pass the deadline, open the review and accept `accepted_offer_ids` formally."""
    world.clock.set(AFTER_DEADLINE)
    await world.competition_services.close_due()
    await world.competition_services.start_review(officer(), competition_id)
    for offer_id in accepted_offer_ids:
        await world.offer_services.review_formally(officer(), offer_id, ALL_PASS, None)


async def signed_agreement(world: World, organization_id: str = "org-a") -> tuple[str, str]:
    """Walk an offer to published results and a signed agreement; return the offer's and its id."""
    competition_id, offer_id = await submitted_offer(world, organization_id)
    await in_review(world, competition_id, offer_id)
    await world.result_services.decide_grant(officer(), competition_id, offer_id, pln(20_000))
    await world.result_services.publish(officer(), competition_id)
    agreement = await world.agreement_services.prepare(
        officer(),
        offer_id,
        representatives=Representatives(),
        task_period=None,
        partial_report_due_dates=[],
    )
    await world.agreement_services.sign(officer(), agreement.id)
    return offer_id, agreement.id
