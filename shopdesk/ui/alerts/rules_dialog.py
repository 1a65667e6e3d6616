"""设置 → 预警规则: the rules (add, edit, delete, switch on/off) and the group robot.

The rule form edits the rule selected on the left ("New rule" starts an empty
one); nothing is written until "Save rule". The webhook address and secret go
to the OS keychain through :mod:`shopdesk.services.alerts.channel` — never to
the database or the settings — and the test message is sent off the GUI thread.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from shopdesk.integrations.webhooks import Webhook, WebhookKind
from shopdesk.platforms import PLATFORMS
from shopdesk.services import alerts
from shopdesk.services.alerts import channel
from shopdesk.services.alerts.notify import send_test
from shopdesk.services.alerts.rules import (
    COMPARISONS,
    DIRECTIONS,
    METRICS,
    PERIODS,
    SCOPES,
    Rule,
    metric_label,
)
from shopdesk.services.database import Database
from shopdesk.tasks.runner import Task
from shopdesk.ui.translators import current_language

ID_ROLE = Qt.ItemDataRole.UserRole


def _combo(parent: QWidget, name: str, values: tuple[str, ...]) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName(name)
    for value in values:
        combo.addItem("", value)
    return combo


def _select(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


class RulesDialog(QDialog):
    loaded = Signal()  # rules shown; lets tests and screenshots wait
    saved = Signal(object)  # Rule
    webhook_tested = Signal(bool, str)  # success, message shown
    webhook_loaded = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertRulesDialog")
        self.database = database
        self.rules: dict[int, Rule] = {}
        self.shops: dict[int, tuple[str, str]] = {}
        self.editing: Rule | None = None
        self.task: Task | None = None
        self.webhook_task: Task | None = None

        # rules list
        self.rule_list = QListWidget(self)
        self.rule_list.setObjectName("ruleList")
        self.rule_list.currentItemChanged.connect(lambda *_: self._edit_current())
        self.rule_list.itemChanged.connect(self._toggled)
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("newRule")
        self.new_button.clicked.connect(self.new_rule)
        self.delete_button = QPushButton(self)
        self.delete_button.setObjectName("deleteRule")
        self.delete_button.clicked.connect(self.delete_current)
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.new_button)
        list_buttons.addWidget(self.delete_button)
        left = QVBoxLayout()
        left.addWidget(self.rule_list, 1)
        left.addLayout(list_buttons)

        # rule form
        self.form_box = QGroupBox(self)
        self.name = QLineEdit(self)
        self.name.setObjectName("ruleName")
        self.metric_combo = _combo(self, "ruleMetric", METRICS)
        self.scope = _combo(self, "ruleScope", SCOPES)
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self.scope_value = QComboBox(self)
        self.scope_value.setObjectName("ruleScopeValue")
        self.comparison = _combo(self, "ruleComparison", COMPARISONS)
        self.comparison.currentIndexChanged.connect(self._comparison_changed)
        self.direction = _combo(self, "ruleDirection", DIRECTIONS)
        self.threshold = QDoubleSpinBox(self)
        self.threshold.setObjectName("ruleThreshold")
        self.threshold.setDecimals(2)
        self.min_volume = QSpinBox(self)
        self.min_volume.setObjectName("ruleMinVolume")
        self.min_volume.setRange(0, 10_000_000)
        self.period = _combo(self, "rulePeriod", PERIODS)
        self.enabled = QCheckBox(self)
        self.enabled.setObjectName("ruleEnabled")
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveRule")
        self.save_button.clicked.connect(self.save_rule)
        self.form_message = QLabel(self)
        self.form_message.setObjectName("ruleMessage")
        self.form_message.setWordWrap(True)
        self.form = QFormLayout(self.form_box)
        self.labels = [QLabel(self) for _ in range(9)]
        fields = [self.name, self.metric_combo, self.scope, self.scope_value, self.comparison, self.direction,
                  self.threshold, self.min_volume, self.period]  # fmt: skip
        for label, field in zip(self.labels, fields, strict=True):
            self.form.addRow(label, field)
        self.form.addRow("", self.enabled)
        self.form.addRow(self.form_message)
        self.form.addRow("", self.save_button)

        # webhook
        self.webhook_box = QGroupBox(self)
        self.webhook_kind = QComboBox(self)
        self.webhook_kind.setObjectName("webhookKind")
        for value in ("", *[k.value for k in WebhookKind]):
            self.webhook_kind.addItem("", value)
        self.webhook_url = QLineEdit(self)
        self.webhook_url.setObjectName("webhookUrl")
        self.webhook_url.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.webhook_secret = QLineEdit(self)
        self.webhook_secret.setObjectName("webhookSecret")
        self.webhook_secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.webhook_save = QPushButton(self)
        self.webhook_save.setObjectName("saveWebhook")
        self.webhook_save.clicked.connect(self.save_webhook)
        self.webhook_test = QPushButton(self)
        self.webhook_test.setObjectName("testWebhook")
        self.webhook_test.clicked.connect(self.test_webhook)
        self.webhook_message = QLabel(self)
        self.webhook_message.setObjectName("webhookMessage")
        self.webhook_message.setWordWrap(True)
        self.webhook_labels = [QLabel(self) for _ in range(3)]
        webhook_form = QFormLayout(self.webhook_box)
        webhook_fields = (self.webhook_kind, self.webhook_url, self.webhook_secret)
        for label, field in zip(self.webhook_labels, webhook_fields, strict=True):
            webhook_form.addRow(label, field)
        webhook_buttons = QHBoxLayout()
        webhook_buttons.addStretch(1)
        webhook_buttons.addWidget(self.webhook_save)
        webhook_buttons.addWidget(self.webhook_test)
        webhook_form.addRow(self.webhook_message)
        webhook_form.addRow(webhook_buttons)

        right = QVBoxLayout()
        right.addWidget(self.form_box)
        right.addWidget(self.webhook_box)
        right.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addLayout(right, 3)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self.resize(900, 600)
        self.reload()
        self._load_webhook()

    # --- rules ----------------------------------------------------------------------------------
    def reload(self, select: int | None = None) -> None:
        database = self.database

        def job(_p):
            return alerts.list_rules(database), alerts.list_shops(database)

        task = Task(job, show_progress=False, parent=self)
        task.finished.connect(lambda found: self._show_rules(*found, select=select))
        task.failed.connect(self._failed)
        self.task = task.start()

    def _show_rules(self, rules: list[Rule], shops: dict[int, tuple[str, str]], select: int | None) -> None:
        self.rules = {r.id: r for r in rules if r.id is not None}
        self.shops = shops
        self.rule_list.blockSignals(True)
        self.rule_list.clear()
        for rule in rules:
            item = QListWidgetItem(rule.name, self.rule_list)
            item.setData(ID_ROLE, rule.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if rule.enabled else Qt.CheckState.Unchecked)
            item.setToolTip(self._summary(rule))
        self.rule_list.blockSignals(False)
        row = next((i for i, r in enumerate(rules) if r.id == select), 0 if rules else -1)
        if row >= 0:
            self.rule_list.setCurrentRow(row)
        else:
            self.new_rule()
        self.delete_button.setEnabled(bool(rules))
        self.loaded.emit()

    def _summary(self, rule: Rule) -> str:
        return f"{metric_label(rule.metric)} · {self._comparison_text(rule.comparison)}"

    def _edit_current(self) -> None:
        item = self.rule_list.currentItem()
        rule = self.rules.get(item.data(ID_ROLE)) if item is not None else None
        if rule is not None:
            self._load_form(rule)

    def new_rule(self) -> None:
        self.rule_list.setCurrentRow(-1)
        self._load_form(Rule(name="", metric="gmv", threshold=Decimal("0.2"), min_volume=0))
        self.name.setFocus()

    def _load_form(self, rule: Rule) -> None:
        self.editing = rule
        self.name.setText(rule.name)
        _select(self.metric_combo, rule.metric)
        _select(self.scope, rule.scope)
        self._scope_changed()
        if rule.scope == "product":
            self.scope_value.setEditText(rule.scope_value or "")
        else:
            _select(self.scope_value, rule.scope_value)
        _select(self.comparison, rule.comparison)
        _select(self.direction, rule.direction)
        self._comparison_changed()
        shown = rule.threshold if rule.comparison == "absolute" else rule.threshold * 100
        self.threshold.setValue(float(shown))
        self.min_volume.setValue(rule.min_volume)
        _select(self.period, rule.period)
        self.enabled.setChecked(rule.enabled)
        self.form_message.setText("")

    def _scope_changed(self) -> None:
        scope = self.scope.currentData()
        self.scope_value.clear()
        self.scope_value.setEditable(scope == "product")
        self.scope_value.setEnabled(scope != "all")
        if scope == "platform":
            self.scope_value.addItem(self.tr("each platform separately"), None)
            language = current_language()
            from shopdesk.platforms import platform_name

            for code in PLATFORMS:
                self.scope_value.addItem(platform_name(code, language), code)
        elif scope == "shop":
            self.scope_value.addItem(self.tr("each shop separately"), None)
            for shop_id, (_platform, name) in self.shops.items():
                self.scope_value.addItem(name, str(shop_id))
        elif scope == "product":
            self.scope_value.lineEdit().setPlaceholderText(self.tr("商家编码 or platform item id"))

    def _comparison_changed(self) -> None:
        absolute = self.comparison.currentData() == "absolute"
        self.threshold.setSuffix("" if absolute else " %")
        self.threshold.setRange(0, 1e9 if absolute else 1000)
        either = self.direction.findData("either")
        item = self.direction.model().item(either)
        item.setEnabled(not absolute)
        if absolute and self.direction.currentData() == "either":
            _select(self.direction, "down")

    def form_rule(self) -> Rule:
        """The rule as the form states it (not yet validated)."""
        base = self.editing or Rule(name="", metric="gmv")
        scope = self.scope.currentData()
        if scope == "product":
            value = self.scope_value.currentText().strip() or None
        else:
            value = self.scope_value.currentData() if scope != "all" else None
        raw = Decimal(str(round(self.threshold.value(), 4)))
        threshold = raw if self.comparison.currentData() == "absolute" else raw / 100
        return replace(
            base,
            name=self.name.text().strip(),
            metric=self.metric_combo.currentData(),
            scope=scope,
            scope_value=value,
            comparison=self.comparison.currentData(),
            direction=self.direction.currentData(),
            threshold=threshold,
            min_volume=self.min_volume.value(),
            period=self.period.currentData(),
            enabled=self.enabled.isChecked(),
        )

    def save_rule(self) -> None:
        rule = self.form_rule()
        problems = rule.problems()
        if problems:
            self.form_message.setText("\n".join(problems))
            return
        database = self.database
        self.save_button.setEnabled(False)
        task = Task(lambda _p: alerts.save_rule(database, rule), show_progress=False, parent=self)
        task.finished.connect(self._saved)
        task.failed.connect(self._failed)
        task.done.connect(lambda: self.save_button.setEnabled(True))
        self.task = task.start()

    def _saved(self, rule: Rule) -> None:
        self.form_message.setText(self.tr("Saved."))
        self.saved.emit(rule)
        self.reload(select=rule.id)

    def _toggled(self, item: QListWidgetItem) -> None:
        rule = self.rules.get(item.data(ID_ROLE))
        if rule is None:
            return
        enabled = item.checkState() == Qt.CheckState.Checked
        if enabled == rule.enabled:
            return
        changed, database = replace(rule, enabled=enabled), self.database
        self.rules[rule.id] = changed  # type: ignore[index]
        task = Task(lambda _p: alerts.save_rule(database, changed), show_progress=False, parent=self)
        task.finished.connect(lambda saved: self.saved.emit(saved))
        task.failed.connect(self._failed)
        self.task = task.start()
        if self.editing is not None and self.editing.id == rule.id:
            self.editing = changed
            self.enabled.setChecked(enabled)

    def delete_current(self, *, confirm: bool = True) -> None:
        item = self.rule_list.currentItem()
        rule = self.rules.get(item.data(ID_ROLE)) if item is not None else None
        if rule is None:
            return
        if confirm:
            answer = QMessageBox.question(
                self,
                self.tr("Delete rule"),
                self.tr("Delete the rule “{name}” and the alerts it raised?").format(name=rule.name),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        database = self.database
        task = Task(lambda _p: alerts.delete_rule(database, rule.id), show_progress=False, parent=self)
        task.finished.connect(lambda _r: self.reload())
        task.failed.connect(self._failed)
        self.task = task.start()

    def _failed(self, exc: object) -> None:
        self.form_message.setText(self.tr("Something went wrong: {error}").format(error=exc))

    # --- webhook --------------------------------------------------------------------------------
    def _load_webhook(self) -> None:
        task = Task(lambda _p: channel.load_webhook(), show_progress=False, parent=self)
        task.finished.connect(self._show_webhook)
        self.webhook_task = task.start()

    def _show_webhook(self, webhook: Webhook | None) -> None:
        if not (self.webhook_kind.currentData() or self.webhook_url.text()):
            # (if the user started typing before the keychain answered, keep what they typed)
            _select(self.webhook_kind, webhook.kind.value if webhook else "")
            self.webhook_url.setText(webhook.url if webhook else "")
            self.webhook_secret.setText((webhook.secret or "") if webhook else "")
        if not channel.keychain_available():
            self.webhook_message.setText(
                self.tr(
                    "This computer has no usable keychain: the webhook is kept only until shopdesk "
                    "quits (it is never written to a file)."
                )
            )
        self.webhook_loaded.emit()

    def form_webhook(self) -> Webhook | None:
        kind, url = self.webhook_kind.currentData(), self.webhook_url.text().strip()
        if not kind or not url:
            return None
        return Webhook(WebhookKind(kind), url, self.webhook_secret.text().strip() or None)

    def save_webhook(self) -> None:
        webhook = self.form_webhook()
        if webhook is None and self.webhook_kind.currentData():
            self.webhook_message.setText(self.tr("Paste the robot's webhook address first."))
            return

        def job(_p):
            if webhook is None:
                channel.clear_webhook()
                return None
            return channel.save_webhook(webhook)

        task = Task(job, show_progress=False, parent=self)
        task.finished.connect(self._webhook_saved)
        task.failed.connect(lambda exc: self.webhook_message.setText(str(exc)))
        self.webhook_task = task.start()

    def _webhook_saved(self, stored: channel.Stored | None) -> None:
        if stored is None:
            text = self.tr("No group robot: alerts are shown in shopdesk only.")
        elif stored is channel.Stored.KEYCHAIN:
            text = self.tr("Saved in the system keychain.")
        else:
            text = self.tr(
                "This computer has no usable keychain: the webhook is kept only until shopdesk "
                "quits (it is never written to a file)."
            )
        self.webhook_message.setText(text)

    def test_webhook(self) -> None:
        webhook = self.form_webhook()
        if webhook is None:
            self.webhook_message.setText(self.tr("Choose the robot and paste its webhook address first."))
            return
        self.webhook_test.setEnabled(False)
        self.webhook_message.setText(self.tr("Sending the test message…"))
        task = Task(lambda _p: send_test(webhook), title=self.tr("Sending…"), parent=self)
        task.finished.connect(lambda _r: self._tested(True, self.tr("The test message was sent.")))
        task.failed.connect(lambda exc: self._tested(False, str(exc)))
        task.done.connect(lambda: self.webhook_test.setEnabled(True))
        self.webhook_task = task.start()

    def _tested(self, ok: bool, message: str) -> None:
        self.webhook_message.setStyleSheet("" if ok else "color: #c92a2a;")
        self.webhook_message.setText(message)
        self.webhook_tested.emit(ok, message)

    # --- texts ----------------------------------------------------------------------------------
    def _comparison_text(self, value: str) -> str:
        return {
            "prev_period": self.tr("vs the period before"),
            "same_weekday_4w": self.tr("vs the same weekday of the last 4 weeks"),
            "absolute": self.tr("absolute threshold"),
        }[value]

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Alert rules"))
        self.new_button.setText(self.tr("New rule"))
        self.delete_button.setText(self.tr("Delete"))
        self.form_box.setTitle(self.tr("Rule"))
        self.save_button.setText(self.tr("Save rule"))
        self.enabled.setText(self.tr("Enabled"))
        texts = [self.tr("Name"), self.tr("Metric"), self.tr("Scope"), self.tr("Which"), self.tr("Compare"),
                 self.tr("Direction"), self.tr("Threshold"), self.tr("Minimum volume"),
                 self.tr("Period")]  # fmt: skip
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.min_volume.setToolTip(
            self.tr(
                "Below this many visitors (conversion, visitors), buyers (repeat rate) or paid orders "
                "(everything else) the rule stays quiet."
            )
        )
        for i in range(self.metric_combo.count()):
            self.metric_combo.setItemText(i, metric_label(self.metric_combo.itemData(i)))
        scope_texts = {"all": self.tr("All platforms"), "platform": self.tr("Platform"),
                       "shop": self.tr("Shop"), "product": self.tr("Product")}  # fmt: skip
        for i in range(self.scope.count()):
            self.scope.setItemText(i, scope_texts[self.scope.itemData(i)])
        for i in range(self.comparison.count()):
            self.comparison.setItemText(i, self._comparison_text(self.comparison.itemData(i)))
        direction_texts = {"down": self.tr("drops (or below)"), "up": self.tr("rises (or above)"),
                           "either": self.tr("either way")}  # fmt: skip
        for i in range(self.direction.count()):
            self.direction.setItemText(i, direction_texts[self.direction.itemData(i)])
        period_texts = {"day": self.tr("Day (yesterday)"), "week": self.tr("Week (last full week)")}
        for i in range(self.period.count()):
            self.period.setItemText(i, period_texts[self.period.itemData(i)])
        self.webhook_box.setTitle(self.tr("Group robot (optional)"))
        kinds = {"": self.tr("None: alerts in shopdesk only"), "dingtalk": self.tr("DingTalk"),
                 "wecom": self.tr("WeCom"), "feishu": self.tr("Feishu / Lark")}  # fmt: skip
        for i in range(self.webhook_kind.count()):
            self.webhook_kind.setItemText(i, kinds[self.webhook_kind.itemData(i)])
        for label, text in zip(self.webhook_labels, (self.tr("Robot"), self.tr("Webhook address"),
                                                     self.tr("Signing secret")), strict=True):  # fmt: skip
            label.setText(text)
        self.webhook_secret.setPlaceholderText(self.tr("only if the robot uses 加签 (signing)"))
        self.webhook_save.setText(self.tr("Save robot settings"))
        self.webhook_test.setText(self.tr("Send test message"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
