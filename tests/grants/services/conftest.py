"""Fixtures of the fast use-case tests: grants over in-memory stores, no servers."""

from __future__ import annotations

import pytest

from services.grants.domain.applicant import Applicant
from tests.grants.domain.factories import TENANT
from tests.grants.fakes import World


@pytest.fixture
def world() -> World:
    """Grants with two active organizations of the test's municipality known (org-a, org-b)."""
    made = World()
    for organization_id in ("org-a", "org-b"):
        made.applicants.add(Applicant(organization_id, TENANT, f"Fundacja {organization_id}"))
    return made
