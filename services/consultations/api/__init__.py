"""HTTP API of the consultations service: thin routes over the use cases."""
