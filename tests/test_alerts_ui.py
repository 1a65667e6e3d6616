"""The alerts GUI, offscreen: the rules dialog (rules and group robot) and the
alerts panel the dashboard embeds."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text

from shopdesk.integrations import webhooks
from shopdesk.services import alerts
from shopdesk.services.alerts import channel
from shopdesk.services.imports import import_file
from shopdesk.settings import Settings
from shopdesk.ui.alerts import AlertsPanel
from shopdesk.ui.alerts.rules_dialog import RulesDialog
from shopdesk.ui.main_window import MainWindow
from shopdesk.ui.translators import install_language
from tests import alerts_data
from tests.helpers.keyring import MemoryKeyring
from tests.test_alerts_webhooks import Robot


@pytest.fixture(autouse=True)
def chinese(qapp) -> Iterator[None]:
    install_language("zh_CN", qapp)
    yield


@pytest.fixture
def robot() -> Iterator[Robot]:
    server = Robot()
    yield server
    server.close()


@pytest.fixture
def loaded(db, tmp_path: Path):
    for path in alerts_data.write_taobao(tmp_path):
        assert import_file(db, path).status == "loaded"
    return db


def _dialog(qtbot, db) -> RulesDialog:
    dialog = RulesDialog(db)
    qtbot.addWidget(dialog)
    with qtbot.waitSignals([dialog.loaded, dialog.webhook_loaded], timeout=10000):
        dialog.show()
    return dialog


def test_rules_dialog_shows_the_shipped_rule_and_edits_rules(qtbot, db) -> None:
    dialog = _dialog(qtbot, db)
    assert dialog.rule_list.count() == 1
    assert dialog.name.text() == "各平台转化率环比下降 ≥ 20%"
    shown = (dialog.metric_combo.currentText(), dialog.scope.currentText(), dialog.scope_value.currentText())
    assert shown == ("转化率", "平台", "每个平台分别计算")
    assert (dialog.threshold.value(), dialog.min_volume.value()) == (20.0, 100)

    dialog.new_button.click()
    dialog.name.setText("T恤 GMV 低于 5000")
    dialog.metric_combo.setCurrentIndex(dialog.metric_combo.findData("gmv"))
    dialog.scope.setCurrentIndex(dialog.scope.findData("product"))
    dialog.scope_value.setEditText("QH2609")
    dialog.comparison.setCurrentIndex(dialog.comparison.findData("absolute"))
    assert not dialog.direction.model().item(dialog.direction.findData("either")).isEnabled()
    dialog.threshold.setValue(5000)
    dialog.period.setCurrentIndex(dialog.period.findData("week"))
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        dialog.save_button.click()
    assert dialog.rule_list.count() == 2
    with db.engine.connect() as conn:
        row = conn.execute(
            text("SELECT scope, scope_value, comparison, direction, threshold FROM alert_rule WHERE id = 2")
        ).one()
    assert tuple(row[:4]) == ("product", "QH2609", "absolute", "down") and Decimal(str(row[4])) == 5000

    # switching a rule off from its check box
    item = dialog.rule_list.item(0)
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        item.setCheckState(Qt.CheckState.Unchecked)
    assert [r.enabled for r in alerts.list_rules(db)] == [False, True]

    # an invalid rule is explained, not saved
    dialog.new_button.click()
    dialog.save_button.click()
    assert "请给规则起个名字" in dialog.form_message.text()

    dialog.rule_list.setCurrentRow(1)
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        dialog.delete_current(confirm=False)
    assert dialog.rule_list.count() == 1


def test_webhook_settings_and_test_message(qtbot, db, robot: Robot, memory_keyring: MemoryKeyring) -> None:
    dialog = _dialog(qtbot, db)
    dialog.test_webhook()
    assert "先" in dialog.webhook_message.text()  # choose a robot first
    dialog.webhook_kind.setCurrentIndex(dialog.webhook_kind.findData("dingtalk"))
    dialog.webhook_url.setText(robot.url("/robot/send?access_token=tok123"))
    dialog.webhook_secret.setText("SECabc")
    with qtbot.waitSignal(dialog.webhook_tested, timeout=10000) as tested:
        dialog.webhook_test.click()
    assert tested.args[0] is True and dialog.webhook_message.text() == "测试消息已发送。"
    assert robot.requests[0]["body"]["markdown"]["title"] == "shopdesk 测试消息"
    robot.answers = [(200, {"errcode": 310000, "errmsg": "sign not match"})]
    with qtbot.waitSignal(dialog.webhook_tested, timeout=10000) as tested:
        dialog.webhook_test.click()
    assert tested.args[0] is False and "310000" in dialog.webhook_message.text()
    dialog.webhook_save.click()
    qtbot.waitUntil(lambda: "钥匙串" in dialog.webhook_message.text(), timeout=10000)
    assert channel.load_webhook() == webhooks.Webhook(
        webhooks.WebhookKind.DINGTALK, robot.url("/robot/send?access_token=tok123"), "SECabc"
    )
    # a new dialog shows what is stored
    again = _dialog(qtbot, db)
    qtbot.waitUntil(lambda: again.webhook_url.text() != "", timeout=10000)
    assert again.webhook_kind.currentData() == "dingtalk"


def test_alerts_panel_lists_explains_acknowledges_and_retries(
    qtbot, loaded, robot: Robot, memory_keyring: MemoryKeyring, monkeypatch
) -> None:
    monkeypatch.setattr(webhooks, "BACKOFF_SECONDS", 0.0)
    channel.save_webhook(webhooks.Webhook(webhooks.WebhookKind.WECOM, robot.url("/send?key=k")))
    robot.answers = [(500, "down")] * 3
    alerts.run(loaded, alerts_data.AS_OF)
    panel = AlertsPanel()
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.waitSignal(panel.loaded, timeout=10000) as shown:
        panel.set_database(loaded)
    assert shown.args == [1]
    assert panel.title.text() == "预警（1 条未确认）"
    item = panel.list.topLevelItem(0)
    assert (item.text(2), item.text(3), item.text(4)) == ("淘宝/天猫", "2026-W45", "2.00%（-50.0%）")
    assert "发送失败" in item.text(5)
    detail = panel.detail.toPlainText()
    assert "变化最大的因素是转化率" in detail and "青禾纯棉宽松T恤" in detail and "HTTP 500" in detail
    assert panel.retry_button.isEnabled() and panel.acknowledge_button.isEnabled()

    with qtbot.waitSignal(panel.loaded, timeout=10000):
        panel.retry_button.click()
    assert panel.status.text() == "已发送到群机器人。"
    assert "已发送到群" in panel.list.topLevelItem(0).text(5)
    assert not panel.retry_button.isEnabled()

    with qtbot.waitSignal(panel.loaded, timeout=10000):
        panel.acknowledge_button.click()
    assert panel.title.text() == "预警（0 条未确认）"
    assert not panel.acknowledge_button.isEnabled()

    with qtbot.waitSignal(panel.loaded, timeout=10000):
        panel.check_button.click()
    assert panel.status.text() == "没有新的预警。"

    with qtbot.waitSignal(panel.loaded, timeout=10000) as shown:
        panel.set_database(None)
    assert shown.args == [0] and panel.list.topLevelItemCount() == 0


def test_settings_menu_opens_the_rules_and_imports_show_a_notice(qtbot, db, tmp_path, monkeypatch) -> None:
    window = MainWindow(Settings.load())
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.dashboard.overview_loaded, timeout=10000):
        window.set_database(db)
    assert window.menus.alert_rules.text() == "预警规则(&A)…"
    assert window.menus.alert_rules in window.menus.menus["settings"].actions()
    window.menus.alert_rules.trigger()
    dialog = window.alerts.rules_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitSignal(dialog.loaded, timeout=10000)
    dialog.close()

    monkeypatch.setattr("shopdesk.services.alerts.evaluation.today_in_beijing", lambda: alerts_data.AS_OF)
    results = [import_file(db, p) for p in alerts_data.write_taobao(tmp_path)]
    window.imports._imported(results)  # what the import dialog reports when it is done
    notice = window.alerts.notice
    assert notice is not None and notice.isVisible()
    assert notice.windowModality() == Qt.WindowModality.NonModal
    assert "1 条新预警" in notice.text() and "转化率" in notice.informativeText()
