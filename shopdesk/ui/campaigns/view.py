"""活动日历 — campaign planning on a calendar (empty state for now)."""

from __future__ import annotations

from shopdesk.ui.widgets.placeholder import PlaceholderView


class CampaignsView(PlaceholderView):
    icon_name = "campaigns"

    def texts(self) -> tuple[str, str]:
        return (
            self.tr("Campaign calendar"),
            self.tr(
                "Plan 618 and Double 11 style campaigns: goals, budget split, warm-up / burst / return "
                "phases on a calendar, per-platform mechanics, tasks, live-stream bookings, live "
                "tracking and the review report."
            ),
        )
