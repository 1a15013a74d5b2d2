"""Bodies of small grants (art. 19a) and of the municipality's yearly caps."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, Field

from services.grants.api.schemas.common import Amount, DateRangeBody, ShortText, Strict, Text, money
from services.grants.api.schemas.offers import (
    BudgetBody,
    QuantitativeResultBody,
    TotalsView,
)
from services.grants.domain.offer.form import QuantitativeResult
from services.grants.domain.small_grant.comments import SmallGrantComment
from services.grants.domain.small_grant.small_grant import (
    SmallGrant,
    SmallGrantForm,
    SmallGrantPolicy,
    SmallGrantState,
)

__all__ = [
    "CommentBody",
    "CommentPage",
    "CommentView",
    "DeclineBody",
    "PolicyBody",
    "PolicyView",
    "PublicSmallGrantView",
    "SmallGrantFormBody",
    "SmallGrantView",
]


class SmallGrantFormBody(Strict):
    """The simplified offer."""

    title: ShortText = Field(description="Title of the task.")
    place: ShortText = Field(description="Where it is carried out.")
    description: Text = Field(description="What the task is.")
    task_period: DateRangeBody = Field(description="At most 90 days.")
    budget: BudgetBody = Field(description="Cost lines; the grant at most 10,000 PLN.")
    quantitative_results: list[QuantitativeResultBody] = Field(default_factory=list, max_length=50)
    qualitative_results: list[Text] = Field(default_factory=list, max_length=50)

    def to_form(self) -> SmallGrantForm:
        """Return the domain form."""
        return SmallGrantForm(
            title=self.title,
            place=self.place,
            description=self.description,
            task_period=self.task_period.to_range("task_period"),
            budget=self.budget.to_budget(),
            quantitative_results=tuple(
                QuantitativeResult(r.name, r.target_value, r.unit, r.verification)
                for r in self.quantitative_results
            ),
            qualitative_results=tuple(self.qualitative_results),
        )


class CommentView(BaseModel):
    """A comment made during the publication."""

    id: str
    text: str
    author_name: str | None
    made_at: datetime

    @classmethod
    def of(cls, comment: SmallGrantComment) -> CommentView:
        """Render a comment (never who made it or from where)."""
        return cls(
            id=comment.id,
            text=comment.text,
            author_name=comment.author_name,
            made_at=comment.made_at,
        )


class CommentPage(BaseModel):
    """One page of an offer's comments, oldest first."""

    items: list[CommentView]
    next_cursor: str | None = Field(description="Pass as `after` for the next page.")

    @classmethod
    def of(cls, comments: Sequence[SmallGrantComment], limit: int) -> CommentPage:
        """Render a page; a full page has a cursor to the next."""
        cursor = comments[-1].id if len(comments) == limit else None
        return cls(items=[CommentView.of(c) for c in comments], next_cursor=cursor)


class PublicSmallGrantView(BaseModel):
    """A published offer, open for comments (public fields only)."""

    id: str
    organization_name: str
    title: str
    place: str
    description: str
    task_period: DateRangeBody
    requested_grant: Decimal
    published_at: datetime | None
    comments_until: datetime | None

    @classmethod
    def of(cls, small_grant: SmallGrant) -> PublicSmallGrantView:
        """Render the public part of an offer."""
        form = small_grant.form
        return cls(
            id=small_grant.id,
            organization_name=small_grant.organization_name,
            title=form.title,
            place=form.place,
            description=form.description,
            task_period=DateRangeBody(start=form.task_period.start, end=form.task_period.end),
            requested_grant=form.budget.requested_grant.amount,
            published_at=small_grant.published_at,
            comments_until=small_grant.comments_until,
        )


class SmallGrantView(PublicSmallGrantView):
    """An offer as its officers and its organization see it."""

    organization_id: str
    state: SmallGrantState
    received_on: date
    publication_due: date
    totals: TotalsView
    comments: list[CommentView] = Field(
        description="The first comments (one page, oldest first) when one offer is read; "
        "every comment at `/small-grants/{id}/comments`."
    )
    decline_reason: str | None
    agreement_id: str | None

    @classmethod
    def of(
        cls, small_grant: SmallGrant, comments: Sequence[SmallGrantComment] = ()
    ) -> SmallGrantView:
        """Render an offer with the comments given."""
        return cls(
            **PublicSmallGrantView.of(small_grant).model_dump(),
            organization_id=small_grant.organization_id,
            state=small_grant.state,
            received_on=small_grant.received_on,
            publication_due=small_grant.publication_due,
            totals=TotalsView.of(small_grant.form.budget),
            comments=[CommentView.of(c) for c in comments],
            decline_reason=small_grant.decline_reason,
            agreement_id=small_grant.agreement_id,
        )


class CommentBody(Strict):
    """Anyone's comment on a published offer."""

    text: Text = Field(min_length=1, description="The comment.")
    author_name: ShortText | None = Field(None, description="Name, if the author gives it.")


class DeclineBody(Strict):
    """Why the offer is not funded."""

    reason: Text = Field(description="Told to the applicant.")


class PolicyBody(Strict):
    """The caps of one budget year (within art. 19a's)."""

    organization_cap: Amount = Field(description="Most one organization may get a year.")
    pool_share_percent: Decimal = Field(ge=0, max_digits=5, decimal_places=2, description="%.")
    planned_grants_total: Amount = Field(description="Grants planned for the year.")

    def to_policy(self, year: int) -> SmallGrantPolicy:
        """Return the domain policy."""
        return SmallGrantPolicy(
            year=year,
            organization_cap=money(self.organization_cap),
            pool_share_percent=self.pool_share_percent,
            planned_grants_total=money(self.planned_grants_total),
        )


class PolicyView(PolicyBody):
    """The caps of one year, and the pool they give."""

    year: int
    pool_cap: Decimal

    @classmethod
    def of(cls, policy: SmallGrantPolicy) -> PolicyView:
        """Render a policy."""
        return cls(
            year=policy.year,
            organization_cap=policy.organization_cap.amount,
            pool_share_percent=policy.pool_share_percent,
            planned_grants_total=policy.planned_grants_total.amount,
            pool_cap=policy.pool_cap.amount,
        )
