"""Both overlays, rendered once per session with the kubectl of `make deploy-tools`."""

from __future__ import annotations

from typing import Any

import pytest

from deploy.kube.render import OVERLAYS, render
from deploy.kube.tools import kubectl

Manifests = list[dict[str, Any]]


@pytest.fixture(scope="session")
def rendered() -> dict[str, Manifests]:
    """Return each overlay's manifests."""
    try:
        kubectl()
    except FileNotFoundError as missing:
        pytest.fail(f"{missing} (make check installs it)")
    return {overlay: render(overlay) for overlay in OVERLAYS}


@pytest.fixture(scope="session")
def production(rendered: dict[str, Manifests]) -> Manifests:
    """Return the production overlay's manifests."""
    return rendered["production"]


def of_kind(manifests: Manifests, kind: str) -> dict[str, dict[str, Any]]:
    """Return the manifests of one kind by name."""
    return {m["metadata"]["name"]: m for m in manifests if m["kind"] == kind}
