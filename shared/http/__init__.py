"""HTTP plumbing shared by the services' FastAPI apps (import the submodules directly)."""
