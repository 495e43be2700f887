"""A minimal Telegram Bot API client over httpx (two methods: sendMessage and getUpdates).

python-telegram-bot is well kept but asynchronous end to end and much larger than the two calls Herzen makes;
httpx (also well kept, already used by the test tools) against the documented HTTP API is enough and keeps the
worker synchronous. The API address is configurable (HERZEN_TELEGRAM_API_URL), which is also how the tests
point it at a fake Bot API server on 127.0.0.1.
"""

import hashlib
import secrets
from typing import Any

import httpx
from django.conf import settings


class TelegramError(Exception):
    """The Bot API refused a call or could not be reached (the delivery job retries)."""


def new_link_token() -> str:
    """The one-time token of a `/start <token>` link (shown once to the applicant)."""
    return secrets.token_urlsafe(24)


def hash_link_token(token: str) -> str:
    """What is kept of a link token: its hash, so the database alone cannot connect a chat."""
    return hashlib.sha256(token.encode()).hexdigest()


def configured() -> bool:
    return bool(settings.HERZEN_TELEGRAM_BOT_TOKEN)


def _call(method: str, payload: dict[str, Any]) -> Any:
    base = settings.HERZEN_TELEGRAM_API_URL.rstrip("/")
    url = f"{base}/bot{settings.HERZEN_TELEGRAM_BOT_TOKEN}/{method}"
    try:
        response = httpx.post(url, json=payload, timeout=20)
        data = response.json()
    except (httpx.HTTPError, ValueError) as error:
        raise TelegramError(type(error).__name__) from None
    if not data.get("ok"):
        # Telegram's description names the problem, never the message text.
        raise TelegramError(str(data.get("description", response.status_code)))
    return data.get("result")


def send_message(chat_id: str, text: str) -> None:
    _call("sendMessage", {"chat_id": chat_id, "text": text, "disable_web_page_preview": True})


def get_updates(offset: int | None) -> list[dict[str, Any]]:
    payload: dict[str, Any] = {"timeout": 0, "allowed_updates": ["message"]}
    if offset is not None:
        payload["offset"] = offset
    result = _call("getUpdates", payload)
    return list(result or [])


def start_link(token: str) -> str:
    """The deep link that opens the bot and sends it `/start <token>`."""
    return f"https://t.me/{settings.HERZEN_TELEGRAM_BOT_NAME}?start={token}"
