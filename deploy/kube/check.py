"""Render both overlays and check every manifest offline: schemas, then security lint.

Core kinds go to kubernetes-validate (the Kubernetes OpenAPI schemas, strict: an unknown
field fails); KEDA and Prometheus operator kinds to their operators' schemas from the npm
@kubernetes-models packages; checkov lints everything (deploy/tools/checkov.yaml lists each
skipped check with its reason). Strimzi, MongoDBCommunity and Keycloak kinds have no schema
in any reachable package: tests/deploy checks their invariants instead. A run whose inputs
did not change since the last pass is skipped (`--force` runs anyway).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from deploy.kube import tools
from deploy.kube.render import OVERLAYS, render_text

__all__ = ["main"]

KUBERNETES_VERSION = "1.33.0"
CHECKOV_CONFIG = Path(__file__).resolve().parents[1] / "tools" / "checkov.yaml"
# API groups whose schemas kubernetes-validate ships.
CORE_GROUPS = {"", "apps", "batch", "policy", "autoscaling", "networking.k8s.io"}
OPERATOR_GROUPS = {"keda.sh", "monitoring.coreos.com"}


def _group(manifest: dict[str, Any]) -> str:
    api_version: str = manifest["apiVersion"]
    return api_version.rsplit("/", 1)[0] if "/" in api_version else ""


def _run(command: list[str], stdin: str | None = None) -> tuple[bool, str]:
    # checkov would ask its vendor's API for guidelines: offline, and not needed.
    env = {**os.environ, "BC_SKIP_MAPPING": "TRUE"}
    answer = subprocess.run(command, input=stdin, capture_output=True, text=True, env=env)
    return answer.returncode == 0, (answer.stdout + answer.stderr).strip()


def _core(folder: Path, manifests: list[dict[str, Any]]) -> tuple[bool, str]:
    paths = []
    for number, manifest in enumerate(m for m in manifests if _group(m) in CORE_GROUPS):
        path = folder / f"{number:03d}-{manifest['kind']}.yaml"
        path.write_text(yaml.safe_dump(manifest), encoding="utf-8")
        paths.append(str(path))
    command = [str(tools.kubernetes_validate()), "--strict", "--quiet"]
    return _run([*command, "-k", KUBERNETES_VERSION, *paths])


def _operators(manifests: list[dict[str, Any]]) -> tuple[bool, str]:
    chosen = [m for m in manifests if _group(m) in OPERATOR_GROUPS]
    return _run(tools.node_validator(), stdin=json.dumps(chosen))


def _checkov(rendered: Path) -> tuple[bool, str]:
    command = [str(tools.checkov()), "--config-file", str(CHECKOV_CONFIG), "-f", str(rendered)]
    return _run([*command, "--quiet", "--compact", "--framework", "kubernetes"])


def check_overlay(overlay: str, text: str) -> list[str]:
    """Return the failures of one rendered overlay (empty when it passes)."""
    manifests = [d for d in yaml.safe_load_all(text) if d]
    failures = []
    with tempfile.TemporaryDirectory() as folder:
        rendered = Path(folder) / f"{overlay}.yaml"
        rendered.write_text(text, encoding="utf-8")
        steps = {
            "kubernetes-validate": _core(Path(folder), manifests),
            "operator schemas": _operators(manifests),
            "checkov": _checkov(rendered),
        }
    for step, (passed, output) in steps.items():
        if not passed:
            failures.append(f"{overlay}: {step} failed:\n{output}")
    return failures


def _fingerprint(texts: dict[str, str]) -> str:
    digest = hashlib.sha256()
    for path in (CHECKOV_CONFIG, CHECKOV_CONFIG.with_name("validate-crds.mjs")):
        digest.update(path.read_bytes())
    digest.update(KUBERNETES_VERSION.encode())
    for overlay, text in sorted(texts.items()):
        digest.update(overlay.encode() + text.encode())
    return digest.hexdigest()


def main(argv: list[str] | None = None) -> int:
    """Check both overlays; print what fails."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--force", action="store_true", help="check even if nothing changed")
    args = parser.parse_args(argv)
    texts = {overlay: render_text(overlay) for overlay in OVERLAYS}
    stamp = tools.TOOLS / "deploy-check.passed"
    fingerprint = _fingerprint(texts)
    if not args.force and stamp.exists() and stamp.read_text() == fingerprint:
        sys.stdout.write("deploy-check: manifests unchanged since the last pass\n")
        return 0
    failures = [f for overlay, text in texts.items() for f in check_overlay(overlay, text)]
    if failures:
        sys.stdout.write("\n\n".join(failures) + "\n")
        stamp.unlink(missing_ok=True)
        return 1
    stamp.write_text(fingerprint)
    sys.stdout.write(f"deploy-check: {', '.join(OVERLAYS)} valid, checkov clean\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
