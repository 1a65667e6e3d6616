"""What platforms, file kinds and unified statuses are called in the GUI.

One translation context for the words every import view shares, so 拼多多 or
已退款 reads the same in the dialog, the history and the mapping editor.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QObject

from shopdesk.domain import statuses
from shopdesk.importers.spec import Kind


class ImportNames(QObject):
    def platform(self, code: str | None) -> str:
        names = {
            "taobao": self.tr("Taobao/Tmall"),
            "jd": self.tr("JD"),
            "pdd": self.tr("Pinduoduo"),
            "douyin": self.tr("Douyin"),
        }
        return names.get(code or "", code or "—")

    def kind(self, code: str | None) -> str:
        names = {
            Kind.ORDERS: self.tr("Orders"),
            Kind.ORDER_ITEMS: self.tr("Order items"),
            Kind.TRAFFIC_SHOP: self.tr("Shop traffic"),
            Kind.TRAFFIC_ITEM: self.tr("Product traffic"),
            Kind.KEYWORDS: self.tr("Keywords"),
            Kind.LISTINGS: self.tr("Listings"),
            Kind.REVIEWS: self.tr("Reviews"),
        }
        return names.get(code or "", code or "—")

    def status(self, code: str) -> str:
        names = {
            statuses.UNPAID: self.tr("Unpaid"),
            statuses.PAID: self.tr("Paid, not shipped"),
            statuses.SHIPPED: self.tr("Shipped"),
            statuses.COMPLETED: self.tr("Completed"),
            statuses.CANCELLED: self.tr("Cancelled"),
            statuses.REFUNDED: self.tr("Refunded"),
            statuses.CLOSED: self.tr("Closed (cancelled if unpaid, refunded if paid)"),
        }
        return names.get(code, code)

    def flag(self, code: str | None) -> str:
        if code == statuses.FLAG_LOCKED:
            return self.tr("locked")
        return code or ""


def local_time(stamp: str | None) -> str:
    """A stored UTC stamp ("2026-11-09 04:00:00") as local wall time, to the minute."""
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(str(stamp))
    except ValueError:
        return str(stamp)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")
