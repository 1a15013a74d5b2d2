"""How `pytest -n N` shares the suite among workers: whole folders where servers are shared."""

from __future__ import annotations

from typing import Any

from xdist.scheduler import LoadScopeScheduling

__all__ = ["FolderScheduling", "longest_first"]

# Folders whose tests share session fixtures (a stack of services, a browser): one worker
# runs each, or every worker would start them again.
SHARED_FOLDERS = ("tests/portal/", "tests/consultations/")
# Longest first, so no long scope starts last and leaves the other workers idle.
LONG_RUNNING = (
    "tests/portal/",
    "tests/security/test_openapi_fuzz.py",
    "tests/reliability/",
    "tests/e2e/",
    "tests/security/",
    "tests/consultations/",
)


def scope_of(nodeid: str) -> str:
    """Return the unit a worker runs whole: a shared folder or a file."""
    path = nodeid.split("::", 1)[0]
    for folder in SHARED_FOLDERS:
        if path.startswith(folder):
            return folder
    return path


def longest_first(nodeid: str) -> int:
    """Return the rank of a test's scope: long-running ones first."""
    for rank, prefix in enumerate(LONG_RUNNING):
        if nodeid.startswith(prefix):
            return rank
    return len(LONG_RUNNING)


class FolderScheduling(LoadScopeScheduling):
    """Load-scope scheduling by `scope_of`, in collection order (long-running first)."""

    def __init__(self, config: Any, log: Any = None) -> None:
        super().__init__(config, log)
        config.option.loadscopereorder = False  # keep longest_first, not the test counts

    def _split_scope(self, nodeid: str) -> str:
        return scope_of(nodeid)
