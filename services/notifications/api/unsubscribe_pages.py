"""The small HTML pages of unsubscribe links, in Polish or English."""

from __future__ import annotations

from html import escape

from fastapi.responses import HTMLResponse

from shared.errors import DomainError, Text

__all__ = ["confirmation_page", "done_page", "error_page"]

_CONFIRM_TITLE = Text("Rezygnacja z wiadomości e-mail", "Unsubscribe from e-mail")
_CONFIRM_QUESTION = Text(
    "Czy chcesz przestać otrzymywać wiadomości e-mail z Platformy NGO? Powiadomienia w skrzynce "
    "w platformie pozostaną.",
    "Do you want to stop receiving e-mail from the NGO Platform? Notifications in your platform "
    "inbox stay.",
)
_CONFIRM_BUTTON = Text("Wypisz mnie", "Unsubscribe me")
_DONE_TITLE = Text("Wypisano", "Unsubscribed")


def _page(title: str, body: str, language: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex">'
        f"<title>{escape(title)}</title></head><body><main><h1>{escape(title)}</h1>{body}"
        "</main></body></html>",
        status_code=status,
        headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"},
    )


def confirmation_page(language: str) -> HTMLResponse:
    """Return the page whose button confirms (a POST to the same address, token included)."""
    # No action: the form posts to this very URL, so the token in its query goes along.
    form = (
        f"<p>{escape(_CONFIRM_QUESTION.in_language(language))}</p>"
        '<form method="post"><button type="submit">'
        f"{escape(_CONFIRM_BUTTON.in_language(language))}</button></form>"
    )
    return _page(_CONFIRM_TITLE.in_language(language), form, language)


def done_page(message: str, language: str) -> HTMLResponse:
    """Return the page that says what was done."""
    return _page(_DONE_TITLE.in_language(language), f"<p>{escape(message)}</p>", language)


def error_page(error: DomainError, language: str) -> HTMLResponse:
    """Return a page that explains why the link does not work, with the error's status."""
    body = f'<p role="alert">{escape(error.detail.in_language(language))}</p>'
    return _page(error.title.in_language(language), body, language, status=error.status)
