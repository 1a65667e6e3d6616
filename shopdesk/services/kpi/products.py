"""Product-level figures: the dashboard's drill-down, the report's top and
bottom products, the alerts' "which products moved it".

A product here is one platform item in one shop (``agg_item_day.item_key``:
the platform item id, else the 商家编码), because that is what visitors are
counted for. Money, orders and distinct buyers come from the item blocks
(services/kpi/item_blocks.py, kept with ``agg_item_day``); visitors from the
item rows of ``traffic_daily``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Connection, text

from shopdesk.db import bulk
from shopdesk.domain.kpi import Period, change, ratio, yuan
from shopdesk.services.kpi import aggregates, item_blocks
from shopdesk.services.kpi.aggregates import PAID, as_date, day_bounds, day_expr
from shopdesk.services.kpi.buyer_blocks import epoch_day
from shopdesk.services.kpi.metrics import Scope, shop_filter


@dataclass
class ProductKpis:
    platform: str
    shop_id: int
    shop: str
    item_key: str
    outer_id: str | None
    title: str | None
    gmv: Decimal
    net_sales: Decimal
    orders: int
    quantity: int
    buyers: int
    visitors: int | None
    conversion: Decimal | None
    prev_gmv: Decimal = Decimal("0.00")
    prev_visitors: int | None = None
    prev_conversion: Decimal | None = None

    @property
    def gmv_change(self) -> Decimal | None:
        return change(self.gmv, self.prev_gmv)

    @property
    def visitors_change(self) -> Decimal | None:
        return change(self.visitors, self.prev_visitors)

    @property
    def conversion_change(self) -> Decimal | None:
        return change(self.conversion, self.prev_conversion)


def _scope_sql(scope: Scope, alias: str) -> tuple[str, dict]:
    """A filter on ``alias.shop_id``: every table here is keyed or indexed by
    shop first, so a platform becomes the list of its shops."""
    if scope.shop_id is not None:
        return shop_filter(scope, alias)
    if scope.platform is not None:
        return f" AND {alias}.shop_id IN (SELECT id FROM shop WHERE platform = :platform)", {
            "platform": scope.platform
        }
    return "", {}


@dataclass
class _Codes:
    """The items of a scope by code, the scope's shops, and the codes' bound."""

    items: dict[int, tuple[int, str, str | None, str | None]]  # code → shop, item key, title, 商家编码
    shops: list[int]
    count: int  # codes are below this


def _codes(conn: Connection, scope: Scope) -> _Codes:
    where, params = _scope_sql(scope, "c")
    items = {
        code: (shop_id, key, title, outer_id)
        for code, shop_id, key, title, outer_id in conn.execute(
            text(
                "SELECT c.code, c.shop_id, c.item_key, c.title, c.outer_id FROM agg_item_code c "
                f"WHERE 1 = 1{where}"
            ),
            params,
        )
    }
    where, params = _scope_sql(scope, "x")
    shops = [
        r[0]
        for r in conn.execute(
            text(f"SELECT x.shop_id FROM (SELECT id AS shop_id FROM shop) x WHERE 1 = 1{where}"), params
        )
    ]
    return _Codes(items, shops, max(items, default=-1) + 1)


def _figures(conn: Connection, period: Period, scope: Scope, codes: _Codes) -> dict[tuple[int, str], dict]:
    """(shop id, item key) → gmv_fen, refund_fen, orders, quantity, buyers, visitors:
    money, orders and buyers from the item blocks, visitors from the item rows
    of ``traffic_daily``."""
    figures = item_blocks.item_figures(
        conn,
        epoch_day(period.start),
        epoch_day(period.end),
        aggregates.data_version(conn),
        codes.shops,
        codes.count,
    )
    out: dict[tuple[int, str], dict] = {}
    for code, gmv, refund, orders, quantity, buyers in zip(
        figures.codes.tolist(), figures.gmv_fen.tolist(), figures.refund_fen.tolist(),
        figures.orders.tolist(), figures.quantity.tolist(), figures.buyers.tolist(), strict=True,
    ):  # fmt: skip
        if code not in codes.items:  # added by another seat since the codes were read
            continue
        shop_id, key, title, outer_id = codes.items[code]
        out[(shop_id, key)] = dict(
            gmv_fen=gmv, refund_fen=refund, orders=orders, quantity=quantity, buyers=buyers, visitors=None,
            line_title=title, line_outer_id=outer_id,
        )  # fmt: skip
    bounds = day_bounds(conn, period.start, period.end)
    where, params = _scope_sql(scope, "t")
    for shop_id, key, visitors, reported in conn.execute(
        text(
            "SELECT t.shop_id, t.item_key, SUM(t.visitors), COUNT(t.visitors) FROM traffic_daily t "
            f"WHERE t.item_key <> '' AND t.day BETWEEN :d0 AND :d1{where} GROUP BY t.shop_id, t.item_key"
        ),
        {**bounds, **params},
    ):
        if reported:
            entry = out.setdefault(
                (shop_id, key),
                dict(gmv_fen=0, refund_fen=0, orders=0, quantity=0, buyers=0, visitors=None),
            )
            entry["visitors"] = int(visitors)
    return out


def product_kpis(
    conn: Connection,
    period: Period,
    scope: Scope | None = None,
    *,
    previous: Period | None = None,
    include_gone: bool = False,
) -> list[ProductKpis]:
    """Every item with sales or visitors in ``period``, with the ``previous``
    period alongside (default: the one of equal length just before); sorted by
    GMV, highest first. ``include_gone`` adds the items that sold in the previous
    period and not in this one (the biggest fallers of all), with zero figures."""
    scope = scope or Scope()
    codes = _codes(conn, scope)
    now = _figures(conn, period, scope, codes)
    before = _figures(conn, previous or period.previous(), scope, codes)
    if include_gone:
        empty = dict(gmv_fen=0, refund_fen=0, orders=0, quantity=0, buyers=0, visitors=None)
        for key, f in before.items():
            if key not in now and f["gmv_fen"] > 0:
                now[key] = {
                    **empty,
                    "line_title": f.get("line_title"),
                    "line_outer_id": f.get("line_outer_id"),
                }
    names = _names(conn, {shop for shop, _key in now})
    rows = []
    for (shop_id, key), f in now.items():
        p = before.get((shop_id, key))
        named = names.get((shop_id, key))
        platform, shop = names[(shop_id, None)]
        title = (named[2] if named else None) or f.get("line_title")
        outer_id = (named[3] if named else None) or f.get("line_outer_id")
        rows.append(
            ProductKpis(
                platform=platform,
                shop_id=shop_id,
                shop=shop,
                item_key=key,
                outer_id=outer_id,
                title=title,
                gmv=yuan(f["gmv_fen"]),
                net_sales=yuan(f["gmv_fen"] - f["refund_fen"]),
                orders=f["orders"],
                quantity=f["quantity"],
                buyers=f["buyers"],
                visitors=f["visitors"],
                conversion=ratio(f["buyers"], f["visitors"]) if f["visitors"] else None,
                prev_gmv=yuan(p["gmv_fen"]) if p else Decimal("0.00"),
                prev_visitors=p["visitors"] if p else None,
                prev_conversion=ratio(p["buyers"], p["visitors"]) if p and p["visitors"] else None,
            )
        )
    rows.sort(key=lambda r: (-r.gmv, r.platform, r.item_key))
    return rows


def _names(conn: Connection, shop_ids: set[int]) -> dict[tuple[int, str | None], tuple]:
    """(shop, item key) → (platform, shop name, title, 商家编码) from the listings;
    (shop, None) → (platform, shop name)."""
    if not shop_ids:
        return {}
    ids = ", ".join(str(int(i)) for i in shop_ids)
    out: dict[tuple[int, str | None], tuple] = {}
    for shop_id, platform, name in conn.execute(
        text(f"SELECT id, platform, name FROM shop WHERE id IN ({ids})")
    ):
        out[(shop_id, None)] = (platform, name)
    for shop_id, item, title, outer_id in conn.execute(
        text(
            "SELECT l.shop_id, l.platform_item_id, l.title, p.outer_id FROM listing l "
            f"LEFT JOIN product p ON p.id = l.product_id WHERE l.shop_id IN ({ids})"
        )
    ):
        platform, shop = out[(shop_id, None)]
        out[(shop_id, item)] = (platform, shop, title, outer_id)
    return out


@dataclass
class ItemDay:
    day: date
    gmv: Decimal
    orders: int
    quantity: int
    visitors: int | None


def item_days(conn: Connection, shop_id: int, item_key: str, start: date, end: date) -> list[ItemDay]:
    """One item's daily series (days without sales or traffic left out)."""
    params = {"s": shop_id, "k": item_key, **day_bounds(conn, start, end)}
    days: dict[date, ItemDay] = {}
    for day, gmv, orders, quantity in conn.execute(
        text(
            "SELECT day, gmv_fen, orders, quantity FROM agg_item_day "
            "WHERE shop_id = :s AND item_key = :k AND day BETWEEN :d0 AND :d1"
        ),
        params,
    ):
        d = as_date(day)
        days[d] = ItemDay(d, yuan(int(gmv)), int(orders), int(quantity), None)
    for day, visitors in conn.execute(
        text(
            "SELECT day, visitors FROM traffic_daily "
            "WHERE shop_id = :s AND item_key = :k AND day BETWEEN :d0 AND :d1 AND visitors IS NOT NULL"
        ),
        params,
    ):
        d = as_date(day)
        days.setdefault(d, ItemDay(d, Decimal("0.00"), 0, 0, None)).visitors = int(visitors)
    return [days[d] for d in sorted(days)]


