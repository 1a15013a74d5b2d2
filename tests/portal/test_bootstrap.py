"""The portal's composition root builds its resources once, and runs and closes them in order."""

from __future__ import annotations

import pytest

from services.portal.adapters.backend import Backends
from services.portal.bootstrap import PortalComposition, bootstrap
from services.portal.settings import PortalSettings
from shared.composition import running
from tests.support.clock import FixedClock


def settings(**overrides: object) -> PortalSettings:
    return PortalSettings(deployment="development", log_level="WARNING", **overrides)


class TestBootstrap:
    async def test_builds_the_resources_with_the_given_clock_and_no_sign_in_client(
        self,
    ) -> None:
        clock = FixedClock()

        composition = bootstrap(settings(), clock=clock)

        state = composition.services
        assert state.clock is clock and state.oidc is None
        assert isinstance(state.backends, Backends)
        assert state.sessions.ttl_seconds == state.settings.session_ttl_seconds
        assert len(composition.startup) == 1 and len(composition.closers) == 2
        for close in composition.closers:  # nothing was connected: closing is immediate
            await close()

    async def test_an_issuer_gives_a_sign_in_client(self) -> None:
        composition = bootstrap(settings(oidc_issuer="http://127.0.0.1:1/realms/ngo"))

        assert composition.services.oidc is not None
        for close in composition.closers:
            await close()


class TestRunning:
    async def test_starts_in_order_and_closes_in_order_even_after_a_failure(self) -> None:
        happened: list[str] = []

        def step(name: str):
            async def run() -> None:
                happened.append(name)

            return run

        composition = PortalComposition(
            services="state",  # type: ignore[arg-type]
            startup=(step("first"), step("second")),
            closers=(step("close backends"), step("close mongo")),
        )

        with pytest.raises(RuntimeError):
            async with running(composition) as state:
                assert state == "state"
                happened.append("serving")
                raise RuntimeError("a page failed the whole app")

        assert happened == ["first", "second", "serving", "close backends", "close mongo"]
