"""Base class of event contracts and the catalogue of every known event type."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

__all__ = ["EventContract", "contract_for_type", "registered_contracts"]

_TYPE_PATTERN = re.compile(r"^pl\.ngo\.[a-z]+\.[a-z_]+\.[a-z_]+$")
_TOPIC_PATTERN = re.compile(r"^[a-z]+\.[a-z_]+\.v[0-9]+$")
_CATALOGUE: dict[str, type[EventContract]] = {}


class EventContract(BaseModel):
    """Data of one event type; subclasses name their type, topic and aggregate key field."""

    # Readers ignore fields they do not know yet, so producers may add optional fields.
    model_config = ConfigDict(frozen=True, extra="ignore")

    event_type: ClassVar[str]
    topic: ClassVar[str]
    key_field: ClassVar[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        event_type = cls.__dict__.get("event_type")
        if event_type is None:
            return
        if not _TYPE_PATTERN.match(event_type):
            raise TypeError(f"{cls.__name__}: type {event_type!r} breaks the naming rule")
        if not _TOPIC_PATTERN.match(cls.topic):
            raise TypeError(f"{cls.__name__}: topic {cls.topic!r} breaks the naming rule")
        if event_type in _CATALOGUE:
            raise TypeError(f"{event_type} is declared twice")
        _CATALOGUE[event_type] = cls

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        undescribed = [n for n, f in cls.model_fields.items() if not f.description]
        if undescribed:
            raise TypeError(f"{cls.__name__}: fields without description: {undescribed}")

    def key(self) -> str:
        """Return the Kafka key: the id of the aggregate the event is about."""
        return str(getattr(self, self.key_field))


def contract_for_type(event_type: str) -> type[EventContract] | None:
    """Return the contract class of an event type, if the platform knows it."""
    return _CATALOGUE.get(event_type)


def registered_contracts() -> dict[str, type[EventContract]]:
    """Return every declared contract by event type."""
    return dict(sorted(_CATALOGUE.items()))
