"""Schemathesis over one in-process service: every operation, a bounded number of examples."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpx
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.support.services import ServiceClient

__all__ = ["EXAMPLES", "REAL_OBJECTS", "Finding", "fuzz_service", "send"]

# Examples per operation and generation mode; raise it for a deeper run (FUZZ_EXAMPLES=200).
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
# Also fuzz each operation on the real objects of the municipality (FUZZ_REAL_OBJECTS=0: not).
REAL_OBJECTS = os.environ.get("FUZZ_REAL_OBJECTS", "1") == "1"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@dataclass(frozen=True)
class Finding:
    """One operation that answered against its document."""

    operation: str
    mode: str
    failure: str

    def __str__(self) -> str:
        return f"{self.operation} ({self.mode}): {self.failure}"


def fuzz_service(
    client: ServiceClient,
    tokens: Sequence[str | None],
    loop: asyncio.AbstractEventLoop,
    ids: Mapping[str, str],
) -> list[Finding]:
    """Fuzz every operation of `client`'s service; run in a thread beside the app's loop.

    Each operation is fuzzed with generated path parameters and, with REAL_OBJECTS, once more
    with the ids of real objects in `ids` (by parameter name), so that its rules run too.
    """
    schema = schemathesis.openapi.from_dict(client.app.openapi())
    findings: list[Finding] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        names = [p.name for p in operation.path_parameters]
        runs = [(GenerationMode.POSITIVE, None), (GenerationMode.NEGATIVE, None)]
        if REAL_OBJECTS and names and all(name in ids for name in names):
            runs.append((GenerationMode.POSITIVE, {name: ids[name] for name in names}))
        for mode, fixed in runs:
            failure = _fuzz_operation(operation, mode, fixed, client, tokens, loop)
            if failure:
                label = f"{mode.value}{' on real objects' if fixed else ''}"
                findings.append(Finding(operation.label, label, failure))
    return findings


def _fuzz_operation(
    operation: Any,
    mode: GenerationMode,
    fixed: dict[str, str] | None,
    client: ServiceClient,
    tokens: Sequence[str | None],
    loop: asyncio.AbstractEventLoop,
) -> str | None:
    strategy = operation.as_strategy(generation_mode=mode, path_parameters=fixed)

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy, token=st.sampled_from(tokens))
    def run(case: Case, token: str | None) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        kwargs = case.as_transport_kwargs(base_url=str(client.base_url), headers=headers)
        answer = asyncio.run_coroutine_threadsafe(send(client, kwargs), loop).result(60)
        case.validate_response(answer, checks=CHECKS, headers=kwargs.get("headers"))

    try:
        run()
    except Unsatisfiable:  # nothing in the operation can be made invalid (negative mode)
        return None
    except (Exception, BaseExceptionGroup) as error:  # schemathesis raises a FailureGroup
        return str(error)[:2000]
    return None


async def send(client: ServiceClient, kwargs: dict[str, Any]) -> httpx.Response:
    """Send schemathesis' requests-style arguments through the service's httpx client."""
    data = kwargs.get("data")
    return await client.request(
        kwargs["method"],
        kwargs["url"],
        headers=kwargs.get("headers"),
        params=kwargs.get("params"),
        json=kwargs.get("json"),
        content=data if isinstance(data, bytes | str) else None,
        data=data if isinstance(data, dict) else None,
        files=kwargs.get("files"),
    )
