"""评价客服 — the review and service queue tab."""
