"""Rate limits per client address and per token subject, as one route dependency."""

from __future__ import annotations

import math
import time
from collections.abc import Collection
from typing import Any, Literal, get_args

from fastapi import Depends, Request
from limits import RateLimitItem, parse_many
from limits.aio.storage import MemoryStorage
from limits.aio.strategies import MovingWindowRateLimiter
from prometheus_client import Counter

from shared.errors import DomainError, Text
from shared.http.deps import verified_principal
from shared.logging import get_logger
from shared.settings import ServiceSettings
from shared.tenancy import Principal, Role

__all__ = ["OFFICERS", "Bucket", "RateLimiter", "TooManyRequests", "rate_limit"]

Bucket = Literal["writes", "public_reads", "exports"]
# Staff who write on the municipality's behalf: not anonymous writers.
OFFICERS = (Role.TENANT_OFFICER, Role.PLATFORM_ADMIN)
REFUSED = Counter("http_rate_limited_total", "Requests refused by a rate limit", ["bucket"])
log = get_logger(__name__)


class TooManyRequests(DomainError):
    """The caller sent more requests than its limit allows; `extra` says when to retry."""

    status = 429
    code = "too-many-requests"
    title = Text("Zbyt wiele żądań", "Too many requests")

    def headers(self) -> dict[str, str]:
        """Return the Retry-After header of the answer."""
        return {"Retry-After": str(self.extra["retry_after"])}


class RateLimiter:
    """Moving-window counters of one process, per bucket and per caller key."""

    def __init__(self, settings: ServiceSettings) -> None:
        # In memory: each replica counts on its own, so N replicas admit up to N times a limit.
        self._strategy = MovingWindowRateLimiter(MemoryStorage())
        self._rates: dict[str, list[RateLimitItem]] = {
            bucket: parse_many(getattr(settings, f"rate_limit_{bucket}"))
            for bucket in get_args(Bucket)
        }

    async def hit(self, bucket: Bucket, keys: Collection[str]) -> None:
        """Count one request of every key, or raise TooManyRequests if one key is over."""
        rates = self._rates[bucket]
        for rate in rates:
            for key in keys:
                if not await self._strategy.test(rate, bucket, key):
                    raise await self._refusal(bucket, rate, key)
        for rate in rates:
            for key in keys:
                await self._strategy.hit(rate, bucket, key)

    async def _refusal(self, bucket: Bucket, rate: RateLimitItem, key: str) -> TooManyRequests:
        stats = await self._strategy.get_window_stats(rate, bucket, key)
        retry_after = max(1, math.ceil(stats.reset_time - time.time()))
        REFUSED.labels(bucket).inc()
        log.warning("http.rate_limit.exceeded", bucket=bucket, key=key.split(":")[0])
        return TooManyRequests(
            detail=Text(
                f"Zbyt wiele żądań; spróbuj ponownie za {retry_after} s.",
                f"Too many requests; retry in {retry_after} s.",
            ),
            extra={"retry_after": retry_after},
        )


async def _subject(request: Request) -> Principal | None:
    """Return the caller of a valid bearer token, else None (the route answers a bad one)."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None
    try:
        return await verified_principal(request, token.strip())
    except DomainError:
        return None


def rate_limit(bucket: Bucket, *, exempt: Collection[Role] = ()) -> Any:
    """Return a route dependency counting the caller's address and subject against `bucket`.

    Callers holding one of `exempt` roles are not counted (an officer registering the
    municipality's organizations is no anonymous writer).
    """

    async def check(request: Request) -> None:
        principal = await _subject(request)
        if principal is not None and exempt and principal.has_role(*exempt):
            return
        # The proxy-headers middleware has already put the forwarded client here.
        keys = [f"address:{request.client.host if request.client else 'unknown'}"]
        if principal is not None:
            keys.append(f"subject:{principal.tenant_id}:{principal.subject}")
        await request.app.state.rate_limiter.hit(bucket, keys)

    return Depends(check)
