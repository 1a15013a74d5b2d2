"""Preparing an agreement: from a resolved competition's offer, or from a small grant."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime

from services.grants.domain.agreement.agreement import (
    Agreement,
    AgreementParty,
    AgreementSource,
)
from services.grants.domain.common.budget import Budget, OwnContributionRule
from services.grants.domain.common.dates import DateRange
from services.grants.domain.common.money import Money
from services.grants.domain.common.rules import blank, breach, conflict, reject_if_any
from services.grants.domain.competition.competition import Competition, CompetitionState
from services.grants.domain.offer.form import QuantitativeResult
from services.grants.domain.offer.offer import Offer
from shared.context import new_id
from shared.contracts.grants import AgreementPrepared
from shared.errors import FieldError, InvalidInput, NotFound, Text

__all__ = ["agreement_for_offer", "prepare_agreement"]


def prepare_agreement(
    *,
    tenant_id: str,
    organization_id: str,
    source: AgreementSource,
    parties: Sequence[AgreementParty],
    amount: Money,
    requested: Money,
    task_period: DateRange,
    budget: Budget,
    expected_results: Sequence[QuantitativeResult] = (),
    own_contribution: OwnContributionRule | None = None,
    partial_report_due_dates: Sequence[date] = (),
    required_parties: Collection[str] = (),
    by: str,
    now: datetime,
    agreement_id: str | None = None,
) -> Agreement:
    """Prepare an agreement with checked parties and report dates, and record the event."""
    reject_if_any(
        _party_errors(parties, {organization_id, *required_parties})
        + _due_date_errors(task_period, partial_report_due_dates),
        "Umowa jest niekompletna.",
        "The agreement is incomplete.",
    )
    agreement = Agreement(
        id=agreement_id or new_id(),
        tenant_id=tenant_id,
        organization_id=organization_id,
        source=source,
        parties=tuple(parties),
        amount=amount,
        requested=requested,
        task_period=task_period,
        budget=budget,
        expected_results=tuple(expected_results),
        own_contribution=own_contribution,
        partial_report_due_dates=tuple(sorted(partial_report_due_dates)),
        prepared_by=by,
        prepared_at=now,
    )
    agreement.events.append(
        AgreementPrepared(
            agreement_id=agreement.id,
            organization_id=organization_id,
            competition_id=source.competition_id,
            offer_id=source.offer_id,
            small_grant_id=source.small_grant_id,
            amount=amount.amount,
            task_start=task_period.start,
            task_end=task_period.end,
            prepared_by=by,
            prepared_at=now,
        )
    )
    return agreement


def agreement_for_offer(
    competition: Competition,
    offer: Offer,
    *,
    parties: Sequence[AgreementParty],
    by: str,
    now: datetime,
    task_period: DateRange | None = None,
    partial_report_due_dates: Sequence[date] = (),
    agreement_id: str | None = None,
) -> Agreement:
    """Prepare the agreement for an offer granted in a resolved competition."""
    if offer.competition_id != competition.id:
        raise NotFound(detail=Text("Nie ma takiej oferty w konkursie.", "No such offer."))
    amount = competition.granted_amount(offer.id)
    resolved = competition.state in (CompetitionState.RESOLVED, CompetitionState.ARCHIVED)
    if not resolved or amount is None or amount.amount <= 0:
        raise conflict(
            "Umowę zawiera się z oferentem, któremu przyznano dotację w ogłoszonych wynikach.",
            "An agreement follows a grant awarded in published results.",
            offer_id=offer.id,
        )
    period = task_period or offer.content.task_period
    if period is None or not competition.terms.task_period.covers(period):
        raise InvalidInput.for_field(
            "task_period",
            f"Zadanie musi być realizowane w okresie {competition.terms.task_period}.",
            f"The task must be carried out within {competition.terms.task_period}.",
            "task-period-outside",
        )
    return prepare_agreement(
        tenant_id=competition.tenant_id,
        organization_id=offer.organization_id,
        source=AgreementSource(competition_id=competition.id, offer_id=offer.id),
        parties=parties,
        amount=amount,
        requested=offer.budget.requested_grant,
        task_period=period,
        budget=offer.budget,
        expected_results=offer.content.quantitative_results,
        own_contribution=competition.terms.own_contribution,
        partial_report_due_dates=partial_report_due_dates,
        required_parties=[p.organization_id for p in offer.content.partners],
        by=by,
        now=now,
        agreement_id=agreement_id,
    )


def _party_errors(parties: Sequence[AgreementParty], required: set[str]) -> list[FieldError]:
    found: list[FieldError] = []
    for index, party in enumerate(parties):
        found += blank(f"parties[{index}].name", party.name)
    if not any(party.organization_id is None for party in parties):
        found.append(
            breach(
                "parties",
                "Stroną umowy musi być jednostka samorządu.",
                "The municipality must be a party.",
                "party-missing",
            )
        )
    if not required <= {party.organization_id for party in parties}:
        found.append(
            breach(
                "parties",
                "Stronami umowy muszą być wszystkie organizacje składające ofertę.",
                "Every organization of the offer must be a party.",
                "party-missing",
            )
        )
    return found


def _due_date_errors(period: DateRange, due_dates: Sequence[date]) -> list[FieldError]:
    return [
        breach(
            f"partial_report_due_dates[{index}]",
            "Termin sprawozdania częściowego musi przypadać w okresie realizacji zadania.",
            "A partial report falls due within the task period.",
            "due-date-outside",
        )
        for index, due in enumerate(due_dates)
        if not period.contains(due)
    ]
