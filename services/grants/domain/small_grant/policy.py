"""The yearly caps a municipality sets on small grants (art. 19a(2) and (4) of the Act)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from services.grants.domain.common.money import Money
from services.grants.domain.common.rules import breach, reject_if_any
from shared.contracts.grants import SmallGrantPolicySet
from shared.errors import FieldError

__all__ = [
    "STATUTORY_ORGANIZATION_CAP",
    "STATUTORY_POOL_SHARE",
    "SmallGrantPolicy",
    "set_small_grant_policy",
]

# Art. 19a(2) and (4): at most 20,000 PLN per organization a year, 20% of the planned grants.
STATUTORY_ORGANIZATION_CAP = Money.pln(20_000)
STATUTORY_POOL_SHARE = Decimal(20)


@dataclass(frozen=True)
class SmallGrantPolicy:
    """The caps a municipality sets for one budget year, within the statutory ones."""

    year: int
    organization_cap: Money
    pool_share_percent: Decimal
    planned_grants_total: Money

    @property
    def pool_cap(self) -> Money:
        """Return the most all small grants of the year may reach together."""
        return self.planned_grants_total.share(self.pool_share_percent)

    def errors(self) -> list[FieldError]:
        """Return the caps that go beyond what art. 19a allows."""
        found: list[FieldError] = []
        if not Money.pln(0) <= self.organization_cap <= STATUTORY_ORGANIZATION_CAP:
            found.append(
                breach(
                    "organization_cap",
                    f"Limit na organizację wynosi od 0 do {STATUTORY_ORGANIZATION_CAP} rocznie.",
                    f"The cap per organization is 0 to {STATUTORY_ORGANIZATION_CAP} a year.",
                    "cap-above-statutory",
                )
            )
        if not Decimal(0) <= self.pool_share_percent <= STATUTORY_POOL_SHARE:
            found.append(
                breach(
                    "pool_share_percent",
                    f"Udział małych grantów w puli dotacji wynosi od 0 do {STATUTORY_POOL_SHARE}%.",
                    f"Small grants take 0 to {STATUTORY_POOL_SHARE}% of the planned grants.",
                    "share-above-statutory",
                )
            )
        return found

    def breaches(
        self, amount: Money, *, organization_granted: Money, pool_granted: Money
    ) -> list[FieldError]:
        """Return the caps `amount` would break, given what was granted earlier in the year."""
        found: list[FieldError] = []
        cap = self.organization_cap
        if organization_granted + amount > cap:
            found.append(
                breach(
                    "amount",
                    f"Organizacja przekroczyłaby roczny limit małych grantów ({cap}).",
                    f"The organization would exceed its yearly small-grant cap ({cap}).",
                    "organization-cap-exceeded",
                )
            )
        if pool_granted + amount > self.pool_cap:
            found.append(
                breach(
                    "amount",
                    f"Małe granty przekroczyłyby roczną pulę ({self.pool_cap}).",
                    f"Small grants would exceed the year's pool ({self.pool_cap}).",
                    "pool-cap-exceeded",
                )
            )
        return found


def set_small_grant_policy(
    policy: SmallGrantPolicy, *, tenant_id: str, by: str, now: datetime
) -> SmallGrantPolicySet:
    """Check the caps a municipality sets for a year and return the event that records them."""
    reject_if_any(
        policy.errors(),
        "Limity małych grantów przekraczają ustawowe.",
        "The small-grant caps exceed the statutory ones.",
    )
    return SmallGrantPolicySet(
        small_grant_policy_id=f"{tenant_id}-{policy.year}",
        year=policy.year,
        organization_cap=policy.organization_cap.amount,
        pool_share_percent=policy.pool_share_percent,
        planned_grants_total=policy.planned_grants_total.amount,
        set_by=by,
        set_at=now,
    )
