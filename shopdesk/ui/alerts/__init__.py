"""Alerts in the GUI: the rules dialog, the alerts panel and the after-import notice."""

from shopdesk.ui.alerts.panel import AlertsPanel

__all__ = ["AlertsPanel"]
