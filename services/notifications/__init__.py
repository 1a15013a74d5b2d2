"""Notifications: subscriptions, inbox, e-mail, webhooks, digests and reminders."""
