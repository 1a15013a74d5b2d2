"""A webhook call as it leaves: signed per Standard Webhooks, sent to the checked address only."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx
from standardwebhooks import Webhook

from services.notifications.adapters.destinations import Destination
from services.notifications.adapters.webhook_http import USER_AGENT, WebhookHttp
from services.notifications.domain.webhooks import Endpoint, EventFilter, new_secret
from shared.errors import InvalidInput
from tests.support.clock import FixedClock

SENT_AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class PinningGuard:
    """Checks an endpoint by answering the address it was pinned to (or refusing)."""

    def __init__(self, refuse: bool = False) -> None:
        self.refuse = refuse

    async def check(self, url: str) -> Destination:
        if self.refuse:
            raise InvalidInput.for_field("url", "Prywatny adres.", "A private address.", "url")
        return Destination(httpx.URL("http://192.0.2.10:8443/in"), "hooks.example.org")


def endpoint(secret: str) -> Endpoint:
    return Endpoint(
        id="endpoint-1",
        tenant_id="1261011",
        url="https://hooks.example.org/in",
        description="",
        event_filter=EventFilter(("*",)),
        secret=secret,
        owner="owner",
        enabled=True,
        consecutive_failures=0,
        created_at=SENT_AT,
    )


async def test_the_call_is_signed_and_goes_to_the_checked_address() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(204)

    secret, payload = new_secret(), json.dumps({"type": "pl.ngo.test"})
    # Now, not at import: the receiver refuses a timestamp more than five minutes old.
    sent_at = datetime.now(UTC).replace(microsecond=0)
    async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as client:
        http = WebhookHttp(client, PinningGuard(), FixedClock(sent_at))  # type: ignore[arg-type]
        outcome = await http.call(endpoint(secret), "msg_1", payload)

    assert (outcome.ok, outcome.status_code) == (True, 204)
    [request] = seen
    assert str(request.url) == "http://192.0.2.10:8443/in"
    assert request.headers["host"] == "hooks.example.org"
    assert request.headers["user-agent"] == USER_AGENT
    assert request.headers["webhook-timestamp"] == str(int(sent_at.timestamp()))
    # What a receiver does with the secret it was given: raises unless the signature holds.
    assert Webhook(secret).verify(request.content, dict(request.headers)) == {"type": "pl.ngo.test"}


async def test_an_error_status_is_a_failed_outcome_with_the_answer_kept() -> None:
    async with httpx.AsyncClient(
        transport=httpx.MockTransport(lambda request: httpx.Response(503, text="busy"))
    ) as client:
        http = WebhookHttp(client, PinningGuard(), FixedClock(SENT_AT))  # type: ignore[arg-type]
        outcome = await http.call(endpoint(new_secret()), "msg_1", "{}")

    assert (outcome.ok, outcome.status_code, outcome.error, outcome.answer) == (
        False,
        503,
        "HTTP 503",
        "busy",
    )


async def test_a_refused_destination_is_never_called() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        raise AssertionError("called a refused destination")

    async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as client:
        http = WebhookHttp(client, PinningGuard(refuse=True), FixedClock(SENT_AT))  # type: ignore[arg-type]
        outcome = await http.call(endpoint(new_secret()), "msg_1", "{}")

    assert outcome.ok is False
    assert outcome.error == "refused: A private address."
