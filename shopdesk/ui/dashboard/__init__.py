"""数据看板 — the dashboard tab."""
