"""Consultations close on time by themselves: the periodic job, not a person, closes them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from shared.contracts.consultations import CONSULTATION_TOPIC
from tests.consultations.conftest import Headers, events_about, open_consultation
from tests.support.http import ok
from tests.support.polling import eventually
from tests.support.services import ServiceClient


class TestClosingOnTime:
    async def test_the_periodic_job_closes_a_consultation_at_its_end(
        self, consultations: ServiceClient, officer: Headers
    ) -> None:
        ends_at = datetime.now(UTC) + timedelta(seconds=1)
        consultation = await open_consultation(
            consultations,
            officer,
            ends_at=ends_at.isoformat(),
            forms={"written_comments": True},
        )
        path = f"/consultations/{consultation['id']}"

        async def closed() -> dict[str, Any]:
            found: dict[str, Any] = ok(await consultations.get(path, headers=officer))
            assert found["state"] == "closed"
            return found

        found = await eventually(closed, timeout=15)

        assert datetime.fromisoformat(found["closed_at"]) >= ends_at

        async def announced() -> None:
            events = await events_about(consultations, CONSULTATION_TOPIC, {consultation["id"]})
            assert events[-1][0] == "pl.ngo.consultations.consultation.closed"

        await eventually(announced)

    async def test_a_running_consultation_stays_open(
        self, consultations: ServiceClient, officer: Headers
    ) -> None:
        consultation = await open_consultation(consultations, officer)

        await consultations.app.state.services.consultations.close_due()

        found = ok(await consultations.get(f"/consultations/{consultation['id']}", headers=officer))
        assert found["state"] == "open"
