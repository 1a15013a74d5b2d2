"""Run the grants service: `python -m services.grants`."""

from services.grants.app import create_app
from services.grants.settings import GrantsSettings
from shared.serve import serve

if __name__ == "__main__":
    settings = GrantsSettings()
    serve(create_app(settings), settings)
