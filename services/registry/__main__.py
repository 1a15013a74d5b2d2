"""Run the registry service: `python -m services.registry`."""

from services.registry.app import create_app
from services.registry.settings import RegistrySettings
from shared.serve import serve

if __name__ == "__main__":
    settings = RegistrySettings()
    serve(create_app(settings), settings)
