"""Who may open which signed-in page: the portal refuses before asking any service.

Each allowed caller is shown to pass the portal's own check by the page's first backend call
(made with their token); the service is scripted down, so no page body needs scripting.
"""

from __future__ import annotations

import pytest

from services.portal.domain.session import User
from tests.portal.fakes import FakePortal, user

TENANT = "0264011"
RESIDENT = user(TENANT, token="resident-token")
MEMBER = user(TENANT, "ngo_member", organization_id="org-1", token="member-token")
MEMBER_WITHOUT_ORGANIZATION = user(TENANT, "ngo_member", token="orphan-token")
OFFICER = user(TENANT, "tenant_officer", token="officer-token")
CALLERS = {
    "resident": RESIDENT,
    "ngo_member": MEMBER,
    "ngo_member_without_organization": MEMBER_WITHOUT_ORGANIZATION,
    "tenant_officer": OFFICER,
}
NGO_OR_OFFICER = {"ngo_member", "ngo_member_without_organization", "tenant_officer"}
ORGANIZATION_MEMBER = {"ngo_member"}
# page, the backend route it asks first, who may open it
PAGES = [
    ("/agreements", "agreements", NGO_OR_OFFICER),
    ("/agreements/a-1", "agreement", NGO_OR_OFFICER),
    ("/offers/o-1", "offer", NGO_OR_OFFICER),
    ("/offers/o-1/steps/task", "offer", ORGANIZATION_MEMBER),
    ("/reports/r-1", "report", NGO_OR_OFFICER),
    ("/index-rounds", "index_rounds", NGO_OR_OFFICER),
    ("/organization/edit", "organization", ORGANIZATION_MEMBER),
    ("/small-grants/mine", "my_small_grants", ORGANIZATION_MEMBER),
]
CASES = [
    pytest.param(path, route, caller, caller in allowed, id=f"{path}-{caller}")
    for path, route, allowed in PAGES
    for caller in CALLERS
]


@pytest.mark.parametrize(("path", "route", "caller", "allowed"), CASES)
async def test_a_page_is_opened_only_by_its_roles(
    portal: FakePortal, path: str, route: str, caller: str, allowed: bool
) -> None:
    who = CALLERS[caller]
    portal.backends.down(route)
    await portal.sign_in(who)

    answer = await portal.client.get(path)

    if allowed:
        assert answer.status_code == 503, answer.text
        first = portal.backends.calls[0]
        assert (first.name, first.token) == (route, who.token)
    else:
        assert answer.status_code == 403 and "Brak dostępu" in answer.text
        assert portal.backends.calls == []


class TestIndexRound:
    @pytest.mark.parametrize("who", [MEMBER, OFFICER], ids=["ngo_member", "tenant_officer"])
    async def test_a_participant_reads_the_round_itself(
        self, portal: FakePortal, who: User
    ) -> None:
        portal.backends.down("index_round")
        await portal.sign_in(who)

        await portal.client.get("/index-rounds/r-1")

        assert portal.backends.calls[0].path == {"round_id": "r-1"}
        assert portal.backends.calls[0].name == "index_round"

    async def test_a_resident_reads_the_published_result_of_their_municipality(
        self, portal: FakePortal
    ) -> None:
        portal.backends.down("public_index_round")
        await portal.sign_in(RESIDENT)

        await portal.client.get("/index-rounds/r-1")

        first = portal.backends.calls[0]
        assert first.name == "public_index_round"
        assert first.path == {"tenant_id": TENANT, "round_id": "r-1"}


class TestRegistrationForm:
    async def test_an_officer_may_not_register_an_organization(self, portal: FakePortal) -> None:
        await portal.sign_in(OFFICER)

        answer = await portal.client.get("/registrations/new")

        assert answer.status_code == 403

    async def test_a_member_gets_the_form_without_any_call(self, portal: FakePortal) -> None:
        await portal.sign_in(MEMBER, language="en")

        answer = await portal.client.get("/registrations/new")

        assert answer.status_code == 200
        assert [call.name for call in portal.backends.calls] == ["unread_count"]
