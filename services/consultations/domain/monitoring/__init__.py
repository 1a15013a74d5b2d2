"""Monitoring how NGOs take part: yearly figures per organization and municipality."""
