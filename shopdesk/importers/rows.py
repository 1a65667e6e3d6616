"""Traffic, keyword and review exports → rows of one table each.

Each becomes a :class:`RowsData`: the target table, its natural key within a
shop, and an Arrow table whose columns are that table's columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import pyarrow as pa
import pyarrow.compute as pc

from shopdesk.i18n import _
from shopdesk.importers.arrow_tools import last_rows
from shopdesk.importers.errors import refuse
from shopdesk.importers.frame import Cleaned
from shopdesk.importers.spec import Kind


@dataclass
class RowsData:
    platform: str
    kind: Kind
    table: str
    key: tuple[str, ...]
    rows: pa.Table
    notes: list[str] = field(default_factory=list)
    shop_names: list[str] = field(default_factory=list)


_RANGE = re.compile(
    r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s*(?:~|～|至|到|-{1,2})\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})"
)
_SINGLE = re.compile(r"统计(?:时间|日期)[：:]\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
_SHOP = re.compile(r"店铺(?:名称)?[：:]\s*(.+?)\s*$")


def preamble_range(lines: list[str]) -> tuple[date, date] | None:
    """统计时间：2026-11-02 ~ 2026-11-08 (or a single day) from the title rows."""
    for line in lines:
        m = _RANGE.search(line)
        if m:
            y1, m1, d1, y2, m2, d2 = map(int, m.groups())
            return date(y1, m1, d1), date(y2, m2, d2)
        m = _SINGLE.search(line)
        if m:
            day = date(*map(int, m.groups()))
            return day, day
    return None


def preamble_shop(lines: list[str]) -> list[str]:
    for line in lines:
        m = _SHOP.search(line)
        if m:
            return [m.group(1)]
    return []


def _days(c: Cleaned) -> pa.Array:
    """The row's day: its date column, else the report's single-day range."""
    if c.has("day"):
        day = c.get("day")
        c.reject_where(pc.is_null(day), "the date is empty", "day")
        return pc.cast(day, pa.date32())
    period = preamble_range(c.sheet.preamble)
    if period is None or period[0] != period[1]:
        raise refuse(
            "no_daily_dates",
            "{name} has no date column and covers several days: export the report by day "
            "(按日明细) so each day's figures can be kept.",
            name=c.sheet.source,
        )
    return pa.array([period[0]] * c.n, pa.date32())


def traffic(c: Cleaned) -> RowsData:
    day = _days(c)
    item = c.get("item_id") if c.spec.kind is Kind.TRAFFIC_ITEM else pa.array([""] * c.n, pa.string())
    c.reject_where(pc.is_null(item), "the item ID is empty", "item_id")
    rows = pa.table(
        {
            "day": day,
            "item_key": item,
            "visitors": c.get("visitors", pa.int64()),
            "page_views": c.get("page_views", pa.int64()),
            "add_to_cart": c.get("add_to_cart", pa.int64()),
            "clicks": c.get("clicks", pa.int64()),
            "impressions": c.get("impressions", pa.int64()),
            "paid_buyers": c.get("paid_buyers", pa.int64()),
            "paid_fen": c.get("paid", pa.int64()),
        }
    )
    return RowsData(
        c.spec.platform,
        c.spec.kind,
        "traffic_daily",
        ("day", "item_key"),
        rows,
        shop_names=preamble_shop(c.sheet.preamble),
    )


def keywords(c: Cleaned) -> RowsData:
    keyword = c.get("keyword")
    c.reject_where(pc.is_null(keyword), "the keyword is empty", "keyword")
    if c.has("day"):
        day = pc.cast(c.get("day"), pa.date32())
        c.reject_where(pc.is_null(day), "the date is empty", "day")
        date_from = date_to = day
    else:
        period = preamble_range(c.sheet.preamble)
        if period is None:
            raise refuse(
                "no_period",
                "{name} does not say which days it covers (no 统计时间 line and no date column): "
                "export it again with its title rows.",
                name=c.sheet.source,
            )
        date_from = pa.array([period[0]] * c.n, pa.date32())
        date_to = pa.array([period[1]] * c.n, pa.date32())
    rows = pa.table(
        {
            "date_from": date_from,
            "date_to": date_to,
            "keyword": keyword,
            "search_popularity": c.get("search_popularity", pa.int64()),
            "click_popularity": c.get("click_popularity", pa.int64()),
            "click_rate": c.get("click_rate"),
            "conversion": c.get("conversion"),
            "online_items": c.get("online_items", pa.int64()),
            "competition": pc.cast(
                pc.cast(c.get("competition", pa.int64()), pa.string()), pa.decimal128(12, 4)
            ),
            "ref_price_fen": c.get("ref_price", pa.int64()),
        }
    )
    return RowsData(
        c.spec.platform,
        c.spec.kind,
        "keyword_stat",
        ("date_from", "date_to", "keyword"),
        rows,
        shop_names=preamble_shop(c.sheet.preamble),
    )


_WORD_RATINGS = {"好评": 5, "中评": 3, "差评": 1}


def _rating(values: pa.Array, c: Cleaned) -> pa.Array:
    """5 / 5分 / 5.0 / ★★★★★ / 好评 → 1–5."""
    out: list[int | None] = []
    bad: list[bool] = []
    for text in values.to_pylist():
        rating: int | None = None
        if text:
            stars = text.count("★")
            digits = re.match(r"^\s*(\d+(?:\.\d+)?)", text)
            if stars:
                rating = stars
            elif digits:
                rating = round(float(digits.group(1)))
            else:
                rating = _WORD_RATINGS.get(text.strip())
        ok = rating is None or 1 <= rating <= 5
        out.append(rating if ok else None)
        bad.append(bool(text) and (rating is None or not ok))
    c.reject_where(pa.array(bad, pa.bool_()), "not a rating from 1 to 5", "rating")
    return pa.array(out, pa.int64())


def reviews(c: Cleaned) -> RowsData:
    review_time = c.get("review_time")
    order_id = c.get("order_id")
    item_id = c.get("item_id")
    c.reject_where(
        pc.and_(pc.is_null(order_id), pc.is_null(c.get("review_id"))), "the order number is empty", "order_id"
    )
    made_key = pc.binary_join_element_wise(
        pc.fill_null(order_id, ""),
        pc.fill_null(item_id, ""),
        pc.fill_null(pc.strftime(review_time, format="%Y%m%d%H%M%S"), ""),
        "|",
    )
    replied_text = pc.fill_null(c.get("replied"), "")
    replied = pc.or_(
        pc.is_in(replied_text, value_set=pa.array(["是", "已回复", "Y", "y", "true", "TRUE", "1"])),
        pc.is_valid(c.get("reply")),
    )
    rows = pa.table(
        {
            "review_key": pc.coalesce(c.get("review_id"), made_key),
            "platform_order_id": order_id,
            "platform_item_id": item_id,
            "spec": c.get("spec", pa.string()),
            "rating": _rating(c.get("rating"), c),
            "content": c.get("content"),
            "follow_up": c.get("follow_up"),
            "replied": replied,
            "reply_content": c.get("reply"),
            "review_time": review_time,
        }
    )
    return RowsData(c.spec.platform, c.spec.kind, "review", ("review_key",), rows)


def finish_rows(data: RowsData, c: Cleaned) -> RowsData:
    """Drop rejected rows; a key repeated within the file keeps its last row."""
    bad = c.bad_rows()
    rows = data.rows.filter(pc.invert(bad)) if pc.any(bad).as_py() else data.rows
    keys = [rows[k] for k in data.key]
    if keys and rows.num_rows:
        joined = pc.binary_join_element_wise(
            *[pc.fill_null(pc.cast(k, pa.string()), "") for k in keys], "\x1f"
        )
        last = last_rows(joined)
        if len(last) != rows.num_rows:
            data.notes.append(
                _("{n} repeated rows were merged (the last one counts).", n=rows.num_rows - len(last))
            )
        rows = rows.take(last)
    data.rows = rows
    return data
