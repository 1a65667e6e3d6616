"""商品总表 — the product master table tab."""
