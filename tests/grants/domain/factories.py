"""Factories of grants domain objects in a valid state, overridable per test."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from services.grants.domain.agreement.agreement import Agreement, AgreementParty
from services.grants.domain.agreement.preparation import agreement_for_offer
from services.grants.domain.common.budget import (
    Budget,
    BudgetLine,
    CostCategory,
    OwnContributionRule,
)
from services.grants.domain.common.dates import DateRange
from services.grants.domain.common.money import Money
from services.grants.domain.competition.competition import Competition, draft_competition
from services.grants.domain.competition.terms import CompetitionTerms, Criterion
from services.grants.domain.offer.form import Action, OfferContent, QuantitativeResult
from services.grants.domain.offer.formal_review import STANDARD_CHECKLIST
from services.grants.domain.offer.offer import Offer, draft_offer
from services.grants.domain.review.committee import (
    Committee,
    CommitteeMember,
    MemberKind,
    appoint_committee,
)
from services.grants.domain.review.scoring import CriterionScore
from shared.public_benefit import PublicBenefitArea

TENANT = "tenant-0601011"
OFFICER = "officer-1"
NGO_MEMBER = "ngo-member-1"
# A Monday in March, 09:00 in Warsaw.
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
DEADLINE = NOW + timedelta(days=30)
AFTER_DEADLINE = DEADLINE + timedelta(hours=1)
TASK_PERIOD = DateRange(date(2026, 5, 1), date(2026, 11, 30))
CRITERIA = (
    Criterion("quality", "Jakość merytoryczna", 20),
    Criterion("budget", "Kalkulacja kosztów", 10),
)
ALL_PASS = {item.code: True for item in STANDARD_CHECKLIST}


def pln(value: str | int) -> Money:
    """Return an amount in PLN."""
    return Money.pln(value)


def terms(**overrides: Any) -> CompetitionTerms:
    """Return complete announcement terms: 100,000 PLN, grants 5,000–40,000, 10% own share."""
    values: dict[str, Any] = {
        "title": "Wspieranie aktywności seniorów 2026",
        "public_task": "Organizacja zajęć aktywizujących dla seniorów",
        "area": PublicBenefitArea.SENIORS,
        "total_funds": pln(100_000),
        "funding_rules": "Dotacja do 90% kosztów zadania.",
        "delivery_terms": "Zadanie realizowane na terenie gminy.",
        "offer_deadline": DEADLINE,
        "criteria": CRITERIA,
        "min_grant": pln(5_000),
        "max_grant": pln(40_000),
        "task_period": TASK_PERIOD,
        "selection_mode": "Ocena komisji konkursowej, wybór przez wójta.",
        "decision_date": date(2026, 4, 20),
        "funds_spent_this_year": pln(0),
        "funds_spent_last_year": pln(80_000),
        "own_contribution": OwnContributionRule(Decimal(10), Decimal(5), Decimal(0)),
    }
    values.update(overrides)
    return CompetitionTerms(**values)


def competition(**overrides: Any) -> Competition:
    """Return a draft competition with `terms(**overrides)`."""
    return draft_competition(tenant_id=TENANT, terms=terms(**overrides), by=OFFICER, now=NOW)


def announced(**overrides: Any) -> Competition:
    """Return an announced competition, its events cleared."""
    created = competition(**overrides)
    created.announce(now=NOW)
    created.events.clear()
    return created


def budget_line(key: str = "I.1", **overrides: Any) -> BudgetLine:
    """Return a cost line: 20,000 grant, 2,000 own financial, 500 in kind, 500 volunteer work."""
    values: dict[str, Any] = {
        "key": key,
        "category": CostCategory.ACTION,
        "name": "Wynagrodzenie instruktorów",
        "requested_grant": pln(20_000),
        "own_financial": pln(2_000),
        "in_kind": pln(500),
        "volunteer_work": pln(500),
    }
    values.update(overrides)
    return BudgetLine(**values)


def content(**overrides: Any) -> OfferContent:
    """Return complete offer contents that meet `terms()`."""
    values: dict[str, Any] = {
        "title": "Aktywny senior",
        "place": "Świetlica wiejska",
        "description": "Cotygodniowe zajęcia ruchowe i warsztaty dla seniorów.",
        "task_period": DateRange(date(2026, 5, 4), date(2026, 10, 30)),
        "schedule": (
            Action(
                "Zajęcia ruchowe",
                "Dwa razy w tygodniu",
                DateRange(date(2026, 5, 4), date(2026, 10, 30)),
            ),
        ),
        "quantitative_results": (QuantitativeResult("Uczestnicy", Decimal(40), "osoby"),),
        "qualitative_results": ("Większa aktywność seniorów",),
        "budget": Budget((budget_line(),)),
    }
    values.update(overrides)
    return OfferContent(**values)


def offer(of: Competition, organization_id: str = "org-a", **overrides: Any) -> Offer:
    """Return a draft offer of `organization_id` with `content(**overrides)`."""
    return draft_offer(
        of,
        organization_id=organization_id,
        organization_name=f"Fundacja {organization_id}",
        content=content(**overrides),
        by=NGO_MEMBER,
        now=NOW,
    )


def submitted(of: Competition, organization_id: str = "org-a", **overrides: Any) -> Offer:
    """Return a submitted offer."""
    made = offer(of, organization_id, **overrides)
    made.submit(of, by=NGO_MEMBER, now=NOW + timedelta(days=1))
    return made


def in_review(competition_: Competition) -> Competition:
    """Close the competition and open its review."""
    competition_.close(now=AFTER_DEADLINE)
    competition_.start_review(by=OFFICER, now=AFTER_DEADLINE)
    competition_.events.clear()
    return competition_


def accepted(of: Competition, offer_: Offer) -> Offer:
    """Pass the offer through the formal review (the competition must be in review)."""
    offer_.review_formally(of, ALL_PASS, reason=None, by=OFFICER, now=AFTER_DEADLINE)
    return offer_


def reviewed_pair() -> tuple[Competition, Offer, Offer]:
    """Return a competition in review with two formally accepted offers (org-a, org-b)."""
    made = announced()
    first, second = submitted(made, "org-a"), submitted(made, "org-b")
    in_review(made)
    return made, accepted(made, first), accepted(made, second)


def committee(of: Competition, *members: CommitteeMember) -> Committee:
    """Appoint a committee: an officer and an NGO representative from org-c, by default."""
    chosen = members or (
        CommitteeMember("member-officer", MemberKind.OFFICER),
        CommitteeMember("member-ngo", MemberKind.NGO_REPRESENTATIVE, "org-c"),
    )
    return appoint_committee(of, members=list(chosen), by=OFFICER, now=AFTER_DEADLINE)


def sheet(quality: str | int = 15, budget: str | int = 8) -> list[CriterionScore]:
    """Return scores for both criteria."""
    return [
        CriterionScore("quality", Decimal(quality), "Dobrze opisane działania."),
        CriterionScore("budget", Decimal(budget), "Koszty realne."),
    ]


def resolved(
    amount: str | int = 20_000, requested: str | int = 20_000
) -> tuple[Competition, Offer]:
    """Return a resolved competition whose one offer (org-a) got `amount`."""
    made = announced()
    line = budget_line(requested_grant=pln(requested))
    made_offer = submitted(made, "org-a", budget=Budget((line,)))
    in_review(made)
    accepted(made, made_offer)
    made.decide_grant(made_offer, pln(amount), by=OFFICER, now=AFTER_DEADLINE)
    made.publish_results(offers=[made_offer], ranking=[], now=AFTER_DEADLINE)
    made.events.clear()
    return made, made_offer


PARTIES = (
    AgreementParty("Gmina Przykładowo", None, ("Wójt",)),
    AgreementParty("Fundacja org-a", "org-a", ("Prezes zarządu",)),
)


def signed_agreement(**overrides: Any) -> Agreement:
    """Return a signed agreement for the offer of `resolved()`."""
    made, made_offer = resolved()
    agreement = agreement_for_offer(
        made, made_offer, parties=PARTIES, by=OFFICER, now=AFTER_DEADLINE, **overrides
    )
    agreement.sign(now=AFTER_DEADLINE)
    agreement.events.clear()
    return agreement


def with_content(offer_: Offer, **overrides: Any) -> OfferContent:
    """Return the offer's contents with some parts replaced."""
    return replace(offer_.content, **overrides)
