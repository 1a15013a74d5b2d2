"""The public benefit council as the municipality keeps it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.consultations.domain.consultation.council import COUNCIL_MAX, PublicBenefitCouncil
from shared.contracts.consultations import CouncilMembershipChanged
from shared.errors import InvalidInput

from .factories import OFFICER, TENANT

NOW = datetime(2025, 9, 1, 9, 0, tzinfo=UTC)


class TestSetMembers:
    def test_replaces_the_list_and_announces_only_the_count(self) -> None:
        council = PublicBenefitCouncil(TENANT)
        assert council.set_members([" a ", "b"], changed_by=OFFICER, now=NOW) is True
        assert council.is_member("a") and not council.is_member("c")
        (event,) = council.events
        assert isinstance(event, CouncilMembershipChanged)
        assert (event.council_id, event.members) == (TENANT, 2)

    def test_an_unchanged_list_is_no_change(self) -> None:
        council = PublicBenefitCouncil(TENANT, members=frozenset({"a"}))
        assert council.set_members(["a"], changed_by=OFFICER, now=NOW) is False
        assert council.events == []

    def test_names_an_empty_member_and_too_many(self) -> None:
        with pytest.raises(InvalidInput) as empty:
            PublicBenefitCouncil(TENANT).set_members(["a", ""], changed_by=OFFICER, now=NOW)
        with pytest.raises(InvalidInput) as crowd:
            PublicBenefitCouncil(TENANT).set_members(
                [f"m{i}" for i in range(COUNCIL_MAX + 1)], changed_by=OFFICER, now=NOW
            )
        assert [e.field for e in empty.value.errors] == ["members.1"]
        assert crowd.value.errors[0].field == "members"
