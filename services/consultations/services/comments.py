"""Use cases of comments: submitting, reading in pages, and the municipality's answers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from services.consultations.adapters.client_keys import ClientKeys
from services.consultations.domain.consultation.comment import (
    Comment,
    CommentLimits,
    Verdict,
    submit_comment,
)
from services.consultations.repository import CommentRepository, ConsultationRepository
from services.consultations.repository.consultations import ALL_OF_ONE
from services.consultations.services.access import Access
from services.consultations.services.lookups import (
    NO_SUCH_CONSULTATION,
    announced_consultation,
    own_consultation,
)
from shared.access import not_found, require_officer
from shared.clock import Clock
from shared.errors import FieldError, InvalidInput, Text
from shared.outbox import Transaction, TransactionRunner
from shared.paging import Page
from shared.recording import EventRecorder
from shared.tenancy import Principal, Role, TenantContext

__all__ = ["COMMENT_LIST_MAX", "COMMENT_PAGE", "CommentDraft", "CommentServices"]

# Most comments one page may return (the bound clients had before pages); by default a page
# holds COMMENT_PAGE, each one `_id` lookup, and the next link leads on.
COMMENT_LIST_MAX = ALL_OF_ONE
COMMENT_PAGE = 100

NO_SUCH_COMMENT = Text("Nie ma takiej uwagi.", "No such comment.")


@dataclass(frozen=True)
class CommentDraft:
    """What a participant writes about one section."""

    section_number: int
    current_wording: str | None
    proposed_wording: str | None
    justification: str


@dataclass(frozen=True)
class CommentServices:
    """Comment on a consultation, read the comments, answer them one by one or in bulk."""

    transactions: TransactionRunner
    recorder: EventRecorder
    consultations: ConsultationRepository
    comments: CommentRepository
    access: Access
    limits: CommentLimits
    bulk_answer_max: int
    client_keys: ClientKeys
    clock: Clock

    async def comment(
        self,
        principal: Principal,
        consultation_id: str,
        draft: CommentDraft,
        *,
        as_council: bool,
        client_address: str | None = None,
    ) -> Comment:
        """Comment on a section of an open consultation (NGO member, resident, council member)."""

        async def work(transaction: Transaction) -> Comment:
            consultation = await announced_consultation(
                self.consultations, consultation_id, transaction.session
            )
            author = await self.access.participant(
                principal, consultation, as_council_member=as_council
            )
            tenant = TenantContext(consultation.tenant_id)
            client_key = self.client_keys.of(consultation.id, client_address)
            comment = submit_comment(
                consultation,
                author=author,
                section_number=draft.section_number,
                current_wording=draft.current_wording,
                proposed_wording=draft.proposed_wording,
                justification=draft.justification,
                now=self.clock.now(),
                limits=self.limits,
                tally=await self.comments.tally(
                    tenant,
                    consultation.id,
                    author_subject=principal.subject,
                    client_key=client_key,
                    session=transaction.session,
                ),
                client_key=client_key,
            )
            await self.comments.add(comment, transaction.session)
            await self.recorder.record(transaction, comment)
            return comment

        return await self.transactions.run(work)

    async def comments_of(
        self,
        principal: Principal,
        consultation_id: str,
        *,
        answered: bool | None = None,
        after: str | None = None,
        limit: int = COMMENT_PAGE,
    ) -> Page[Comment]:
        """Return a page of the comments to staff; to a participant, of their own comments."""
        if principal.has_role(Role.TENANT_OFFICER, Role.CENTRE_STAFF):
            tenant = await self.access.staff(principal)
            consultation = await self.consultations.get_visible(tenant, consultation_id)
            author: str | None = None
        else:
            consultation = await self.consultations.get_announced(consultation_id)
            author = principal.subject
        if consultation is None:
            raise not_found(NO_SUCH_CONSULTATION, consultation_id=consultation_id)
        return await self.comments.page_of_consultation(
            TenantContext(consultation.tenant_id),
            consultation_id,
            author_subject=author,
            answered=answered,
            after=after,
            limit=limit,
        )

    async def answer(
        self,
        principal: Principal,
        consultation_id: str,
        comment_id: str,
        *,
        verdict: Verdict,
        justification: str,
    ) -> Comment:
        """Answer (or re-answer, until the report is out) a comment of the officer."""
        tenant = require_officer(principal)

        async def work(transaction: Transaction) -> Comment:
            consultation = await own_consultation(
                self.consultations, tenant, consultation_id, transaction.session
            )
            comment = await self.comments.get(tenant, comment_id, transaction.session)
            if comment is None or comment.consultation_id != consultation.id:
                raise not_found(NO_SUCH_COMMENT, comment_id=comment_id)
            comment.answer_with(
                consultation,
                verdict=verdict,
                justification=justification,
                answered_by=principal.subject,
                now=self.clock.now(),
            )
            await self.comments.save(comment, transaction.session)
            await self.recorder.record(transaction, comment)
            return comment

        return await self.transactions.run(work)

    async def answer_many(
        self,
        principal: Principal,
        consultation_id: str,
        comment_ids: Sequence[str],
        *,
        verdict: Verdict,
        justification: str,
    ) -> list[Comment]:
        """Answer many comments alike (spam, duplicates) with one justification, all or none."""
        tenant = require_officer(principal)
        wanted = self._bounded(comment_ids)

        async def work(transaction: Transaction) -> list[Comment]:
            consultation = await own_consultation(
                self.consultations, tenant, consultation_id, transaction.session
            )
            session = transaction.session
            found = await self.comments.with_ids(tenant, consultation.id, wanted, session)
            _refuse_unknown(comment_ids, {c.id for c in found})
            now = self.clock.now()
            for comment in found:
                comment.answer_with(
                    consultation,
                    verdict=verdict,
                    justification=justification,
                    answered_by=principal.subject,
                    now=now,
                )
                await self.comments.save(comment, session)
                await self.recorder.record(transaction, comment)
            return found

        return await self.transactions.run(work)

    def _bounded(self, comment_ids: Sequence[str]) -> list[str]:
        if len(comment_ids) > self.bulk_answer_max:
            raise InvalidInput.for_field(
                "comment_ids",
                f"Jednym razem można odpowiedzieć na najwyżej {self.bulk_answer_max} uwag.",
                f"One bulk answer covers at most {self.bulk_answer_max} comments.",
                "too-many",
            )
        return list(dict.fromkeys(comment_ids))


def _refuse_unknown(comment_ids: Sequence[str], known: set[str]) -> None:
    errors = [
        FieldError(
            f"comment_ids[{index}]",
            Text(
                "Nie ma takiej uwagi w tych konsultacjach.", "No such comment in this consultation."
            ),
            "unknown-comment",
        )
        for index, comment_id in enumerate(comment_ids)
        if comment_id not in known
    ]
    if errors:
        raise InvalidInput(
            detail=Text(
                "Część uwag nie należy do tych konsultacji; nie odpowiedziano na żadną.",
                "Some comments are not in this consultation; none was answered.",
            ),
            errors=errors,
        )
