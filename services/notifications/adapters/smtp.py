"""SMTP connections kept open and reused: relays prefer a few long sessions to many short ones."""

from __future__ import annotations

import contextlib
from email.message import EmailMessage

import aiosmtplib

from services.notifications.settings import NotificationsSettings

__all__ = ["SmtpPool"]


class SmtpPool:
    """Up to `size` idle connections; a connection that failed in any way is dropped."""

    def __init__(self, settings: NotificationsSettings, size: int) -> None:
        self._settings = settings
        self._size = size
        self._idle: list[aiosmtplib.SMTP] = []

    async def send(self, message: EmailMessage) -> None:
        """Send one message over an idle connection, or a new one."""
        client = self._idle.pop() if self._idle else None
        if client is not None and client.is_connected:
            try:
                await client.send_message(message)
            except aiosmtplib.SMTPServerDisconnected:
                # The server closed an idle session: one more try on a fresh connection.
                client = None
            except BaseException:
                await self._discard(client)
                raise
            else:
                await self._release(client)
                return
        client = await self._connect()
        try:
            await client.send_message(message)
        except BaseException:
            await self._discard(client)
            raise
        await self._release(client)

    async def close(self) -> None:
        """Close every idle connection."""
        while self._idle:
            await self._discard(self._idle.pop(), polite=True)

    async def _connect(self) -> aiosmtplib.SMTP:
        settings = self._settings
        client = aiosmtplib.SMTP(
            hostname=settings.smtp_host,
            port=settings.smtp_port,
            username=settings.smtp_username or None,
            password=settings.smtp_password.get_secret_value() or None,
            use_tls=settings.smtp_security == "tls",
            start_tls=settings.smtp_security == "starttls",
            timeout=settings.smtp_timeout_seconds,
        )
        await client.connect()
        return client

    async def _release(self, client: aiosmtplib.SMTP) -> None:
        if len(self._idle) < self._size:
            self._idle.append(client)
        else:
            await self._discard(client, polite=True)

    @staticmethod
    async def _discard(client: aiosmtplib.SMTP, *, polite: bool = False) -> None:
        with contextlib.suppress(Exception):
            if polite and client.is_connected:
                await client.quit()
            else:
                client.close()
