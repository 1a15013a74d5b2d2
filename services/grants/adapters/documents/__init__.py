"""Printable documents laid out like the statutory templates, and CSV exports of the committee."""

from services.grants.adapters.documents.exports import ranking_csv, sheets_csv
from services.grants.adapters.documents.forms import render_offer, render_report

__all__ = ["ranking_csv", "render_offer", "render_report", "sheets_csv"]
