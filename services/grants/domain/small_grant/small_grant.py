"""Small grants outside competitions (art. 19a of the Act): simplified offers up to 10,000 PLN."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from services.grants.domain.agreement.agreement import Agreement, AgreementParty, AgreementSource
from services.grants.domain.agreement.preparation import prepare_agreement
from services.grants.domain.common.budget import Budget
from services.grants.domain.common.dates import DateRange, local_date
from services.grants.domain.common.money import Money
from services.grants.domain.common.rules import blank, breach, conflict, reject_if_any, require_text
from services.grants.domain.common.working_days import add_working_days
from services.grants.domain.offer.form import QuantitativeResult
from services.grants.domain.small_grant.policy import SmallGrantPolicy, set_small_grant_policy
from shared.context import new_id
from shared.contracts.base import EventContract
from shared.contracts.grants import (
    SmallGrantConcluded,
    SmallGrantDeclined,
    SmallGrantPublished,
    SmallGrantReceived,
)
from shared.errors import FieldError

__all__ = [
    "MAX_SMALL_GRANT",
    "MAX_TASK_DAYS",
    "SmallGrant",
    "SmallGrantForm",
    "SmallGrantPolicy",
    "SmallGrantState",
    "agreement_for_small_grant",
    "receive_small_grant",
    "set_small_grant_policy",
]

# Art. 19a(1): at most 10,000 PLN for a task of at most 90 days.
MAX_SMALL_GRANT = Money.pln(10_000)
MAX_TASK_DAYS = 90
# Art. 19a(3): published within 7 working days of receipt, for 7 days of comments.
PUBLICATION_WORKING_DAYS = 7
COMMENT_PERIOD = timedelta(days=7)


class SmallGrantState(StrEnum):
    """Where a small grant offer is in its life."""

    RECEIVED = "received"
    PUBLISHED = "published"
    DECLINED = "declined"
    CONCLUDED = "concluded"


@dataclass(frozen=True)
class SmallGrantForm:
    """The simplified offer: what, where, when, what for and at what cost."""

    title: str
    place: str
    description: str
    task_period: DateRange
    budget: Budget
    quantitative_results: tuple[QuantitativeResult, ...] = ()
    qualitative_results: tuple[str, ...] = ()

    def errors(self) -> list[FieldError]:
        """Return every part missing or beyond the limits of art. 19a(1)."""
        found: list[FieldError] = []
        for name in ("title", "place", "description"):
            found += blank(name, getattr(self, name))
        found += self.budget.errors()
        if self.budget.requested_grant > MAX_SMALL_GRANT:
            found.append(
                breach(
                    "budget.requested_grant",
                    f"Mały grant nie może przekroczyć {MAX_SMALL_GRANT} (art. 19a ust. 1 ustawy).",
                    f"A small grant cannot exceed {MAX_SMALL_GRANT} (art. 19a(1) of the Act).",
                    "small-grant-too-large",
                )
            )
        if self.task_period.days > MAX_TASK_DAYS:
            found.append(
                breach(
                    "task_period",
                    f"Zadanie w trybie art. 19a trwa najwyżej {MAX_TASK_DAYS} dni; "
                    f"podano {self.task_period.days}.",
                    f"A task under art. 19a lasts at most {MAX_TASK_DAYS} days; "
                    f"it lasts {self.task_period.days}.",
                    "small-grant-too-long",
                )
            )
        if not self.quantitative_results and not self.qualitative_results:
            found.append(
                breach(
                    "results",
                    "Podaj zakładane rezultaty zadania.",
                    "Give the results the task is expected to achieve.",
                    "results-empty",
                )
            )
        return found


@dataclass
class SmallGrant:
    """A simplified offer outside a competition, from receipt to agreement."""

    id: str
    tenant_id: str
    organization_id: str
    organization_name: str
    form: SmallGrantForm
    received_on: date
    state: SmallGrantState = SmallGrantState.RECEIVED
    published_at: datetime | None = None
    decline_reason: str | None = None
    agreement_id: str | None = None
    version: int = field(default=0, compare=False)
    events: list[EventContract] = field(default_factory=list, compare=False)

    @property
    def publication_due(self) -> date:
        """Return the last day to publish the offer: 7 working days after receipt."""
        return add_working_days(self.received_on, PUBLICATION_WORKING_DAYS)

    @property
    def comments_until(self) -> datetime | None:
        """Return the moment the comment period ends, once published."""
        return self.published_at + COMMENT_PERIOD if self.published_at else None

    def publication_overdue(self, today: date) -> bool:
        """Return whether the offer still waits for publication after its due day."""
        return self.state is SmallGrantState.RECEIVED and today > self.publication_due

    def publish(self, *, now: datetime) -> None:
        """Publish the offer for 7 days of comments (late publication is flagged, not refused)."""
        self._require(SmallGrantState.RECEIVED, pl="opublikować", en="publish")
        self.state, self.published_at = SmallGrantState.PUBLISHED, now
        self.events.append(
            SmallGrantPublished(
                small_grant_id=self.id,
                organization_id=self.organization_id,
                organization_name=self.organization_name,
                task_title=self.form.title,
                requested_grant=self.form.budget.requested_grant.amount,
                task_start=self.form.task_period.start,
                task_end=self.form.task_period.end,
                published_at=now,
                comments_until=now + COMMENT_PERIOD,
                published_late=local_date(now) > self.publication_due,
            )
        )

    def ensure_open_for_comments(self, now: datetime) -> None:
        """Raise Conflict unless the offer is published and its comment period still runs.

        Comments are kept apart from the offer (their own collection), so that however many
        there are, the offer can still be declined or concluded.
        """
        self._require(SmallGrantState.PUBLISHED, pl="komentować", en="comment on")
        if self.comments_until is None or now >= self.comments_until:
            raise conflict(
                "Okres zgłaszania uwag do oferty minął.",
                "The comment period of the offer is over.",
                comments_until=self.comments_until.isoformat() if self.comments_until else None,
            )

    def decline(self, reason: str, *, by: str, now: datetime) -> None:
        """Decline to fund the offer, telling the applicant why."""
        self._require(
            SmallGrantState.RECEIVED, SmallGrantState.PUBLISHED, pl="odrzucić", en="decline"
        )
        self.decline_reason = require_text(reason, "reason")
        self.state = SmallGrantState.DECLINED
        self.events.append(
            SmallGrantDeclined(
                small_grant_id=self.id,
                organization_id=self.organization_id,
                reason=self.decline_reason,
                declined_by=by,
                declined_at=now,
            )
        )

    def ensure_ready_for_agreement(self, now: datetime) -> None:
        """Raise Conflict unless the offer was published and its comment period is over."""
        self._require(SmallGrantState.PUBLISHED, pl="zawrzeć umowy dla", en="agree on")
        if self.comments_until is None or now < self.comments_until:
            raise conflict(
                "Umowę można zawrzeć dopiero po upływie 7 dni na uwagi.",
                "The agreement waits until the 7-day comment period is over.",
                comments_until=self.comments_until.isoformat() if self.comments_until else None,
            )

    def _conclude(self, agreement: Agreement, now: datetime) -> None:
        self.state, self.agreement_id = SmallGrantState.CONCLUDED, agreement.id
        self.events.append(
            SmallGrantConcluded(
                small_grant_id=self.id,
                organization_id=self.organization_id,
                agreement_id=agreement.id,
                amount=agreement.amount.amount,
                concluded_at=now,
            )
        )

    def _require(self, *allowed: SmallGrantState, pl: str, en: str) -> None:
        if self.state not in allowed:
            raise conflict(
                f"Nie można {pl} oferty w stanie „{self.state}”.",
                f"Cannot {en} an offer that is {self.state}.",
                state=self.state.value,
            )


def receive_small_grant(
    *,
    tenant_id: str,
    organization_id: str,
    organization_name: str,
    form: SmallGrantForm,
    received_at: datetime,
    small_grant_id: str | None = None,
) -> SmallGrant:
    """Register a simplified offer within the limits of art. 19a(1)."""
    reject_if_any(
        form.errors(),
        "Oferta nie spełnia warunków art. 19a ustawy.",
        "The offer does not meet art. 19a of the Act.",
    )
    grant = SmallGrant(
        id=small_grant_id or new_id(),
        tenant_id=tenant_id,
        organization_id=organization_id,
        organization_name=organization_name,
        form=form,
        received_on=local_date(received_at),
    )
    grant.events.append(
        SmallGrantReceived(
            small_grant_id=grant.id,
            organization_id=organization_id,
            task_title=form.title,
            requested_grant=form.budget.requested_grant.amount,
            received_on=grant.received_on,
            publication_due=grant.publication_due,
        )
    )
    return grant


def agreement_for_small_grant(
    small_grant: SmallGrant,
    policy: SmallGrantPolicy,
    *,
    parties: Sequence[AgreementParty],
    organization_granted: Money,
    pool_granted: Money,
    by: str,
    now: datetime,
    agreement_id: str | None = None,
) -> Agreement:
    """Prepare the agreement after the comment period, within the year's caps."""
    small_grant.ensure_ready_for_agreement(now)
    if policy.year != local_date(now).year:
        raise ValueError(f"policy of {policy.year} applied in {local_date(now).year}")
    amount = small_grant.form.budget.requested_grant
    reject_if_any(
        policy.errors(),
        "Limity małych grantów przekraczają ustawowe.",
        "The small-grant caps exceed the statutory ones.",
    )
    reject_if_any(
        policy.breaches(
            amount, organization_granted=organization_granted, pool_granted=pool_granted
        ),
        "Przekroczono roczne limity małych grantów.",
        "The yearly small-grant caps would be exceeded.",
    )
    agreement = prepare_agreement(
        tenant_id=small_grant.tenant_id,
        organization_id=small_grant.organization_id,
        source=AgreementSource(small_grant_id=small_grant.id),
        parties=parties,
        amount=amount,
        requested=amount,
        task_period=small_grant.form.task_period,
        budget=small_grant.form.budget,
        expected_results=small_grant.form.quantitative_results,
        by=by,
        now=now,
        agreement_id=agreement_id,
    )
    small_grant._conclude(agreement, now)
    return agreement
