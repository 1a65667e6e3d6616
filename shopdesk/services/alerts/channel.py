"""Where the group-robot webhook is kept: the OS keychain, never a file.

The webhook address carries the robot's token and the secret signs messages;
both are secrets (DESIGN.md, "Safety"), so they live in the keychain under
:data:`SERVICE`. Settings only remember *that* a robot is configured (its
kind), so nothing asks the keychain — which may prompt to unlock — while no
robot is set up. Where the keychain has no usable backend (a headless Linux
box), the webhook is kept in this process only and the caller tells the user.
"""

from __future__ import annotations

import contextlib
import json
import logging
from enum import StrEnum

import keyring
import keyring.errors
from keyring.backends import fail

from shopdesk.integrations.webhooks import Webhook, WebhookKind
from shopdesk.settings import Settings

log = logging.getLogger(__name__)

SERVICE = "shopdesk"
ACCOUNT = "alert-webhook"
SETTINGS_KEY = "alert_webhook_kind"

_session: dict[str, str] = {}  # fallback when there is no keychain: this process only


class Stored(StrEnum):
    KEYCHAIN = "keychain"
    SESSION = "session"


def keychain_available() -> bool:
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        return False
    chained = getattr(backend, "backends", None)
    return chained is None or bool(chained)


def _encode(webhook: Webhook) -> str:
    return json.dumps({"kind": webhook.kind.value, "url": webhook.url, "secret": webhook.secret or ""})


def save_webhook(webhook: Webhook) -> Stored:
    """Keep ``webhook``; returns where it went (SESSION: lost when the app quits)."""
    stored = Stored.SESSION
    if keychain_available():
        try:
            keyring.set_password(SERVICE, ACCOUNT, _encode(webhook))
            _session.pop(ACCOUNT, None)
            stored = Stored.KEYCHAIN
        except keyring.errors.KeyringError:
            log.warning("the keychain refused the webhook; keeping it for this session only")
    if stored is Stored.SESSION:
        _session[ACCOUNT] = _encode(webhook)
    settings = Settings.load()
    settings.extra[SETTINGS_KEY] = webhook.kind.value
    settings.save()
    return stored


def load_webhook() -> Webhook | None:
    """The configured webhook, or None (not configured, or its secret is gone)."""
    if ACCOUNT in _session:
        raw: str | None = _session[ACCOUNT]
    elif not Settings.load().extra.get(SETTINGS_KEY):
        return None
    else:
        try:
            raw = keyring.get_password(SERVICE, ACCOUNT) if keychain_available() else None
        except keyring.errors.KeyringError:
            log.warning("the keychain could not be read for the alert webhook")
            raw = None
    if not raw:
        return None
    try:
        data = json.loads(raw)
        return Webhook(WebhookKind(data["kind"]), data["url"], data.get("secret") or None)
    except (ValueError, KeyError):
        log.warning("the stored alert webhook is damaged; ignoring it")
        return None


def clear_webhook() -> None:
    _session.pop(ACCOUNT, None)
    if keychain_available():
        with contextlib.suppress(keyring.errors.KeyringError):  # nothing stored
            keyring.delete_password(SERVICE, ACCOUNT)
    settings = Settings.load()
    settings.extra.pop(SETTINGS_KEY, None)
    settings.save()
