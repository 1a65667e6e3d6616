"""Group-robot webhooks against a real HTTP server on 127.0.0.1, and the
notification bookkeeping: a failed send is kept, shown and retried later."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import keyring
import pytest
from keyring.backends import fail
from sqlalchemy import text

from shopdesk import paths
from shopdesk.integrations import webhooks
from shopdesk.integrations.webhooks import Message, Webhook, WebhookError, WebhookKind
from shopdesk.services import alerts
from shopdesk.services.alerts import channel
from shopdesk.services.imports import import_file
from tests import alerts_data
from tests.helpers.keyring import MemoryKeyring

SECRET = "SEC0123456789abcdef"
TOKEN = "a1b2c3d4e5f6tokenvalue"


class Robot:
    """A local group robot: records each request, answers from a script."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.answers: list[tuple[int, dict | str]] = []
        robot = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                robot.requests.append({"path": self.path, "body": json.loads(body.decode("utf-8"))})
                status, answer = robot.answers.pop(0) if robot.answers else (200, {"errcode": 0, "code": 0})
                data = answer.encode() if isinstance(answer, str) else json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def robot() -> Iterator[Robot]:
    server = Robot()
    yield server
    server.close()


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch) -> None:
    monkeypatch.setattr(webhooks, "BACKOFF_SECONDS", 0.0)


MESSAGE = Message(
    "shopdesk 预警：转化率下降", ("淘宝/天猫 · 2026-W45 转化率：2.00%", "GMV ¥10,000.00 → ¥6,000.00")
)


def test_dingtalk_markdown_signed_in_the_query(robot: Robot) -> None:
    hook = Webhook(WebhookKind.DINGTALK, robot.url(f"/robot/send?access_token={TOKEN}"), SECRET)
    webhooks.send(hook, MESSAGE)
    (request,) = robot.requests
    query = parse_qs(urlsplit(request["path"]).query)
    assert query["access_token"] == [TOKEN]  # kept, not replaced by the signature
    timestamp = query["timestamp"][0]
    expected = base64.b64encode(
        hmac.new(SECRET.encode(), f"{timestamp}\n{SECRET}".encode(), hashlib.sha256).digest()
    ).decode()
    assert query["sign"] == [expected]  # parse_qs decodes once: it was URL-encoded exactly once
    assert len(timestamp) == 13  # milliseconds
    assert request["body"]["msgtype"] == "markdown"
    assert request["body"]["markdown"]["title"] == MESSAGE.title
    assert request["body"]["markdown"]["text"].startswith("### shopdesk 预警：转化率下降\n\n淘宝/天猫")


def test_wecom_markdown(robot: Robot) -> None:
    webhooks.send(Webhook(WebhookKind.WECOM, robot.url("/cgi-bin/webhook/send?key=abc")), MESSAGE)
    (request,) = robot.requests
    assert request["path"] == "/cgi-bin/webhook/send?key=abc"
    assert request["body"] == {"msgtype": "markdown", "markdown": {"content": MESSAGE.markdown()}}


def test_feishu_post_signed_in_the_body(robot: Robot) -> None:
    webhooks.send(Webhook(WebhookKind.FEISHU, robot.url("/open-apis/bot/v2/hook/xyz"), SECRET), MESSAGE)
    body = robot.requests[0]["body"]
    stamp = body["timestamp"]
    key = f"{stamp}\n{SECRET}".encode()
    assert body["sign"] == base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
    assert len(stamp) == 10  # seconds
    post = body["content"]["post"]["zh_cn"]
    assert body["msg_type"] == "post"
    assert post["title"] == MESSAGE.title
    assert [c[0]["text"] for c in post["content"]] == list(MESSAGE.paragraphs)


def test_a_500_is_retried_then_succeeds(robot: Robot) -> None:
    robot.answers = [(500, "oops"), (200, {"errcode": 0, "errmsg": "ok"})]
    webhooks.send(Webhook(WebhookKind.DINGTALK, robot.url("/robot/send?access_token=t"), SECRET), MESSAGE)
    assert len(robot.requests) == 2
    first, second = (parse_qs(urlsplit(r["path"]).query) for r in robot.requests)
    assert first["access_token"] == second["access_token"] == ["t"]


def test_refusals_in_the_answer_body_are_errors(robot: Robot) -> None:
    robot.answers = [(200, {"errcode": 310000, "errmsg": "sign not match"})]
    with pytest.raises(WebhookError) as refused:
        webhooks.send(Webhook(WebhookKind.DINGTALK, robot.url("/robot/send?access_token=t"), "x"), MESSAGE)
    assert "310000" in str(refused.value) and not refused.value.retryable
    assert len(robot.requests) == 1  # not retried: it would fail the same way
    robot.answers = [(200, {"code": 19021, "msg": "sign match fail"})]
    with pytest.raises(WebhookError, match="19021"):
        webhooks.send(Webhook(WebhookKind.FEISHU, robot.url("/hook/x"), "x"), MESSAGE)
    robot.answers = [(200, {"StatusCode": 0, "StatusMessage": "success"})]
    webhooks.send(Webhook(WebhookKind.FEISHU, robot.url("/hook/x")), MESSAGE)  # the older Feishu answer
    robot.answers = [(200, {"errcode": 45009, "errmsg": "freq limit"})] * 3
    with pytest.raises(WebhookError, match="45009") as throttled:
        webhooks.send(Webhook(WebhookKind.WECOM, robot.url("/send?key=k")), MESSAGE)
    assert throttled.value.retryable


