"""Routes of agreements and reports: parse, call one use case, answer."""

from __future__ import annotations

from fastapi import APIRouter, Response, status
from fastapi.responses import HTMLResponse

from services.grants.api.deps import Agreements, Documents, Reports
from services.grants.api.schemas.agreements import (
    AgreementView,
    PrepareAgreementBody,
    RemarksBody,
    ReportContentsBody,
    ReportDraftBody,
    ReportView,
)
from services.grants.api.schemas.offers import BudgetBody
from shared.http.deps import CurrentPrincipal
from shared.http.routing import BodyFieldsRoute

router = APIRouter(tags=["agreements and reports"], route_class=BodyFieldsRoute)


@router.post("/agreements", status_code=status.HTTP_201_CREATED, summary="Prepare an agreement")
async def prepare_agreement(
    body: PrepareAgreementBody, principal: CurrentPrincipal, use: Agreements, response: Response
) -> AgreementView:
    """Prepare the agreement for an offer granted in the published results."""
    agreement = await use.prepare(
        principal,
        body.offer_id,
        representatives=body.representatives.to_representatives(),
        task_period=body.task_period.to_range("task_period") if body.task_period else None,
        partial_report_due_dates=body.partial_report_due_dates,
    )
    response.headers["Location"] = f"/agreements/{agreement.id}"
    return AgreementView.of(agreement)


@router.get("/agreements", summary="Agreements I may read")
async def list_agreements(principal: CurrentPrincipal, use: Agreements) -> list[AgreementView]:
    """Return the municipality's agreements, or the caller's organization's own."""
    return [AgreementView.of(a) for a in await use.list_visible(principal)]


@router.get("/agreements/{agreement_id}", summary="One agreement")
async def get_agreement(
    agreement_id: str, principal: CurrentPrincipal, use: Agreements
) -> AgreementView:
    """Return an agreement to its officers and its organization."""
    return AgreementView.of(await use.get(principal, agreement_id))


@router.put("/agreements/{agreement_id}/budget", summary="Update the budget")
async def update_budget(
    agreement_id: str, body: BudgetBody, principal: CurrentPrincipal, use: Agreements
) -> AgreementView:
    """Set the budget updated to a grant lower than requested, before signing."""
    return AgreementView.of(await use.update_budget(principal, agreement_id, body.to_budget()))


@router.post("/agreements/{agreement_id}/signature", summary="Sign")
async def sign_agreement(
    agreement_id: str, principal: CurrentPrincipal, use: Agreements
) -> AgreementView:
    """Record that every party signed the agreement."""
    return AgreementView.of(await use.sign(principal, agreement_id))


@router.post(
    "/agreements/{agreement_id}/reports",
    status_code=status.HTTP_201_CREATED,
    summary="Start a report",
)
async def draft_report(
    agreement_id: str,
    body: ReportDraftBody,
    principal: CurrentPrincipal,
    use: Reports,
    response: Response,
) -> ReportView:
    """Start the organization's partial or final report under a signed agreement."""
    period = body.period.to_range("period") if body.period else None
    found = await use.draft(principal, agreement_id, body.obligation, period)
    response.headers["Location"] = f"/reports/{found.report.id}"
    return ReportView.of(found)


@router.get("/agreements/{agreement_id}/reports", summary="Reports under an agreement")
async def agreement_reports(
    agreement_id: str, principal: CurrentPrincipal, use: Reports
) -> list[ReportView]:
    """Return the reports under an agreement."""
    return [ReportView.of(r) for r in await use.of_agreement(principal, agreement_id)]


@router.get("/reports/{report_id}", summary="One report")
async def get_report(report_id: str, principal: CurrentPrincipal, use: Reports) -> ReportView:
    """Return a report to the officers and its organization."""
    return ReportView.of(await use.get(principal, report_id))


@router.put("/reports/{report_id}", summary="Edit a report")
async def revise_report(
    report_id: str, body: ReportContentsBody, principal: CurrentPrincipal, use: Reports
) -> ReportView:
    """Replace the contents of a draft or returned report."""
    return ReportView.of(await use.revise(principal, report_id, body.to_contents()))


@router.post("/reports/{report_id}/submission", summary="Submit a report")
async def submit_report(report_id: str, principal: CurrentPrincipal, use: Reports) -> ReportView:
    """Hand the report in (a final report once the task has ended)."""
    return ReportView.of(await use.submit(principal, report_id))


@router.post("/reports/{report_id}/acceptance", summary="Accept a report")
async def accept_report(report_id: str, principal: CurrentPrincipal, use: Reports) -> ReportView:
    """Accept a report; an accepted final report settles the agreement."""
    return ReportView.of(await use.accept(principal, report_id))


@router.post("/reports/{report_id}/return", summary="Return a report with remarks")
async def return_report(
    report_id: str, body: RemarksBody, principal: CurrentPrincipal, use: Reports
) -> ReportView:
    """Send the report back to the organization with what to correct."""
    return ReportView.of(await use.return_with_remarks(principal, report_id, body.remarks))


@router.get(
    "/reports/{report_id}/document",
    summary="The report as a printable document (annex 5)",
    response_class=HTMLResponse,
)
async def report_document(
    report_id: str, principal: CurrentPrincipal, use: Documents
) -> HTMLResponse:
    """Return the report laid out like annex 5 of Dz.U. 2018 poz. 2057, in Polish."""
    return HTMLResponse(await use.report(principal, report_id))
