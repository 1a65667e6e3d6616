"""Listing exports → rows of the ``listing`` table (plus the 商家编码 that ties a
listing to the merchant's product)."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.compute as pc

from shopdesk.importers.frame import Cleaned
from shopdesk.importers.rows import RowsData

ON_SALE = {"出售中", "在售", "上架", "已上架", "销售中", "在架", "onsale", "on_sale", "0"}
OFF_SHELF = {"仓库中", "下架", "已下架", "停售", "待上架", "instock", "off_shelf", "1"}


def _status(values: pa.Array) -> pa.Array:
    out = []
    for text in values.to_pylist():
        if text is None:
            out.append(None)
        elif text.strip().lower() in ON_SALE:
            out.append("on_sale")
        elif text.strip().lower() in OFF_SHELF:
            out.append("off_shelf")
        else:
            out.append(text.strip()[:32])
    return pa.array(out, pa.string())


def _pictures(values: pa.Array) -> pa.Array:
    """淘宝助理: ``a.jpg:1:0:|;b.jpg:1:1:|;`` ; lists: URLs separated by , ; | or spaces."""
    out = []
    for text in values.to_pylist():
        if not text:
            out.append(None)
            continue
        if ":1:" in text or text.endswith(":|;"):
            names = [part.split(":", 1)[0] for part in text.split(";") if part.strip()]
        else:
            names = [p for p in text.replace("|", ",").replace(";", ",").replace(" ", ",").split(",") if p]
        out.append(json.dumps(names[:10], ensure_ascii=False))
    return pa.array(out, pa.string())


def listings(c: Cleaned) -> RowsData:
    item_id = c.get("item_id")
    c.reject_where(pc.is_null(item_id), "the item ID is empty", "item_id")
    title = c.get("title")
    c.reject_where(pc.is_null(title), "the title is empty", "title")
    status_source = c.get("in_warehouse") if c.has("in_warehouse") else c.get("status")
    rows = pa.table(
        {
            "platform_item_id": item_id,
            "title": title,
            "short_title": c.get("short_title", pa.string()),
            "selling_points": c.get("selling_points"),
            "main_images": _pictures(c.get("pictures")),
            "platform_category": c.get("category"),
            "price_fen": c.get("price", pa.int64()),
            "stock": c.get("stock", pa.int64()),
            "status": _status(status_source),
            "outer_id": c.get("outer_id"),
        }
    )
    return RowsData(c.spec.platform, c.spec.kind, "listing", ("platform_item_id",), rows)
