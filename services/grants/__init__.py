"""Grants: Open competitions for public tasks: announcements, offers, review, agreements, reports."""