def test_unreachable_robot_error_does_not_show_the_address() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    hook = Webhook(WebhookKind.DINGTALK, f"http://127.0.0.1:{port}/robot/send?access_token={TOKEN}", SECRET)
    with pytest.raises(WebhookError) as failed:
        webhooks.send(hook, MESSAGE, attempts=2)
    assert failed.value.retryable
    assert TOKEN not in str(failed.value) and SECRET not in str(failed.value)


# --- storage -------------------------------------------------------------------------------------


def test_webhook_lives_in_the_keychain_only(memory_keyring: MemoryKeyring, db) -> None:
    hook = Webhook(WebhookKind.DINGTALK, f"https://oapi.dingtalk.com/robot/send?access_token={TOKEN}", SECRET)
    assert channel.save_webhook(hook) is channel.Stored.KEYCHAIN
    assert channel.load_webhook() == hook
    settings_text = paths.settings_file().read_text(encoding="utf-8")
    assert TOKEN not in settings_text and SECRET not in settings_text
    assert '"alert_webhook_kind": "dingtalk"' in settings_text
    assert TOKEN in next(iter(memory_keyring.store.values()))
    channel.clear_webhook()
    assert channel.load_webhook() is None and memory_keyring.store == {}


def test_without_a_keychain_the_webhook_is_kept_for_the_session_only() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        hook = Webhook(WebhookKind.WECOM, "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k123")
        assert channel.keychain_available() is False
        assert channel.save_webhook(hook) is channel.Stored.SESSION
        assert channel.load_webhook() == hook
        assert "k123" not in paths.settings_file().read_text(encoding="utf-8")
        channel._session.clear()  # the app quit
        assert channel.load_webhook() is None
    finally:
        keyring.set_keyring(previous)
        channel._session.clear()


# --- notification bookkeeping ----------------------------------------------------------------------


@pytest.fixture
def loaded(db, tmp_path: Path):
    for path in alerts_data.write_taobao(tmp_path):
        assert import_file(db, path).status == "loaded"
    return db


def _state(db) -> list[tuple]:
    with db.engine.connect() as conn:
        return conn.execute(
            text("SELECT notified_at IS NOT NULL, notify_error, notify_attempts FROM alert_event")
        ).all()


def test_failed_notification_is_kept_and_retried_later(
    loaded, robot: Robot, memory_keyring: MemoryKeyring, caplog
) -> None:
    hook = Webhook(WebhookKind.DINGTALK, robot.url(f"/robot/send?access_token={TOKEN}"), SECRET)
    channel.save_webhook(hook)
    robot.answers = [(500, "down")] * 3
    outcome = alerts.run(loaded, alerts_data.AS_OF)
    assert len(outcome.new) == 1 and len(robot.requests) == 3
    (event,) = outcome.new
    assert event.notified_at is None and "HTTP 500" in (event.notify_error or "")
    assert outcome.notified is not None and list(outcome.notified.failed) == [event.id]
    assert _state(loaded) == [(0, "群机器人服务器出错（HTTP 500）。", 1)]
    # the next evaluation raises nothing new but sends what is owed
    again = alerts.run(loaded, alerts_data.AS_OF)
    assert again.new == [] and again.notified is not None and again.notified.sent == [event.id]
    assert _state(loaded) == [(1, None, 2)]
    sent = robot.requests[-1]["body"]["markdown"]["text"]
    assert "转化率" in sent and "青禾纯棉宽松T恤" in sent
    # sent once: a third evaluation sends nothing
    alerts.run(loaded, alerts_data.AS_OF)
    assert len(robot.requests) == 4
    assert TOKEN not in caplog.text and SECRET not in caplog.text


def test_retry_on_demand_and_without_a_robot(loaded, robot: Robot, memory_keyring: MemoryKeyring) -> None:
    (event_id,) = alerts.evaluate(loaded, alerts_data.AS_OF)  # no robot configured: app only
    assert _state(loaded) == [(0, None, 0)]
    assert alerts.notify(loaded, [event_id]).configured is False
    channel.save_webhook(Webhook(WebhookKind.WECOM, robot.url("/send?key=k")))
    robot.answers = [(200, {"errcode": 93000, "errmsg": "invalid webhook url"})]
    report = alerts.notify(loaded, [event_id])
    assert "93000" in report.failed[event_id]
    assert _state(loaded)[0][:2] == (0, "群机器人拒收了消息：93000 invalid webhook url")
    report = alerts.notify(loaded, [])  # the owed one is found without being named
    assert report.sent == [event_id] and _state(loaded) == [(1, None, 2)]
