"""Render a kustomize overlay with the kubectl of `make deploy-tools`."""

from __future__ import annotations

import subprocess
from typing import Any

import yaml

from deploy.kube.platform import K8S
from deploy.kube.tools import kubectl

__all__ = ["OVERLAYS", "render", "render_text"]

OVERLAYS = ("local", "production")


def render_text(overlay: str) -> str:
    """Return the overlay's manifests as one YAML stream."""
    answer = subprocess.run(
        [str(kubectl()), "kustomize", str(K8S / "overlays" / overlay)],
        check=True,
        capture_output=True,
        text=True,
    )
    return answer.stdout


def render(overlay: str) -> list[dict[str, Any]]:
    """Return the overlay's manifests, parsed."""
    return [d for d in yaml.safe_load_all(render_text(overlay)) if d]
