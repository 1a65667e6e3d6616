"""活动日历 — the campaign calendar tab."""
