"""Consultations domain: consultations, the cooperation-quality index and NGO monitoring."""
