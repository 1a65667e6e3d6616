"""批量编辑 — the bulk title/image editor tab."""
