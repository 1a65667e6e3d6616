"""The row of KPI cards: value, change against the previous period, the previous value.

Money and counts change in relative percent; conversion, repeat rate and share
change in percentage points (labelled so), because a rate moving from 3 % to
3.3 % is "+0.3 个百分点", and "+10 %" would read as 13 %. An unknown figure is
"—" with a tooltip that says why; every card's tooltip carries the DESIGN.md
definition, so the number on screen is the number in the weekly report.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from shopdesk.domain.kpi import Kpis, change
from shopdesk.services.kpi.metrics import ALL
from shopdesk.ui.dashboard import formats
from shopdesk.ui.imports.names import ImportNames

METRICS = ("gmv", "net_sales", "orders", "buyers", "aov", "conversion", "repeat_rate", "share")
RATES = {"conversion", "repeat_rate", "share"}
MONEY = {"gmv", "net_sales", "aov"}


@dataclass
class CardFigures:
    """What one card shows, already decided (kept for tests and tooltips)."""

    value: str
    change: str
    change_colour: str
    previous: str
    why_unknown: str = ""


class KpiCard(QFrame):
    def __init__(self, metric: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kpi = metric
        self.setObjectName(f"kpi_{metric}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            f"QFrame#kpi_{metric} {{ background: white; border: 1px solid #dee2e6; border-radius: 6px; }}"
        )
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.title, self.value, self.change, self.previous = (QLabel(self) for _ in range(4))
        self.title.setStyleSheet(f"color: {formats.GREY};")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.value.setFont(font)
        self.previous.setStyleSheet(f"color: {formats.GREY};")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        for label in (self.title, self.value, self.change, self.previous):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
        self.figures: CardFigures | None = None

    def show_figures(self, title: str, figures: CardFigures, definition: str) -> None:
        self.figures = figures
        self.title.setText(title)
        self.value.setText(figures.value)
        self.change.setText(figures.change)
        self.change.setStyleSheet(f"color: {figures.change_colour};")
        self.previous.setText(figures.previous)
        tip = definition if not figures.why_unknown else f"{figures.why_unknown}\n\n{definition}"
        self.setToolTip(tip)
        self.value.setToolTip(tip)


class KpiCards(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards = {metric: KpiCard(metric, self) for metric in METRICS}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 4)
        layout.setSpacing(8)
        for card in self.cards.values():
            layout.addWidget(card)
        self._shown: tuple[dict[str, Kpis], dict[str, Kpis], str | None] | None = None

    def show_kpis(self, current: dict[str, Kpis], before: dict[str, Kpis], platform: str | None) -> None:
        """``platform`` is the filter's platform (None: all); the share card then
        shows the largest platform's share."""
        self._shown = (current, before, platform)
        key = platform or ALL
        now, then = current.get(key), before.get(key)
        share_platform = platform or _largest(current)
        for metric, card in self.cards.items():
            if metric == "share":
                figures = self._figures(
                    metric, current.get(share_platform or ""), before.get(share_platform or "")
                )
                title = (
                    self.tr("Share · {platform}").format(platform=ImportNames().platform(share_platform))
                    if share_platform
                    else self.tr("Platform share")
                )
            else:
                figures = self._figures(metric, now, then)
                title = self.titles()[metric]
            card.show_figures(title, figures, self.definitions()[metric])

    def _figures(self, metric: str, now: Kpis | None, then: Kpis | None) -> CardFigures:
        value = now.value(metric) if now else None
        before = then.value(metric) if then else None
        if metric in RATES:
            moved = formats.points_change(value, before)
            shown_change = formats.points(moved, self.tr(" pp"))
            shown, shown_before = formats.percent(value), formats.percent(before)
        else:
            moved = change(value, before)
            shown_change = formats.relative_change(moved)
            as_text = formats.yuan if metric in MONEY else formats.count
            shown, shown_before = as_text(value), as_text(before)
        if moved is None and value is not None:
            shown_change = self.tr("— no comparison")
        return CardFigures(
            value=shown,
            change=shown_change,
            change_colour=formats.colour(moved),
            previous=self.tr("Previous {value}").format(value=shown_before),
            why_unknown=self._why_unknown(metric, now) if value is None else "",
        )

    def _why_unknown(self, metric: str, now: Kpis | None) -> str:
        if now is None or (now.orders == 0 and metric != "conversion"):
            return self.tr("No paid orders in this period.")
        if metric == "conversion":
            if now.visitors is None:
                return self.tr(
                    "Unknown: no traffic (visitor) data was imported for this period, or not for every "
                    "platform with buyers. Import the 生意参谋 / 商智 / 后台 traffic reports to see it."
                )
            return self.tr("Unknown: no visitors were counted in this period.")
        if metric == "repeat_rate":
            return self.tr(
                "Unknown: more than half of the paid orders carry no buyer identity, so repeat buyers "
                "cannot be matched."
            )
        if metric == "aov":
            return self.tr("Unknown: no buyers in this period.")
        return self.tr("No paid orders in this period.")

    def titles(self) -> dict[str, str]:
        return {
            "gmv": self.tr("GMV"),
            "net_sales": self.tr("Net sales"),
            "orders": self.tr("Orders"),
            "buyers": self.tr("Buyers"),
            "aov": self.tr("Average order value"),
            "conversion": self.tr("Conversion"),
            "repeat_rate": self.tr("Repeat rate"),
            "share": self.tr("Platform share"),
        }

    def definitions(self) -> dict[str, str]:
        pp = self.tr("The change is in percentage points against the previous period.")
        rel = self.tr("The change is relative (percent) against the previous period.")
        return {
            "gmv": self.tr(
                "GMV: what buyers paid on orders paid in the period (shipping included), not counting "
                "unpaid, cancelled and test orders. Later refunds do not reduce it."
            )
            + "\n"
            + rel,
            "net_sales": self.tr("Net sales: GMV minus the refunds of those orders.") + "\n" + rel,
            "orders": self.tr("Orders: paid orders in the period (no unpaid, cancelled or test orders).")
            + "\n"
            + rel,
            "buyers": self.tr(
                "Buyers: distinct buyers among the paid orders, per platform (a buyer on two platforms "
                "counts twice in the total)."
            )
            + "\n"
            + rel,
            "aov": self.tr("Average order value (客单价): GMV / buyers.") + "\n" + rel,
            "conversion": self.tr(
                "Conversion: buyers / visitors, visitors from the imported traffic reports (daily shop "
                "visitors summed). Without traffic data it is unknown, never 0."
            )
            + "\n"
            + pp,
            "repeat_rate": self.tr(
                "Repeat rate (复购率): buyers with two or more paid orders in the period / buyers; unknown "
                "when more than half of the paid orders have no buyer identity."
            )
            + "\n"
            + pp,
            "share": self.tr(
                "Platform share: the platform's (or shop's) GMV / the GMV of all platforms in the period. "
                "With all platforms selected, the largest platform's share."
            )
            + "\n"
            + pp,
        }

    def retranslate_ui(self) -> None:
        if self._shown is not None:
            self.show_kpis(*self._shown)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def _largest(current: dict[str, Kpis]) -> str | None:
    rows = [k for p, k in current.items() if p != ALL and k.gmv > 0]
    return max(rows, key=lambda k: k.gmv).platform if rows else None
