"""Kubernetes manifests: generate the derived ones, render the overlays, validate them."""
