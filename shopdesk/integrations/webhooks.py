"""Group-robot webhooks: DingTalk, WeCom (企业微信) and Feishu/Lark.

Alerts reach the team where it already talks. Each robot wants its own body
and, for DingTalk and Feishu, its own signature (see formats/README.md, "Alert
webhooks"). All three answer HTTP 200 even when they refuse a message, so the
answer's ``errcode``/``code`` decides, not the status.

Network errors, 5xx and the robots' "too many messages" codes are retried with
exponential backoff; anything else fails at once with a message a person can
act on. The robot address and the signing secret are secrets: they never
appear in an error text or a log line.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

import httpx

from shopdesk.i18n import _
from shopdesk.log import redact

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10.0
ATTEMPTS = 3
BACKOFF_SECONDS = 1.0  # 1 s, 2 s, 4 s …
WECOM_MARKDOWN_BYTES = 4096
DINGTALK_BODY_BYTES = 20_000

# "Sending too fast" answers: worth another try after a pause.
THROTTLED = {"dingtalk": {130101}, "wecom": {45009}, "feishu": {11232, 9499}}


class WebhookKind(StrEnum):
    DINGTALK = "dingtalk"
    WECOM = "wecom"
    FEISHU = "feishu"


@dataclass(frozen=True)
class Webhook:
    """Where to send: the robot's kind, its full address and (optional) signing secret."""

    kind: WebhookKind
    url: str = field(repr=False)
    secret: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Message:
    """A title and paragraphs; each robot gets them in the shape it renders best."""

    title: str
    paragraphs: tuple[str, ...]

    def markdown(self) -> str:
        return "\n\n".join([f"### {self.title}", *self.paragraphs])

    def plain(self) -> str:
        return "\n".join([self.title, *self.paragraphs])


class WebhookError(Exception):
    """The robot did not take the message. ``str()`` is a user-facing sentence
    without the robot's address or secret; ``retryable`` says whether trying
    later may help."""

    def __init__(self, message: str, *, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """base64(HMAC-SHA256(key=secret, msg="{timestamp}\\n{secret}"))."""
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def feishu_sign(secret: str, timestamp_s: int) -> str:
    """base64(HMAC-SHA256(key="{timestamp}\\n{secret}", msg=b"")) — Feishu signs an empty message."""
    digest = hmac.new(f"{timestamp_s}\n{secret}".encode(), b"", hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def _truncate_bytes(text: str, limit: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[: limit - 3].decode("utf-8", errors="ignore") + "…"


def build_request(webhook: Webhook, message: Message, now: float) -> tuple[httpx.URL, dict]:
    """The URL (with DingTalk's signature merged into its query) and the JSON body."""
    url = httpx.URL(webhook.url)
    if webhook.kind is WebhookKind.DINGTALK:
        if webhook.secret:
            stamp = int(now * 1000)
            # params= would replace the access_token already in the query: merge instead
            signature = {"timestamp": str(stamp), "sign": dingtalk_sign(webhook.secret, stamp)}
            url = url.copy_merge_params(signature)
        text = _truncate_bytes(message.markdown(), DINGTALK_BODY_BYTES - 500)
        return url, {"msgtype": "markdown", "markdown": {"title": message.title, "text": text}}
    if webhook.kind is WebhookKind.WECOM:
        content = _truncate_bytes(message.markdown(), WECOM_MARKDOWN_BYTES)
        return url, {"msgtype": "markdown", "markdown": {"content": content}}
    body: dict = {
        "msg_type": "post",
        "content": {
            "post": {
                "zh_cn": {
                    "title": message.title,
                    "content": [[{"tag": "text", "text": p}] for p in message.paragraphs],
                }
            }
        },
    }
    if webhook.secret:
        stamp = int(now)
        body["timestamp"] = str(stamp)
        body["sign"] = feishu_sign(webhook.secret, stamp)
    return url, body


def _check_answer(kind: WebhookKind, response: httpx.Response) -> None:
    """Raise WebhookError unless the robot accepted the message."""
    if response.status_code >= 500 or response.status_code == 429:
        raise WebhookError(
            _("The group robot's server had a problem (HTTP {status}).", status=response.status_code),
            retryable=True,
        )
    if response.status_code >= 400:
        raise WebhookError(
            _(
                "The group robot refused the request (HTTP {status}); check the webhook address.",
                status=response.status_code,
            )
        )
    try:
        answer = response.json()
    except ValueError:
        raise WebhookError(_("The group robot gave an answer shopdesk does not understand.")) from None
    if not isinstance(answer, dict):
        raise WebhookError(_("The group robot gave an answer shopdesk does not understand."))
    if kind is WebhookKind.FEISHU:  # v2 hooks answer {"code": 0}, older ones {"StatusCode": 0}
        code = answer["code"] if "code" in answer else answer.get("StatusCode")
        text = answer.get("msg") or answer.get("StatusMessage") or ""
    else:
        code, text = answer.get("errcode"), answer.get("errmsg") or ""
    if code == 0:
        return
    raise WebhookError(
        _("The group robot refused the message: {code} {reason}", code=code, reason=redact(str(text))),
        retryable=code in THROTTLED[kind.value],
    )


def send(
    webhook: Webhook,
    message: Message,
    *,
    client: httpx.Client | None = None,
    attempts: int | None = None,
    backoff: float | None = None,
    clock: Callable[[], float] = time.time,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Deliver ``message``; retry what may pass later, raise :class:`WebhookError` otherwise."""
    attempts = ATTEMPTS if attempts is None else attempts
    backoff = BACKOFF_SECONDS if backoff is None else backoff
    own = client is None
    client = client or httpx.Client(timeout=TIMEOUT_SECONDS)
    try:
        for attempt in range(1, attempts + 1):
            try:
                url, body = build_request(webhook, message, clock())  # a fresh signature each try
                payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
                response = client.post(url, content=payload, headers={"Content-Type": "application/json"})
                _check_answer(webhook.kind, response)
                log.info("%s webhook accepted the message (attempt %d)", webhook.kind.value, attempt)
                return
            except httpx.TransportError as exc:
                error = WebhookError(
                    _("Could not reach the group robot ({error}).", error=_safe(exc, webhook)), retryable=True
                )
            except httpx.InvalidURL:
                raise WebhookError(_("The webhook address is not a valid URL.")) from None
            except WebhookError as exc:
                error = exc
            log.warning("%s webhook attempt %d failed: %s", webhook.kind.value, attempt, error)
            if not error.retryable or attempt == attempts:
                raise error
            sleep(backoff * 2 ** (attempt - 1))
    finally:
        if own:
            client.close()


def _safe(exc: Exception, webhook: Webhook) -> str:
    """An exception's text with the address and secret taken out."""
    text = str(exc) or type(exc).__name__
    for secret in (webhook.url, webhook.secret):
        if secret:
            text = text.replace(secret, "***")
    return redact(text)
