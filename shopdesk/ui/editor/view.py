"""批量编辑 — bulk titles, selling points and images (empty state for now)."""

from __future__ import annotations

from shopdesk.ui.widgets.placeholder import PlaceholderView


class EditorView(PlaceholderView):
    icon_name = "editor"

    def texts(self) -> tuple[str, str]:
        return (
            self.tr("Bulk title and image editor"),
            self.tr(
                "Rewrite titles, selling points and main images for many listings at once, with keyword "
                "help, banned-word and length checks, a review step before anything goes live, and "
                "before/after tracking of click-through and conversion."
            ),
        )
