"""Run the consultations service: `python -m services.consultations`."""

from services.consultations.app import create_app
from services.consultations.settings import ConsultationsSettings
from shared.serve import serve

if __name__ == "__main__":
    settings = ConsultationsSettings()
    serve(create_app(settings), settings)