@dataclass
class LineTrace:
    """One order line behind a figure, and the import it came from."""

    order_id: str
    paid_time: datetime | str
    status: str
    line_key: str
    title: str | None
    quantity: int
    order_paid: Decimal
    line_paid: Decimal | None
    refund: Decimal
    is_test: bool
    batch_id: int | None
    batch_file: str | None


def item_lines(
    conn: Connection, shop_id: int, item_key: str, start: date, end: date, limit: int = 5000
) -> list[LineTrace]:
    """The paid order lines of one item in [start, end], newest first, each
    with the import batch (id and file name) that last wrote it. The item
    blocks name the orders, so only those are read."""
    ids = item_blocks.item_order_ids(conn, shop_id, item_key, epoch_day(start), epoch_day(end))
    if not ids:
        return []
    item = item_blocks.ITEM_SQL
    with bulk.id_list(conn, ids) as id_table:
        rows = conn.execute(
            text(
                "SELECT o.platform_order_id, o.paid_time, o.status, l.line_key, l.title, l.quantity, "
                "o.paid_fen, l.paid_fen, l.refund_fen, o.is_test, COALESCE(l.batch_id, o.batch_id), "
                "b.file_name "
                f"FROM {id_table} i CROSS JOIN orders o CROSS JOIN order_line l "
                "LEFT JOIN import_batch b ON b.id = COALESCE(l.batch_id, o.batch_id) "
                f"WHERE o.id = i.id AND l.order_id = o.id AND o.shop_id = :s AND {item} = :k "
                f"AND o.paid_time >= :t0 AND o.paid_time < :t1 AND {PAID} "
                "ORDER BY o.paid_time DESC, o.platform_order_id LIMIT :n"
            ),
            {"s": shop_id, "k": item_key, "n": limit, **day_bounds(conn, start, end)},
        ).all()
    return [
        LineTrace(
            r[0], r[1], r[2], r[3], r[4], int(r[5]), yuan(int(r[6])),
            None if r[7] is None else yuan(int(r[7])), yuan(int(r[8] or 0)), bool(r[9]), r[10], r[11],
        )
        for r in rows
    ]  # fmt: skip


