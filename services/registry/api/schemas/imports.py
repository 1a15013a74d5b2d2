"""Bodies of the bulk import routes."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from shared.mongo import Document

__all__ = ["ImportView", "RowErrorView"]


class RowErrorView(BaseModel):
    """Why one row was not imported."""

    row: int = Field(description="Row number in the file (the header is row 1).")
    field: str = Field(description="Column at fault.")
    reason: str = Field(description="What is wrong.")


class ImportView(BaseModel):
    """State and progress of an import."""

    id: str
    state: str = Field(description="receiving, queued, running or done.")
    total_rows: int
    processed_rows: int
    created: int = Field(description="New organizations.")
    updated: int = Field(description="Existing organizations updated or listed.")
    failed: int = Field(description="Rows not imported.")
    errors: list[RowErrorView] = Field(description="The first row errors.")
    created_at: datetime
    finished_at: datetime | None = None

    @classmethod
    def of(cls, job: Document) -> ImportView:
        """Render a job."""
        return cls(id=job["_id"], **{k: v for k, v in job.items() if k in cls.model_fields})
