"""Routes of the bulk CSV import: upload, then watch progress."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from services.registry.api.deps import Imports
from services.registry.api.schemas.imports import ImportView, RowErrorView
from services.registry.services.import_rows import IMPORT_COLUMNS
from shared.http.cursors import PageCursor, key_of_cursor, link_next_key
from shared.http.deps import CurrentPrincipal
from shared.http.routing import BodyFieldsRoute

router = APIRouter(route_class=BodyFieldsRoute, prefix="/imports", tags=["bulk import"])


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Import the local list from CSV",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"text/csv": {"schema": {"type": "string"}}},
            "description": "CSV in UTF-8 (BOM allowed) or, with `charset=windows-1250` in "
            "Content-Type, Windows-1250; comma or semicolon separated; at most "
            "REGISTRY_IMPORT_MAX_ROWS rows (default 200,000); columns: "
            + ", ".join(IMPORT_COLUMNS),
        }
    },
)
async def start_import(
    request: Request, principal: CurrentPrincipal, use: Imports, response: Response
) -> ImportView:
    """Upload a CSV; valid rows are imported, re-importing updates instead of duplicating."""
    job = await use.start(
        principal, request.stream(), content_type=request.headers.get("content-type")
    )
    response.headers["Location"] = f"/imports/{job.id}"
    return ImportView.of(job)


@router.get("/{import_id}", summary="Progress of an import")
async def import_progress(import_id: str, principal: CurrentPrincipal, use: Imports) -> ImportView:
    """Return the state, counters and first row errors of an import."""
    return ImportView.of(await use.progress(principal, import_id))


@router.get("/{import_id}/errors", summary="Row errors of an import")
async def import_errors(
    import_id: str,
    principal: CurrentPrincipal,
    use: Imports,
    response: Response,
    cursor: PageCursor = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Page size.")] = 100,
) -> list[RowErrorView]:
    """Return the rows not imported, in row order; the next page in the Link header."""
    errors, next_key = await use.row_errors(
        principal, import_id, limit=limit, after=key_of_cursor(cursor)
    )
    link_next_key(response, f"/imports/{import_id}/errors", next_key, {"limit": limit})
    return [RowErrorView.of(e) for e in errors]
