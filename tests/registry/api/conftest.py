"""Fixtures of the registry's route tests (the shared ones are in tests/registry/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.registry.conftest import _ADMIN, Headers


@pytest.fixture(autouse=True)
def _helpers_admin(admin: Headers) -> Iterator[None]:
    """Let `register` onboard the tenants it registers in (tests name tenants freely)."""
    _ADMIN.update(admin)
    yield
    _ADMIN.clear()  # elsewhere (tests/security) callers onboard their tenants themselves
