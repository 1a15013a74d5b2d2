"""Entry point: `python -m deploy.local dev|token` (see deploy.local.cli)."""

from deploy.local.cli import main

raise SystemExit(main())
