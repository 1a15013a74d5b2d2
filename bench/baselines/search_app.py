"""Baseline app: a bare FastAPI + PyMongo endpoint running the public search's MongoDB query.

Run in its own process: `python -m bench.baselines.search_app --uri URI --database DB --port N`.
No validation models, middleware, logging or metrics: what FastAPI, uvicorn, PyMongo and
NX-27017 cost for this query, and nothing else. The query is written out here on purpose
(find + sort + limit + projection as services/registry/repository/public.py runs it); the
benchmark checks that both endpoints return the same ids before it measures.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import re
from collections.abc import AsyncIterator
from typing import Any

import pydantic_core
import uvicorn
from fastapi import FastAPI, Response
from pymongo import ASCENDING, DESCENDING, AsyncMongoClient

__all__ = ["create_app"]

Document = dict[str, Any]
_PROJECTION = {
    name: 1
    for name in ("_id", "status", "registered_at", "listed_in", "name_key", "recent_key", "profile")
}
_SORTS = {"name": ("name_key", ASCENDING), "-registered_at": ("recent_key", DESCENDING)}


def create_app(uri: str, database: str) -> FastAPI:
    """Return the app with one route, GET /public/organizations, on `database`."""
    client: AsyncMongoClient[Document] = AsyncMongoClient(uri, tz_aware=True)
    organizations = client[database]["organizations"]

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        await client.close()

    app = FastAPI(lifespan=lifespan, openapi_url=None, docs_url=None, redoc_url=None)

    @app.get("/healthz")
    async def healthz() -> Response:
        await client.admin.command("ping")
        return Response(b'{"status":"ok"}', media_type="application/json")

    @app.get("/public/organizations")
    async def search(
        q: str | None = None,
        municipality: str | None = None,
        area: str | None = None,
        legal_form: str | None = None,
        scope: str | None = None,
        status: str | None = None,
        opp: bool | None = None,
        sort: str = "name",
        cursor: str | None = None,
        limit: int = 50,
    ) -> Response:
        key, direction = _SORTS[sort]
        conditions: list[Document] = [{"verified": True}]
        if q:
            conditions.append({"search": {"$regex": re.escape(q.strip().lower())}})
        if municipality:
            conditions.append(
                {"$or": [{"listed_in": municipality}, {"municipality_teryt": municipality}]}
            )
        equal = {
            "profile.public_benefit_areas": area,
            "profile.legal_form": legal_form,
            "profile.scope": scope,
            "status": status,
            "profile.public_benefit_status": opp,
        }
        conditions.extend({name: value} for name, value in equal.items() if value is not None)
        if cursor:
            after = base64.urlsafe_b64decode(cursor.encode()).decode()
            conditions.append({key: {"$gt" if direction == ASCENDING else "$lt": after}})
        found = await (
            organizations.find({"$and": conditions}, projection=_PROJECTION)
            .sort(key, direction)
            .limit(limit)
            .to_list()
        )
        next_cursor = None
        if len(found) == limit:
            next_cursor = base64.urlsafe_b64encode(found[-1][key].encode()).decode()
        body = pydantic_core.to_json({"items": found, "next_cursor": next_cursor})
        return Response(body, media_type="application/json")

    return app


def main() -> None:
    """Serve the app as the services are served (uvicorn, no access log)."""
    parser = argparse.ArgumentParser(prog="python -m bench.baselines.search_app")
    parser.add_argument("--uri", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--port", type=int, required=True)
    arguments = parser.parse_args()
    uvicorn.run(
        create_app(arguments.uri, arguments.database),
        host="127.0.0.1",
        port=arguments.port,
        log_level="warning",
        access_log=False,
    )


if __name__ == "__main__":
    main()
