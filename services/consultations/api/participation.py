"""Routes of taking part: comments and answers, survey responses, report publication."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request, Response, status

from services.consultations.api.deps import Comments, Surveys
from services.consultations.api.schemas.comments import (
    AnswerBody,
    BulkAnswerBody,
    CommentCreate,
    CommentView,
    SurveyResponseCreate,
    SurveyResponseView,
)
from services.consultations.api.schemas.reports import ReportView
from services.consultations.services import CommentDraft
from services.consultations.services.comments import COMMENT_LIST_MAX, COMMENT_PAGE
from shared.http.cursors import PageCursor, decode_cursor, link_next
from shared.http.deps import CurrentPrincipal
from shared.http.rate_limit import rate_limit
from shared.http.routing import BodyFieldsRoute

router = APIRouter(
    route_class=BodyFieldsRoute, prefix="/consultations/{consultation_id}", tags=["participation"]
)


@router.post(
    "/comments",
    status_code=status.HTTP_201_CREATED,
    summary="Comment on a section",
    dependencies=[rate_limit("writes")],
)
async def submit_comment(
    consultation_id: str,
    body: CommentCreate,
    principal: CurrentPrincipal,
    use: Comments,
    request: Request,
    response: Response,
) -> CommentView:
    """Comment while the consultation is open: an NGO member for the organization, a resident."""
    draft = CommentDraft(
        body.section_number, body.current_wording, body.proposed_wording, body.justification
    )
    comment = await use.comment(
        principal,
        consultation_id,
        draft,
        as_council=body.as_council_member,
        client_address=_client_address(request),
    )
    response.headers["Location"] = f"/consultations/{consultation_id}/comments/{comment.id}"
    return CommentView.of(comment)


@router.get("/comments", summary="Comments")
async def list_comments(
    consultation_id: str,
    principal: CurrentPrincipal,
    use: Comments,
    response: Response,
    answered: Annotated[
        bool | None, Query(description="Only the answered (true) or unanswered (false) ones.")
    ] = None,
    cursor: PageCursor = None,
    limit: Annotated[
        int, Query(ge=1, le=COMMENT_LIST_MAX, description="Most comments returned.")
    ] = COMMENT_PAGE,
) -> list[CommentView]:
    """Return the comments to staff (oldest first); one's own comments to a participant."""
    page = await use.comments_of(
        principal, consultation_id, answered=answered, after=decode_cursor(cursor), limit=limit
    )
    path = f"/consultations/{quote(consultation_id, safe='')}/comments"
    link_next(response, path, page.next_after, {"answered": _flag(answered), "limit": limit})
    return [CommentView.of(c) for c in page.items]


def _flag(answered: bool | None) -> str | None:
    return None if answered is None else str(answered).lower()


@router.post("/comments/bulk-answer", summary="Answer many comments alike")
async def answer_comments(
    consultation_id: str, body: BulkAnswerBody, principal: CurrentPrincipal, use: Comments
) -> list[CommentView]:
    """Answer many comments (spam, duplicates) with one verdict and justification, all or none."""
    answered = await use.answer_many(
        principal,
        consultation_id,
        body.comment_ids,
        verdict=body.verdict,
        justification=body.justification,
    )
    return [CommentView.of(c) for c in answered]


@router.put("/comments/{comment_id}/answer", summary="Answer a comment")
async def answer_comment(
    consultation_id: str,
    comment_id: str,
    body: AnswerBody,
    principal: CurrentPrincipal,
    use: Comments,
) -> CommentView:
    """Answer (or change the answer, until the report is out) with a justified verdict."""
    comment = await use.answer(
        principal,
        consultation_id,
        comment_id,
        verdict=body.verdict,
        justification=body.justification,
    )
    return CommentView.of(comment)


@router.post(
    "/survey-responses",
    status_code=status.HTTP_201_CREATED,
    summary="Answer the survey",
    dependencies=[rate_limit("writes")],
)
async def submit_survey_response(
    consultation_id: str,
    body: SurveyResponseCreate,
    principal: CurrentPrincipal,
    use: Surveys,
    request: Request,
) -> SurveyResponseView:
    """Answer the survey while the consultation is open, once per person."""
    answer = await use.respond(
        principal,
        consultation_id,
        body.answers,
        as_council=body.as_council_member,
        client_address=_client_address(request),
    )
    return SurveyResponseView.of(answer)


@router.post("/report", status_code=status.HTTP_201_CREATED, summary="Publish the report")
async def publish_report(
    consultation_id: str, principal: CurrentPrincipal, use: Surveys, response: Response
) -> ReportView:
    """Publish the report of a closed consultation; refused while a comment is unanswered."""
    named = await use.publish_report(principal, consultation_id)
    tenant_id = named.report.tenant_id
    response.headers["Location"] = (
        f"/public/municipalities/{tenant_id}/consultations/{consultation_id}/report"
    )
    return ReportView.of(named)


def _client_address(request: Request) -> str | None:
    # The peer, or the client a trusted proxy names (HTTP_TRUSTED_PROXIES): never a header
    # any caller may set.
    return request.client.host if request.client else None
