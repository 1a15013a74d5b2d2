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
        # The app trusts X-Forwarded-For only from HTTP_TRUSTED_PROXIES (shared/http/app.py);
        # uvicorn's own handling would trust 127.0.0.1 whatever that setting says.
        proxy_headers=False,
        timeout_graceful_shutdown=10,
    )
