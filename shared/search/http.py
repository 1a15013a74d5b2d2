"""HTTP pieces of the search: the `q` parameter and the route that rebuilds the indexes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from shared.http.deps import require_roles
from shared.search.projector import IndexFollower
from shared.tenancy import Role

__all__ = ["RebuildAnswer", "SearchText", "rebuild_router"]

SearchText = Annotated[
    str | None,
    Query(
        max_length=100,
        description=(
            "Words to find, ranked by relevance: any Polish form, diacritics optional, "
            "the last word may be unfinished, one typo forgiven."
        ),
    ),
]


class RebuildAnswer(BaseModel):
    """What the rebuild did on the replica that answered."""

    indexes: dict[str, int] = Field(description="Entries per rebuilt index, by index name.")


def rebuild_router() -> APIRouter:
    """Return `POST /admin/search/rebuild` over the app's `state.search_indexes`."""
    router = APIRouter(prefix="/admin/search", tags=["search administration"])

    @router.post(
        "/rebuild",
        summary="Rebuild this replica's search indexes from the store",
        dependencies=[Depends(require_roles(Role.PLATFORM_ADMIN))],
    )
    async def rebuild(request: Request) -> RebuildAnswer:
        """Read every searchable record from the store again; searches go on meanwhile."""
        followers: Sequence[IndexFollower[Any]] = request.app.state.search_indexes
        return RebuildAnswer(indexes={f.name: await f.refresh() for f in followers})

    return router
