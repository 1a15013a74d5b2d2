"""Kafka handlers of the notifications service."""
