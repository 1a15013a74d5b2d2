"""Bodies of the bulk import routes."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from services.registry.services.import_rows import RowError
from services.registry.services.imports import ImportJob

__all__ = ["ImportView", "RowErrorView"]


class RowErrorView(BaseModel):
    """Why one row was not imported."""

    row: int = Field(description="Row number in the file (the header is row 1).")
    field: str = Field(description="Column at fault.")
    reason: str = Field(description="What is wrong.")

    @classmethod
    def of(cls, error: RowError) -> RowErrorView:
        """Render a row error."""
        return cls(row=error.number, field=error.field, reason=error.reason)


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
    def of(cls, job: ImportJob) -> ImportView:
        """Render a job."""
        return cls(
            id=job.id,
            state=job.state,
            total_rows=job.total_rows,
            processed_rows=job.processed_rows,
            created=job.created,
            updated=job.updated,
            failed=job.failed,
            errors=[RowErrorView.of(e) for e in job.errors],
            created_at=job.created_at,
            finished_at=job.finished_at,
        )
