"""Settings of the grants service (environment prefix GRANTS_)."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.settings import ServiceSettings


class GrantsSettings(ServiceSettings):
    """Grants settings."""

    model_config = SettingsConfigDict(env_prefix="GRANTS_", extra="ignore", frozen=True)

    service_name: str = "grants"
    http_port: int = Field(8002, ge=1, le=65535, description="Port of the HTTP API.")
    deadline_job_seconds: float = Field(
        60.0, gt=0, le=86_400, description="How often competitions past their deadline close."
    )
    report_notice_job_seconds: float = Field(
        3600.0, gt=0, le=86_400, description="How often due and overdue report reminders run."
    )
    small_grant_comment_max_chars: int = Field(
        5_000, ge=1, le=10_000, description="Longest public comment on a small grant offer."
    )
    small_grant_comments_per_author: int = Field(
        20, ge=1, description="Comments one signed-in subject may leave on one small grant."
    )
    small_grant_comments_per_address: int = Field(
        50, ge=1, description="Comments one client address may leave on one small grant."
    )
