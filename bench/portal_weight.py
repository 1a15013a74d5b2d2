"""Page weight of the portal's pages: HTML and the assets they load, first and repeat view."""

from __future__ import annotations

import gzip
import re
from typing import Any

import httpx

__all__ = ["page_weights"]

_ASSETS = re.compile(r'<(?:link[^>]+href|script[^>]+src)="(/static/[^"]+)"')
_ENCODINGS = {"Accept-Encoding": "gzip, br"}


async def page_weights(
    client: httpx.AsyncClient, journeys: dict[str, list[str]]
) -> dict[str, dict[str, Any]]:
    """Return each page's bytes on the wire and gzip-compressed, first view and repeat view.

    First view: the HTML and every asset it links, with an empty cache. Repeat view: the HTML
    again and a conditional GET of each asset (a browser revalidates what has no max-age).
    """
    weights: dict[str, dict[str, Any]] = {}
    for journey, paths in journeys.items():
        for path in paths:
            weights[f"{journey}:{path}"] = await _weight(client, path)
    return weights


async def _weight(client: httpx.AsyncClient, path: str) -> dict[str, Any]:
    page = await client.get(path, headers=_ENCODINGS)
    if page.status_code != 200:
        return {"status": page.status_code}
    assets = [await client.get(a, headers=_ENCODINGS) for a in _ASSETS.findall(page.text)]
    first = [page, *assets]
    repeat = [await client.get(path, headers=_ENCODINGS)]
    for asset in assets:
        validators = {
            k: v
            for k, v in (
                ("If-None-Match", asset.headers.get("etag")),
                ("If-Modified-Since", asset.headers.get("last-modified")),
            )
            if v
        }
        repeat.append(await client.get(str(asset.url), headers={**_ENCODINGS, **validators}))
    return {
        "assets": len(assets),
        "first_wire_bytes": sum(r.num_bytes_downloaded for r in first),
        "first_gzip_bytes": sum(_gzipped(r) for r in first),
        "repeat_wire_bytes": sum(r.num_bytes_downloaded for r in repeat),
        "repeat_gzip_bytes": sum(_gzipped(r) for r in repeat),
        "served_compressed": any(r.headers.get("content-encoding") for r in first),
    }


def _gzipped(answer: httpx.Response) -> int:
    # What the same bytes weigh gzipped (level 6, as proxies use): a 304 has no body.
    return len(gzip.compress(answer.content, 6)) if answer.content else 0
