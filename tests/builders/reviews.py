"""抖店 商品评价导出 (samples/抖店_商品评价导出.csv): UTF-8 with BOM, CRLF, ``-`` for
an empty cell, 商家是否回复 是/否, 商品评价得分 1–5."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from tests.builders.common import csv_text, fill, rename, write_text

HEADER = [
    "评价日期",
    "订单ID",
    "商品ID",
    "商品名称",
    "商品规格",
    "商品评价得分",
    "评价内容",
    "追评内容",
    "商家是否回复",
    "回复内容",
]

ALIASES = {
    "time": "评价日期",
    "order_id": "订单ID",
    "item_id": "商品ID",
    "title": "商品名称",
    "spec": "商品规格",
    "rating": "商品评价得分",
    "content": "评价内容",
    "follow_up": "追评内容",
    "replied": "商家是否回复",
    "reply": "回复内容",
}

DEFAULTS: dict[str, object] = {
    "评价日期": "2026-11-08 09:22:33",
    "商品ID": "3690000006623922533",
    "商品名称": "青禾中长款风衣",
    "商品规格": "雾霾蓝;S",
    "商品评价得分": "5",
    "评价内容": "面料很舒服，颜色正",
    "追评内容": "-",
    "商家是否回复": "否",
    "回复内容": "-",
}


def write_douyin(path: Path, reviews: Iterable[Mapping[str, object]]) -> Path:
    """Keys: time, order_id, item_id, title, spec, rating, content, follow_up,
    replied, reply (None or "" → ``-``)."""
    rows = []
    for review in reviews:
        row = fill(HEADER, DEFAULTS, rename(review, ALIASES))
        rows.append(["-" if v is None or v == "" else v for v in row])
    return write_text(path, csv_text(HEADER, rows), "utf-8", bom=True)
