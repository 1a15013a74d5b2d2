"""What the service's event handlers work with."""

from __future__ import annotations

from dataclasses import dataclass

from services.consultations.services import MonitoringRecorder
from shared.directory import Directory

__all__ = ["EventDeps"]


@dataclass(frozen=True)
class EventDeps:
    """The registry's directory as kept here, and the monitoring read model's recorder."""

    directory: Directory
    recorder: MonitoringRecorder
