"""Consultations: Social consultations, comments and answers, reports, cooperation-quality index."""
