"""Fixtures of the registry's route tests (the shared ones are in tests/registry/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.registry.conftest import _ADMIN


@pytest.fixture(autouse=True)
def _helpers_admin(request: pytest.FixtureRequest) -> Iterator[None]:
    """Let `register` onboard the tenants it registers in (tests name tenants freely)."""
    if "registry" not in request.fixturenames:  # no service: no token to mint, nothing to help
        yield
        return
    _ADMIN.update(request.getfixturevalue("admin"))
    yield
    _ADMIN.clear()  # elsewhere (tests/security) callers onboard their tenants themselves
