"""Pages of my offers and my comments: the portal follows the services' next-page cursor."""

from __future__ import annotations

import html
import re

from services.portal.api.pages.consultations import COMMENTS_PER_PAGE
from services.portal.api.pages.dashboard import OFFERS_PER_PAGE
from tests.grants.scene import Scene
from tests.portal.api.test_member_pages import _open_consultation
from tests.portal.conftest import Backends, PortalClient
from tests.support.auth import TokenFactory, bearer

_OFFER_LINKS = re.compile(r'href="/offers/([^"/]+)"')
_COMMENT_TEXTS = re.compile(r"Uwaga numer (\d+)\.")


def _next_href(page: str, text: str) -> str:
    found = re.search(rf'<a href="([^"]+)">{text}</a>', page)
    assert found, f"no link {text!r}"
    return html.unescape(found.group(1))


class TestMyOffersPages:
    async def test_the_dashboard_leads_to_the_next_offers(
        self, portal: PortalClient, scene: Scene
    ) -> None:
        ngo = await scene.ngo()
        competition = await scene.announced()
        made = [(await scene.offer(ngo, competition))["id"] for _ in range(OFFERS_PER_PAGE + 1)]
        await portal.sign_in(f"ngo-{ngo.id}")

        first = await portal.get("/dashboard")
        second = await portal.get(_next_href(first.text, "Następne oferty"))

        shown = _OFFER_LINKS.findall(first.text) + _OFFER_LINKS.findall(second.text)
        assert shown == list(reversed(made))  # newest first, each once
        assert "Następne oferty" not in second.text


class TestMyCommentsPages:
    async def test_the_consultation_leads_to_my_next_comments(
        self, portal: PortalClient, backends: Backends, token: TokenFactory, tenant_id: str
    ) -> None:
        consultation = await _open_consultation(backends, token, tenant_id)
        resident = bearer(token(tenant_id=tenant_id, roles=[], subject="demo-resident"))
        for number in range(COMMENTS_PER_PAGE + 1):
            body = {
                "section_number": 1,
                "proposed_wording": "Partnerstwo i seniorzy.",
                "justification": f"Uwaga numer {number}.",
            }
            answer = await backends["consultations"].post(
                f"/consultations/{consultation['id']}/comments", json=body, headers=resident
            )
            assert answer.status_code == 201, answer.text
        path = f"/municipalities/{tenant_id}/consultations/{consultation['id']}"
        await portal.sign_in("resident")

        first = await portal.get(path)
        second = await portal.get(_next_href(first.text, "Następne uwagi"))

        shown = _COMMENT_TEXTS.findall(first.text) + _COMMENT_TEXTS.findall(second.text)
        assert shown == [str(n) for n in range(COMMENTS_PER_PAGE + 1)]
        assert "Następne uwagi" not in second.text
