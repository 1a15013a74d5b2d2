"""Pages rendered over scripted backends and in-memory sessions: no services, no database."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.portal.fakes import FakePortal, fake_portal


@pytest.fixture
async def portal() -> AsyncIterator[FakePortal]:
    """The portal over fakes; the header's unread count answers 0 unless a test says else."""
    async with fake_portal() as running:
        running.backends.answer("unread_count", {"unread": 0})
        yield running
