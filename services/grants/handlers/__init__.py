"""Kafka subscribers of the grants service."""
