"""商品总表 — products × platforms grid (empty state until the grid lands)."""

from __future__ import annotations

from shopdesk.ui.widgets.placeholder import PlaceholderView


class CatalogView(PlaceholderView):
    icon_name = "catalog"

    def texts(self) -> tuple[str, str]:
        return (
            self.tr("Product master table"),
            self.tr(
                "One row per product (merchant SKU code) with its listing on every platform — title, "
                "price, stock and status side by side. Edit in place, paste from Excel, fill down and undo."
            ),
        )
