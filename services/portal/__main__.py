"""Run the portal: `python -m services.portal`."""

import uvicorn

from services.portal.app import create_app
from services.portal.settings import PortalSettings

if __name__ == "__main__":
    settings = PortalSettings()
    uvicorn.run(
        create_app(settings),
        host=settings.http_host,
        port=settings.http_port,
        log_config=None,
        access_log=False,
        proxy_headers=False,
        timeout_graceful_shutdown=10,
    )
