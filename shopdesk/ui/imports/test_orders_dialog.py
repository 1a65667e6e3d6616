"""测试订单规则 — the merchant's own words that mark an order as a test order.

The built-in rule (测试, or the word "test") always applies; words added here
count too, for files imported from now on. Kept with the database so that every
seat of a team uses the same rule.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from shopdesk.services import test_orders
from shopdesk.services.database import Database
from shopdesk.tasks.runner import Task


class TestOrderRulesDialog(QDialog):
    __test__ = False  # not a pytest test class, despite its name
    saved = Signal(tuple)
    loaded = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("testOrderRulesDialog")
        self.database = database
        self.task: Task | None = None
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.words = QPlainTextEdit(self)
        self.words.setObjectName("testOrderWords")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.words, 1)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self.resize(520, 380)
        task = Task(lambda _p: test_orders.get_words(database), title=self.tr("Reading…"), parent=self)
        task.finished.connect(self._show)
        self.task = task.start()

    def _show(self, words: tuple[str, ...]) -> None:
        self.words.setPlainText("\n".join(words))
        self.loaded.emit()

    def save(self) -> None:
        words, database = self.words.toPlainText().splitlines(), self.database
        self.buttons.setEnabled(False)
        task = Task(lambda _p: test_orders.set_words(database, words), title=self.tr("Saving…"), parent=self)
        task.finished.connect(self._saved)
        task.failed.connect(lambda _e: self.buttons.setEnabled(True))
        self.task = task.start()

    def _saved(self, words: tuple[str, ...]) -> None:
        self.saved.emit(words)
        self.accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Test order rules"))
        self.hint.setText(
            self.tr(
                "Orders whose buyer message or seller memo contains 测试 or the word “test” are test "
                "orders: they stay in the database but count nowhere. Add your own words below, one per "
                "line (for example 内部下单 or 刷单); they apply to files imported from now on."
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
