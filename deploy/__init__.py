"""Deployment: the local stack without Docker, container and Kubernetes definitions."""
