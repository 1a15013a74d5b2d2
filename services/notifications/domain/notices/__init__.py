"""Notices: what each consumed event (or timer) tells people, worded in Polish and English."""

from __future__ import annotations

from services.notifications.domain.notice import Notice
from services.notifications.domain.notices._base import K, notice_of
from services.notifications.domain.notices.consultations import ConsultationsNotices
from services.notifications.domain.notices.grants import GrantsNotices
from services.notifications.domain.notices.registry import RegistryNotices
from services.notifications.domain.projections import Origin
from shared.errors import Text

__all__ = ["NoticeWriter"]


class NoticeWriter(RegistryNotices, GrantsNotices, ConsultationsNotices):
    """Words every notice of the service in Polish and English."""

    def webhook_disabled(
        self, origin: Origin, *, endpoint_id: str, url: str, owner: str, failures: int
    ) -> Notice:
        """Tell an endpoint's owner that it was disabled after failing again and again."""
        return notice_of(
            origin,
            K.WEBHOOK_DISABLED,
            f"{endpoint_id}:{int(origin.occurred_at.timestamp())}",
            Text("Webhook wyłączony", "Webhook disabled"),
            Text(
                f"Punkt odbioru {url} nie odpowiadał poprawnie ({failures} prób z rzędu) i "
                "został wyłączony. Po naprawie włącz go ponownie i powtórz nieudane dostawy.",
                f"The endpoint {url} kept failing ({failures} attempts in a row) and was "
                "disabled. Once fixed, enable it again and replay the failed deliveries.",
            ),
            link=f"/webhooks/endpoints/{endpoint_id}",
            addressees=frozenset({f"user:{owner}"}),
        )
