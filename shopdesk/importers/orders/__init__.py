"""Order exports → unified orders and order lines (Arrow tables)."""
