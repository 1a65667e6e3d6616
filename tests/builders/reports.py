"""Traffic and keyword reports as the platforms' data tools write them.

- 生意参谋 (Taobao): a real binary .xls (BIFF8, as the 下载 button gives it) or an
  .xlsx, with four title rows above the header (``生意参谋-…``, ``统计时间：A ~ B``,
  ``店铺：…`` or ``终端：…``, a blank row), the header on row 5, every number written
  as text with thousands separators and ``%`` (samples/生意参谋_店铺整体_日报.xlsx),
  and optionally a ``合计`` row under the data.
- 京东商智: a plain GBK CSV with CRLF (samples/京东商智_店铺概况.csv).
- 抖店罗盘: a plain .xlsx, or a UTF-8 CSV with BOM whose IDs carry Douyin's tab guard.

Tests give rows with short keys and plain numbers (``dict(day="2026-11-02",
visitors=3925, paid=Decimal("16485"))``); the builder formats them the way the
report shows them (``3,925``, ``16,485.00``, ``3.00%``). A value given as a ``str``
is written exactly as is, so a test can write a broken cell.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path

from tests.builders.common import csv_text, write_text

SHOP = "青禾淘宝旗舰店"
WEEK = ("2026-11-02", "2026-11-08")

# --- cell formatting ---------------------------------------------------------------------------


def count(value: int) -> str:
    """``3925`` → ``3,925``."""
    return f"{value:,}"


def money(value: Decimal | int | float | str) -> str:
    """``16485`` → ``16,485.00``."""
    return f"{Decimal(str(value)):,.2f}"


def percent(value: Decimal | float | str) -> str:
    """``0.03`` → ``3.00%``."""
    return f"{Decimal(str(value)) * 100:.2f}%"


def plain_money(value: Decimal | int | float | str) -> str:
    """``12393`` → ``12393.00`` (京东商智 writes no separators)."""
    return f"{Decimal(str(value)):.2f}"


def plain_count(value: int) -> str:
    return str(value)


# A column: (header, short key, formatter). Formatters apply to non-str values.
Column = tuple[str, str, object]


def _cells(columns: Sequence[Column], row: Mapping[str, object]) -> list[str]:
    unknown = set(row) - {key for _h, key, _f in columns}
    if unknown:
        raise KeyError(f"not a column of this report: {sorted(unknown)}")
    out = []
    for _header, key, formatter in columns:
        value = row.get(key)
        if value is None:
            out.append("")
        elif isinstance(value, str):
            out.append(value)
        else:
            out.append(formatter(value))  # type: ignore[operator]
    return out


# --- writing tables ----------------------------------------------------------------------------


def write_table(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    title_rows: Sequence[str] = (),
    encoding: str = "utf-8",
    bom: bool = False,
    sheet: str = "Sheet1",
) -> Path:
    """One table with optional title rows above it, as .xls, .xlsx or .csv (by suffix).
    Every cell is a text cell, as 生意参谋 writes them."""
    rows = [list(r) for r in rows]
    suffix = path.suffix.lower()
    if suffix == ".xls":
        import xlwt

        book = xlwt.Workbook(encoding="utf-8")
        ws = book.add_sheet(sheet)
        for r, line in enumerate([*([t] for t in title_rows), list(header), *rows]):
            for c, value in enumerate(line):
                if value != "":
                    ws.write(r, c, value)
        book.save(str(path))
    elif suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        ws = book.active
        ws.title = sheet
        for title in title_rows:
            ws.append([title or None])
        ws.append(list(header))
        for line in rows:
            ws.append([v if v != "" else None for v in line])
        book.save(path)
    else:
        lines = [[t] for t in title_rows]
        text = csv_text(header, rows)
        if lines:
            text = "".join(f"{t[0]}\r\n" for t in lines) + text
        write_text(path, text, encoding, bom)
    return path


def _title_rows(title: str, period: tuple[str, str] | str | None, third: str | None) -> list[str]:
    if period is None:
        when = None
    elif isinstance(period, str):
        when = f"统计时间：{period}"
    else:
        when = f"统计时间：{period[0]} ~ {period[1]}"
    return [title, when or "", third or "", ""]


def _totals(columns: Sequence[Column], rows: Sequence[Mapping[str, object]], label: str) -> list[str]:
    """The 合计 row 生意参谋 puts under the data: sums of the count and money columns."""
    out = []
    for i, (_header, key, formatter) in enumerate(columns):
        if i == 0:
            out.append(label)
            continue
        values = [r.get(key) for r in rows]
        if formatter in (count, money) and values and all(isinstance(v, int | Decimal) for v in values):
            out.append(formatter(sum(values)))  # type: ignore[operator]
        else:
            out.append("-")
    return out


# --- 生意参谋 -----------------------------------------------------------------------------------

SYCM_SHOP_COLUMNS: tuple[Column, ...] = (
    ("统计日期", "day", str),
    ("访客数", "visitors", count),
    ("浏览量", "page_views", count),
    ("支付买家数", "paid_buyers", count),
    ("支付金额", "paid", money),
    ("支付转化率", "conversion", percent),
    ("客单价", "aov", money),
    ("加购人数", "add_to_cart", count),
)

SYCM_ITEM_COLUMNS: tuple[Column, ...] = (
    ("统计日期", "day", str),
    ("商品ID", "item_id", str),
    ("商品名称", "title", str),
    ("商品访客数", "visitors", count),
    ("商品浏览量", "page_views", count),
    ("支付买家数", "paid_buyers", count),
    ("支付金额", "paid", money),
    ("成功退款金额", "refunded", money),
    ("商品加购人数", "add_to_cart", count),
    ("下单买家数", "ordering_buyers", count),
    ("搜索引导访客数", "search_visitors", count),
)

SYCM_KEYWORD_COLUMNS: tuple[Column, ...] = (
    ("搜索词", "keyword", str),
    ("搜索人气", "search_popularity", count),
    ("点击人气", "click_popularity", count),
    ("点击率", "click_rate", percent),
    ("支付转化率", "conversion", percent),
    ("在线商品数", "online_items", count),
    ("直通车参考价", "ref_price", plain_money),
)


def _sycm(
    path: Path,
    columns: Sequence[Column],
    rows: Iterable[Mapping[str, object]],
    *,
    title: str,
    period: tuple[str, str] | str | None,
    third: str | None,
    with_day: bool,
    totals: bool,
) -> Path:
    rows = list(rows)
    if not with_day:
        columns = [c for c in columns if c[1] != "day"]
        rows = [{k: v for k, v in r.items() if k != "day"} for r in rows]
    body = [_cells(columns, r) for r in rows]
    if totals:
        body.append(_totals(columns, rows, "合计"))
    return write_table(
        path, [c[0] for c in columns], body, title_rows=_title_rows(title, period, third), sheet=title[-4:]
    )


def sycm_shop(
    path: Path,
    rows: Iterable[Mapping[str, object]],
    *,
    shop: str | None = SHOP,
    period: tuple[str, str] | str | None = WEEK,
    with_day: bool = True,
    totals: bool = False,
) -> Path:
    """生意参谋 取数 → 店铺整体日报: keys day, visitors, page_views, paid_buyers, paid,
    conversion, aov, add_to_cart. ``period`` is what the 统计时间 row says (a pair, or
    one day as a string); ``with_day=False`` leaves the 统计日期 column out (the
    report's 汇总 view)."""
    return _sycm(
        path,
        SYCM_SHOP_COLUMNS,
        rows,
        title="生意参谋-取数-店铺整体日报",
        period=period,
        third=f"店铺：{shop}" if shop else None,
        with_day=with_day,
        totals=totals,
    )


def sycm_items(
    path: Path,
    rows: Iterable[Mapping[str, object]],
    *,
    shop: str | None = SHOP,
    period: tuple[str, str] | str | None = WEEK,
    with_day: bool = True,
    totals: bool = False,
) -> Path:
    """生意参谋 商品 → 商品明细 (file ``【生意参谋平台】商品_全部_….xls``): keys day,
    item_id, title, visitors, page_views, paid_buyers, paid, refunded, add_to_cart,
    ordering_buyers, search_visitors."""
    return _sycm(
        path,
        SYCM_ITEM_COLUMNS,
        rows,
        title="生意参谋-商品-商品明细",
        period=period,
        third=f"店铺：{shop}" if shop else None,
        with_day=with_day,
        totals=totals,
    )


def sycm_keywords(
    path: Path,
    rows: Iterable[Mapping[str, object]],
    *,
    period: tuple[str, str] | str | None = WEEK,
    third: str | None = "终端：所有终端",
    totals: bool = False,
) -> Path:
    """生意参谋 市场 → 搜索分析: keys keyword, search_popularity, click_popularity,
    click_rate, conversion, online_items, ref_price. No date column: the range is
    only in the 统计时间 row."""
    return _sycm(
        path,
        SYCM_KEYWORD_COLUMNS,
        rows,
        title="生意参谋-市场-搜索分析",
        period=period,
        third=third,
        with_day=False,
        totals=totals,
    )


# --- 京东商智 -----------------------------------------------------------------------------------

JDSZ_SHOP_COLUMNS: tuple[Column, ...] = (
    ("日期", "day", str),
    ("访客数", "visitors", plain_count),
    ("浏览量", "page_views", plain_count),
    ("成交客户数", "paid_buyers", plain_count),
    ("成交金额", "paid", plain_money),
    ("成交转化率", "conversion", percent),
    ("客单价", "aov", plain_money),
    ("加购人数", "add_to_cart", plain_count),
)

JDSZ_ITEM_COLUMNS: tuple[Column, ...] = (
    ("日期", "day", str),
    ("商品ID", "item_id", str),
    ("商品名称", "title", str),
    ("访客数", "visitors", plain_count),
    ("浏览量", "page_views", plain_count),
    ("成交客户数", "paid_buyers", plain_count),
    ("成交金额", "paid", plain_money),
    ("加购人数", "add_to_cart", plain_count),
)

JDSZ_KEYWORD_COLUMNS: tuple[Column, ...] = (
    ("日期", "day", str),
    ("关键词", "keyword", str),
    ("搜索指数", "search_popularity", plain_count),
    ("点击指数", "click_popularity", plain_count),
    ("点击率", "click_rate", percent),
    ("成交转化率", "conversion", percent),
    ("竞争指数", "competition", plain_count),
)


def _jdsz(path: Path, columns: Sequence[Column], rows: Iterable[Mapping[str, object]]) -> Path:
    body = [_cells(columns, r) for r in rows]
    return write_table(path, [c[0] for c in columns], body, encoding="gbk")


def jdsz_shop(path: Path, rows: Iterable[Mapping[str, object]]) -> Path:
    """京东商智 → 店铺概况 (GBK CSV): keys day, visitors, page_views, paid_buyers, paid,
    conversion, aov, add_to_cart."""
    return _jdsz(path, JDSZ_SHOP_COLUMNS, rows)


def jdsz_items(path: Path, rows: Iterable[Mapping[str, object]]) -> Path:
    """京东商智 → 商品明细 (GBK CSV): keys day, item_id, title, visitors, page_views,
    paid_buyers, paid, add_to_cart."""
    return _jdsz(path, JDSZ_ITEM_COLUMNS, rows)


def jdsz_keywords(path: Path, rows: Iterable[Mapping[str, object]]) -> Path:
    """京东商智 → 关键词 (GBK CSV, one row per day and keyword): keys day, keyword,
    search_popularity, click_popularity, click_rate, conversion, competition."""
    return _jdsz(path, JDSZ_KEYWORD_COLUMNS, rows)


# --- 抖店罗盘 -----------------------------------------------------------------------------------

COMPASS_COLUMNS: tuple[Column, ...] = (
    ("日期", "day", str),
    ("商品ID", "item_id", str),
    ("商品名称", "title", str),
    ("商品曝光人数", "impressions", plain_count),
    ("商品点击人数", "clicks", plain_count),
    ("成交人数", "paid_buyers", plain_count),
    ("成交金额", "paid", plain_money),
    ("点击率", "click_rate", percent),
    ("转化率", "conversion", percent),
)


def compass_items(path: Path, rows: Iterable[Mapping[str, object]]) -> Path:
    """抖店罗盘 → 商品 → 商品数据 as .xlsx, or .csv in UTF-8 with BOM where the ID
    carries Douyin's leading tab: keys day, item_id, title, impressions, clicks,
    paid_buyers, paid, click_rate, conversion."""
    body = [_cells(COMPASS_COLUMNS, r) for r in rows]
    if path.suffix.lower() == ".csv":
        for line in body:
            line[1] = "\t" + line[1] if line[1] else "-"
        return write_table(path, [c[0] for c in COMPASS_COLUMNS], body, encoding="utf-8", bom=True)
    return write_table(path, [c[0] for c in COMPASS_COLUMNS], body, sheet="商品数据")
