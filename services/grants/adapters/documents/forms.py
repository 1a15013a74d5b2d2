"""The offer (annex 1) and the report (annex 5) of Dz.U. 2018 poz. 2057 as printable HTML."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from jinja2 import DictLoader, Environment, StrictUndefined, select_autoescape

from services.grants.adapters.documents.templates import BASE, OFFER, REPORT
from services.grants.domain.agreement.agreement import Agreement
from services.grants.domain.agreement.obligations import ReportKind
from services.grants.domain.applicant import Applicant
from services.grants.domain.common.areas import article_point, statutory_label
from services.grants.domain.common.budget import CostCategory
from services.grants.domain.common.dates import local_date
from services.grants.domain.common.money import Money
from services.grants.domain.competition.competition import Competition
from services.grants.domain.offer.offer import Offer
from services.grants.domain.report.report import Report
from shared.text import printable

__all__ = ["render_offer", "render_report"]

_NBSP = "\u00a0"


def _money(value: Money | Decimal | None) -> str:
    if value is None:
        return "—"
    amount = value.amount if isinstance(value, Money) else value
    whole, _, grosze = f"{amount:,.2f}".partition(".")
    return whole.replace(",", _NBSP) + f",{grosze}{_NBSP}zł"


def _day(value: date | datetime | None) -> str:
    if value is None:
        return "—"
    day = local_date(value) if isinstance(value, datetime) else value
    return day.strftime("%d.%m.%Y")


def _percent(part: Money, whole: Money) -> str:
    return f"{part.percent_of(whole):.2f}".replace(".", ",") + "%"


# Labels of the values the registry and the domain store, as the printed forms say them.
_LABELS = {
    "foundation": "fundacja",
    "association": "stowarzyszenie",
    "ordinary_association": "stowarzyszenie zwykłe",
    "church_legal_person": "kościelna osoba prawna",
    "social_cooperative": "spółdzielnia socjalna",
    "sports_club": "klub sportowy",
    "local_action_group": "lokalna grupa działania",
    "other": "inna",
    "draft": "wersja robocza",
    "submitted": "złożona",
    "withdrawn": "wycofana",
    "formally_accepted": "przyjęta w ocenie formalnej",
    "formally_rejected": "odrzucona w ocenie formalnej",
    "returned": "zwrócona do poprawy",
    "accepted": "przyjęta",
}


def _label(value: str) -> str:
    return _LABELS.get(value, value)


def _printable(value: object) -> object:
    # Text stored before inputs refused control characters still prints without them.
    return printable(value) if isinstance(value, str) else value


_ENVIRONMENT = Environment(
    loader=DictLoader({"base.html": BASE, "offer.html": OFFER, "report.html": REPORT}),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    finalize=_printable,
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENVIRONMENT.filters.update(money=_money, day=_day, label=_label)
_ENVIRONMENT.globals.update(
    percent=_percent,
    ACTION=CostCategory.ACTION,
    # "Sprawozdanie" is neuter: its states read differently from an offer's.
    report_states={
        "draft": "robocze",
        "submitted": "złożone",
        "returned": "zwrócone do poprawy",
        "accepted": "przyjęte",
    },
)


def render_offer(
    offer: Offer, competition: Competition, applicant: Applicant | None, authority: str
) -> str:
    """Return the offer laid out as annex 1 (oferta realizacji zadania publicznego)."""
    area = competition.terms.area
    return _ENVIRONMENT.get_template("offer.html").render(
        offer=offer,
        content=offer.content,
        budget=offer.budget,
        competition=competition,
        applicant=applicant,
        authority=authority,
        area_label=statutory_label(area).pl,
        area_point=article_point(area),
    )


def render_report(report: Report, agreement: Agreement, title: str, authority: str) -> str:
    """Return the report laid out as annex 5 (sprawozdanie z wykonania zadania publicznego)."""
    budget = agreement.effective_budget
    spent = {expense.line_key: expense for expense in report.expenses}
    return _ENVIRONMENT.get_template("report.html").render(
        report=report,
        agreement=agreement,
        title=title,
        authority=authority,
        final=report.obligation.kind is ReportKind.FINAL,
        comparisons=report.compare_results(agreement),
        lines=[(line, spent.get(line.key)) for line in budget.lines],
        budget=budget,
        spent_total=sum((e.total for e in report.expenses), Money(Decimal("0.00"))),
    )
