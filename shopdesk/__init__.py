"""shopdesk — one desk for a multi-platform shop's operations team."""

__version__ = "0.1.0"
