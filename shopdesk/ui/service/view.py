"""评价客服 — one queue of reviews and inquiries (empty state for now)."""

from __future__ import annotations

from shopdesk.ui.widgets.placeholder import PlaceholderView


class ServiceView(PlaceholderView):
    icon_name = "service"

    def texts(self) -> tuple[str, str]:
        return (
            self.tr("Reviews and customer service"),
            self.tr(
                "Buyer reviews and inquiries from every platform in one queue, sorted into pre-sale, "
                "after-sale and complaints, answered from one reply handbook and kept within each "
                "platform's response-time rules."
            ),
        )
