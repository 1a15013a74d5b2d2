"""What every request body of the API shares."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["MAX_NUMBER", "Strict"]

# Numbers stay storable (BSON holds 8-byte integers at most) and far above any real document.
MAX_NUMBER = 100_000


class Strict(BaseModel):
    """A request body: unknown fields refused, text stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
