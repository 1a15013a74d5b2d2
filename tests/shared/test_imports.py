"""Every kernel module imports on its own, whatever a service happens to import first."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import shared

KERNEL = Path(shared.__file__).parent
MODULES = sorted(
    ".".join(("shared", *path.relative_to(KERNEL).with_suffix("").parts)).removesuffix(".__init__")
    for path in KERNEL.rglob("*.py")
)
# Each module is imported first into a clean slate of `shared` (and prometheus, whose
# default registry refuses the same metric twice); third-party modules stay loaded: fast.
PROBE = """
import importlib, json, sys
results = {}
for name in json.loads(sys.argv[1]):
    for loaded in [m for m in sys.modules if m.split(".")[0] in ("shared", "prometheus_client")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
        results[name] = None
    except Exception as error:
        results[name] = repr(error)
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
def import_errors() -> dict[str, str | None]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(MODULES)],
        cwd=KERNEL.parent,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    errors: dict[str, str | None] = json.loads(result.stdout.strip().splitlines()[-1])
    return errors


class TestKernelImports:
    @pytest.mark.parametrize("module", MODULES)
    def test_module_imports_first(self, import_errors: dict[str, str | None], module: str) -> None:
        assert import_errors[module] is None
