"""Use cases of surveys and of the closing report that sums up comments and answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from services.consultations.adapters.client_keys import ClientKeys
from services.consultations.domain.consultation.report import ConsultationReport, publish_report
from services.consultations.domain.consultation.survey import (
    SurveyResponse,
    submit_survey_response,
)
from services.consultations.repository import (
    CommentRepository,
    ConsultationRepository,
    ReportRepository,
    SurveyResponseRepository,
)
from services.consultations.services.access import Access
from services.consultations.services.lookups import announced_consultation, own_consultation
from services.consultations.services.public import NamedReport, PublicServices
from shared.access import require_officer
from shared.clock import Clock
from shared.outbox import Transaction, TransactionRunner
from shared.recording import EventRecorder
from shared.tenancy import Principal, TenantContext

__all__ = ["SurveyServices"]


@dataclass(frozen=True)
class SurveyServices:
    """Respond to a consultation's survey; publish the report once every comment is answered."""

    transactions: TransactionRunner
    recorder: EventRecorder
    consultations: ConsultationRepository
    comments: CommentRepository
    responses: SurveyResponseRepository
    reports: ReportRepository
    public: PublicServices
    access: Access
    per_address: int
    client_keys: ClientKeys
    clock: Clock

    async def respond(
        self,
        principal: Principal,
        consultation_id: str,
        answers: Mapping[int, Sequence[str]],
        *,
        as_council: bool,
        client_address: str | None = None,
    ) -> SurveyResponse:
        """Answer the survey of an open consultation, once per participant."""

        async def work(transaction: Transaction) -> SurveyResponse:
            consultation = await announced_consultation(
                self.consultations, consultation_id, transaction.session
            )
            respondent = await self.access.participant(
                principal, consultation, as_council_member=as_council
            )
            tenant = TenantContext(consultation.tenant_id)
            session = transaction.session
            client_key = self.client_keys.of(consultation.id, client_address)
            response = submit_survey_response(
                consultation,
                respondent=respondent,
                answers=answers,
                now=self.clock.now(),
                answered_before=await self.responses.answered(
                    tenant, consultation.id, principal.subject, session
                ),
                from_address=await self.responses.count_from_client(
                    tenant, consultation.id, client_key, session
                ),
                per_address=self.per_address,
                client_key=client_key,
            )
            await self.responses.add(response, transaction.session)
            await self.recorder.record(transaction, response)
            return response

        return await self.transactions.run(work)

    async def publish_report(self, principal: Principal, consultation_id: str) -> NamedReport:
        """Publish the report of a closed consultation whose every comment has an answer."""
        tenant = require_officer(principal)

        async def work(transaction: Transaction) -> ConsultationReport:
            consultation = await own_consultation(
                self.consultations, tenant, consultation_id, transaction.session
            )
            session = transaction.session
            report = publish_report(
                consultation,
                await self.comments.every_of_consultation(tenant, consultation.id, session),
                await self.responses.of_consultation(tenant, consultation.id, session),
                published_by=principal.subject,
                now=self.clock.now(),
            )
            await self.consultations.save(consultation, session)
            await self.reports.add(tenant, report, session)
            await self.recorder.record(transaction, consultation)
            return report

        report = await self.transactions.run(work)
        return await self.public.report(report.tenant_id, report.consultation_id)
