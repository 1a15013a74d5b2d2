"""Serve a service's app with uvicorn on its configured address."""

from __future__ import annotations

import uvicorn
from fastapi import FastAPI

from shared.settings import ServiceSettings

__all__ = ["serve"]


def serve(app: FastAPI, settings: ServiceSettings) -> None:
    """Run the app until SIGINT/SIGTERM; logging stays with the app's configuration."""
    uvicorn.run(
        app,
        host=settings.http_host,
        port=settings.http_port,
        log_config=None,
        access_log=False,
        proxy_headers=True,
        timeout_graceful_shutdown=10,
    )
