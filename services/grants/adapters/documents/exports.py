"""CSV exports of the committee's work: each member's sheets and the ranking with totals."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from services.grants.domain.offer.offer import Offer
from services.grants.domain.review.committee import Committee
from services.grants.domain.review.ranking import RankingEntry
from services.grants.domain.review.scoring import ScoreSheet
from shared.csv_safety import safe_row

__all__ = ["ranking_csv", "sheets_csv"]


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    # Names, titles and comments are typed by applicants and members: never formulas.
    writer.writerows(safe_row(row) for row in rows)
    return buffer.getvalue()


def sheets_csv(committee: Committee, sheets: Sequence[ScoreSheet], offers: dict[str, Offer]) -> str:
    """Return one line per member, offer and criterion, with points and the comment."""
    rows = []
    for sheet in sheets:
        member = committee.members[sheet.member_id]
        offer = offers.get(sheet.offer_id)
        for score in sheet.scores:
            rows.append(
                (
                    sheet.member_id,
                    member.kind.value,
                    sheet.offer_id,
                    offer.organization_name if offer else "",
                    offer.content.title if offer else "",
                    score.criterion,
                    score.points,
                    score.comment,
                    sheet.total,
                    sheet.scored_at.isoformat(),
                )
            )
    header = (
        "member_id", "member_kind", "offer_id", "organization", "task_title", "criterion",
        "points", "comment", "member_total", "scored_at",
    )  # fmt: skip
    return _csv(header, rows)


def ranking_csv(committee: Committee, entries: Sequence[RankingEntry]) -> str:
    """Return the ranking: rank, offer, each member's total and the mean."""
    members = sorted(committee.members)
    header = (
        "rank", "offer_id", "organization", "task_title", "requested_grant",
        *(f"total_{member}" for member in members), "mean_points",
    )  # fmt: skip
    rows = [
        (
            entry.rank,
            entry.offer.id,
            entry.offer.organization_name,
            entry.offer.content.title,
            entry.offer.budget.requested_grant.amount,
            *(entry.member_totals.get(member, "") for member in members),
            entry.mean_points,
        )
        for entry in entries
    ]
    return _csv(header, rows)