@dataclass
class Marker:
    """Something the team did that a chart should show: a listing edit or a campaign phase."""

    kind: str  # listing_edit | campaign_phase
    start: date
    end: date
    label: str
    platform: str | None = None


def markers(conn: Connection, start: date, end: date, scope: Scope | None = None) -> list[Marker]:
    scope = scope or Scope()
    bounds = day_bounds(conn, start, end)
    where, params = _scope_sql(scope, "l")
    day = day_expr(conn, "r.changed_at")
    out = [
        Marker("listing_edit", as_date(d), as_date(d), f"{field}: {title or item}", platform)
        for d, field, title, item, platform in conn.execute(
            text(
                f"SELECT {day}, r.field, l.title, l.platform_item_id, s.platform FROM listing_revision r "
                "JOIN listing l ON l.id = r.listing_id JOIN shop s ON s.id = l.shop_id "
                f"WHERE r.changed_at >= :t0 AND r.changed_at < :t1{where} ORDER BY r.changed_at"
            ),
            {**bounds, **params},
        )
    ]
    phase_start, phase_end = day_expr(conn, "ph.starts_at"), day_expr(conn, "ph.ends_at")
    for first, last, name, campaign in conn.execute(
        text(
            f"SELECT {phase_start}, {phase_end}, ph.name, c.name FROM campaign_phase ph "
            "JOIN campaign c ON c.id = ph.campaign_id WHERE ph.starts_at < :t1 AND ph.ends_at >= :t0 "
            "ORDER BY ph.starts_at"
        ),
        bounds,
    ):
        out.append(Marker("campaign_phase", as_date(first), as_date(last), f"{campaign} · {name}"))
    return out
