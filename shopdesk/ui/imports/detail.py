"""The panel under the import dialog's file list: what the selected file is.

It shows what the dry run found in one file — what it holds and what importing
it will do, or why it cannot be imported — with the rows it rejects, the
statuses nobody mapped yet and, when the file asks for them, a shop picker and a
password button. It lives apart from :mod:`shopdesk.ui.imports.dialog` so the
dialog keeps to the file list, its buttons and the summary; the answers
(the chosen shop, a password, a status mapping) go back to the dialog by signal.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from shopdesk.ui.imports import files_model as fm
from shopdesk.ui.imports.files_model import FileEntry, FilesModel
from shopdesk.ui.imports.names import ImportNames
from shopdesk.ui.imports.rejects_view import RejectsView


class FileDetail(QWidget):
    shop_chosen = Signal()  # 使用此店铺: the file is from the shop in shop_combo
    password_requested = Signal()  # 输入密码…
    mapping_requested = Signal()  # 设置状态映射…: map the unknown statuses

    def __init__(self, model: FilesModel, names: ImportNames, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.names = names
        self._build()

    def _build(self) -> None:
        self.detail_title = QLabel(self)
        font = QFont(self.detail_title.font())
        font.setBold(True)
        self.detail_title.setFont(font)
        self.detail_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_message = QLabel(self)
        self.detail_message.setObjectName("detailMessage")
        self.detail_message.setWordWrap(True)
        self.detail_message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.shop_label = QLabel(self)
        self.shop_combo = QComboBox(self)
        self.shop_combo.setObjectName("shopChoice")
        self.shop_combo.setMinimumWidth(220)
        self.shop_button = self._button("useShop", self.shop_chosen)
        self.password_button = self._button("enterPassword", self.password_requested)
        self.unknown_label = QLabel(self)
        self.unknown_label.setObjectName("unknownStatuses")
        self.unknown_label.setWordWrap(True)
        self.mapping_button = self._button("openStatusMapping", self.mapping_requested)
        actions = QHBoxLayout()
        for widget in (self.shop_label, self.shop_combo, self.shop_button, self.password_button):
            actions.addWidget(widget)
        actions.addWidget(self.unknown_label, 1)
        actions.addWidget(self.mapping_button)
        self.rejects = RejectsView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.detail_title)
        layout.addWidget(self.detail_message)
        layout.addLayout(actions)
        layout.addWidget(self.rejects, 1)

    def _button(self, name: str, signal: SignalInstance) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.setAutoDefault(False)  # Enter is 确认导入
        button.clicked.connect(lambda _checked=False: signal.emit())
        return button

    def show_entry(self, entry: FileEntry | None) -> None:
        result = entry.result if entry is not None else None
        self.detail_title.setText(str(entry.path) if entry is not None else self.tr("No file selected"))
        message, error = self._message(entry)
        self.detail_message.setText(message)
        self.detail_message.setStyleSheet("color: #c92a2a;" if error else "")
        which_shop = entry is not None and entry.code == "which_shop" and entry.state == fm.REFUSED
        self.shop_combo.clear()
        if which_shop and entry is not None:
            self.shop_combo.addItems(entry.shops)
        for widget in (self.shop_label, self.shop_combo, self.shop_button):
            widget.setVisible(which_shop)
        self.password_button.setVisible(entry is not None and entry.code in fm.PASSWORD_CODES)
        unknown = result.unknown_statuses if result is not None and entry.state != fm.REFUSED else {}
        listed = "、".join(f"{k}（{v}）" for k, v in unknown.items())
        self.unknown_label.setText(
            self.tr("Unknown statuses: {statuses}").format(statuses=listed) if unknown else ""
        )
        self.unknown_label.setVisible(bool(unknown))
        self.mapping_button.setVisible(bool(unknown))
        show_rejects = result is not None and entry.state in (fm.READY, fm.IMPORTED)
        self.rejects.default_dir = entry.path.parent if entry is not None else None
        self.rejects.set_rejects(result.rejects if show_rejects and result else [], _stem(entry))

    def _message(self, entry: FileEntry | None) -> tuple[str, bool]:
        if entry is None:
            return self.tr("Add files with the button below or drop them here."), False
        result = entry.result
        if entry.state == fm.REFUSED and result is not None:
            refusal = self.model.refusal(entry)
            if refusal != result.message:
                refusal = f"{refusal}\n{result.message}"
            return self.tr("Cannot be imported: {reason}").format(reason=refusal), True
        if entry.state == fm.FAILED:
            return self.tr("Error: {error}").format(error=entry.error), True
        if result is None or entry.state not in (fm.READY, fm.IMPORTED):
            return self.model.state_text(entry), False
        shop = result.shop or ""
        what = f"{result.label} · {self.names.platform(result.platform)} · {shop}"
        if entry.state == fm.IMPORTED:
            intro = self.tr("Imported as import #{batch}.").format(batch=result.batch_id)
        else:
            intro = self.tr("Checked without writing anything; importing will give exactly these counts.")
        notes = "\n".join(result.notes)
        return "\n".join(part for part in (what, intro, notes) if part), False

    def retranslate_ui(self) -> None:
        self.shop_label.setText(self.tr("This file is from the shop:"))
        self.shop_button.setText(self.tr("Use this shop"))
        self.password_button.setText(self.tr("Enter password…"))
        self.mapping_button.setText(self.tr("Set status mapping…"))


def _stem(entry: FileEntry | None) -> str:
    return entry.path.stem if entry is not None else "rejects"
