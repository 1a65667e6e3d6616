"""What the weekly report reads besides the KPIs: the week's alerts, hot search
keywords the titles miss, and what the team changed (listing edits, bulk edits
gone live, campaign phases).

Each is one or two plain queries bounded by the week, so the report stays
quick on a year of data. Stamps are Beijing wall time as the rest of the
database keeps them; ``day_bounds`` gives the half-open range of the week.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Connection, text

from shopdesk.domain.kpi import Period, parse_week
from shopdesk.services.alerts import explain
from shopdesk.services.kpi.aggregates import day_bounds

HOT_KEYWORDS = 20  # per platform: the most searched keywords that are checked against titles


@dataclass
class AlertRow:
    created_at: datetime | None
    rule: str
    metric: str
    scope: str
    period: str
    value: Decimal | None
    baseline: Decimal | None
    explanation: str


@dataclass
class KeywordGap:
    platform: str
    keyword: str
    search_popularity: int
    click_rate: Decimal | None
    conversion: Decimal | None
    shops: str


@dataclass
class Edit:
    """One listing change: a revision the database kept, or a bulk-edit change gone live."""

    at: datetime | None
    platform: str
    shop: str
    item_id: str
    title: str
    field: str
    old_value: str | None
    new_value: str | None
    source: str


@dataclass
class PhaseRow:
    campaign: str
    phase: str
    kind: str
    starts_at: datetime | None
    ends_at: datetime | None


# --- alerts --------------------------------------------------------------------------------------


def _evaluated(raw: str | None) -> dict | None:
    """The explanation as the alert evaluator stores it (services/alerts/explain.py),
    or None for anything else."""
    try:
        loaded = explain.loads(raw)
    except ValueError:
        return None
    if isinstance(loaded, dict) and {"metric", "period", "scope_kind"} <= loaded.keys():
        return loaded
    return None


def explanation_text(raw: str | None) -> str:
    """The alert's explanation as a sentence. The evaluator stores JSON; tolerate
    what it may hold: a JSON string, an object with ``text``, or plain text."""
    if not raw:
        return ""
    try:
        loaded = json.loads(raw)
    except ValueError:
        return raw
    if isinstance(loaded, str):
        return loaded
    if isinstance(loaded, dict) and isinstance(loaded.get("text"), str):
        return loaded["text"]
    return ""


def period_in_week(label: str | None, week: Period) -> bool | None:
    """Whether an alert's period label lies in ``week``: a day, an ISO week or
    ``a..b`` range; None when the label is none of these (use the stamp then)."""
    label = (label or "").strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", label):
            day = date.fromisoformat(label)
            return week.start <= day <= week.end
        if re.fullmatch(r"\d{4}-[Ww]\d{1,2}", label):
            return parse_week(label).start == week.start
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}", label):
            first, last = (date.fromisoformat(p) for p in label.split(".."))
            return first <= week.end and last >= week.start
    except ValueError:
        return None
    return None


def week_alerts(conn: Connection, week: Period) -> list[AlertRow]:
    """Events whose period lies in the week (or, for a period label we cannot
    read, raised during it), oldest first."""
    bounds = day_bounds(conn, week.start, week.end)
    rows = conn.execute(
        text(
            "SELECT e.created_at, r.name, r.metric, r.scope, r.scope_value, e.period, e.value, e.baseline, "
            "e.explanation FROM alert_event e LEFT JOIN alert_rule r ON r.id = e.rule_id "
            "ORDER BY e.created_at, e.id"
        )
    ).all()
    out = []
    for created, name, metric, scope, scope_value, period, value, baseline, explanation in rows:
        inside = period_in_week(period, week)
        if inside is None:
            stamp = str(created or "")
            inside = str(bounds["t0"]) <= stamp < str(bounds["t1"])
        if not inside:
            continue
        where = scope or ""
        if scope_value:
            where = f"{where}: {scope_value}"
        evaluated = _evaluated(explanation)
        if evaluated is not None:  # written by the alert evaluator: its own words and scope
            where = explain.scope_label(evaluated)
        out.append(
            AlertRow(
                created_at=as_stamp(created),
                rule=name or "",
                metric=metric or "",
                scope=where,
                period=period or "",
                value=None if value is None else Decimal(str(value)),
                baseline=None if baseline is None else Decimal(str(baseline)),
                explanation=(
                    "\n".join(explain.describe(evaluated)) if evaluated else explanation_text(explanation)
                ),
            )
        )
    return out


# --- keywords ------------------------------------------------------------------------------------


def normalise(value: str) -> str:
    """NFKC, lower case, no spaces: ``Ｔ恤`` and ``t恤`` are the same word in a title."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value)).lower()


def covered(keyword: str, titles: Iterable[str]) -> bool:
    """A title covers a search keyword when it holds every word of it, in any
    order (``纯棉 宽松`` is covered by ``青禾纯棉宽松T恤``)."""
    words = [normalise(w) for w in unicodedata.normalize("NFKC", keyword).split()]
    words = [w for w in words if w]
    if not words:
        return True
    return any(all(w in title for w in words) for title in titles)


def keyword_gaps(
    conn: Connection, week: Period, limit: int = HOT_KEYWORDS
) -> tuple[list[KeywordGap], list[str]]:
    """Per platform, the ``limit`` most searched keywords of reports overlapping
    the week that no listing title of that platform contains. Also returns the
    platforms that have keyword data but no titles to compare with."""
    bounds = day_bounds(conn, week.start, week.end)
    best: dict[tuple[str, str], KeywordGap] = {}
    shops: dict[tuple[str, str], set[str]] = {}
    for platform, shop, keyword, popularity, click_rate, conversion in conn.execute(
        text(
            "SELECT s.platform, s.name, k.keyword, k.search_popularity, k.click_rate, k.conversion "
            "FROM keyword_stat k JOIN shop s ON s.id = k.shop_id "
            "WHERE k.date_from <= :d1 AND k.date_to >= :d0 AND k.search_popularity IS NOT NULL"
        ),
        bounds,
    ):
        key = (platform, keyword)
        shops.setdefault(key, set()).add(shop)
        if key not in best or popularity > best[key].search_popularity:
            best[key] = KeywordGap(
                platform,
                keyword,
                int(popularity),
                None if click_rate is None else Decimal(str(click_rate)),
                None if conversion is None else Decimal(str(conversion)),
                "",
            )
    titles: dict[str, list[str]] = {}
    for platform, title in conn.execute(
        text("SELECT s.platform, l.title FROM listing l JOIN shop s ON s.id = l.shop_id WHERE l.title <> ''")
    ):
        titles.setdefault(platform, []).append(normalise(title))
    gaps: list[KeywordGap] = []
    untitled: list[str] = []
    for platform in sorted({p for p, _k in best}):
        candidates = [g for (p, _k), g in best.items() if p == platform]
        ranked = sorted(candidates, key=lambda g: (-g.search_popularity, g.keyword))[:limit]
        if platform not in titles:
            untitled.append(platform)
            continue
        for gap in ranked:
            if not covered(gap.keyword, titles[platform]):
                gap.shops = "、".join(sorted(shops[(platform, gap.keyword)]))
                gaps.append(gap)
    gaps.sort(key=lambda g: (-g.search_popularity, g.platform, g.keyword))
    return gaps, untitled


# --- what the team changed ---------------------------------------------------------------------

SOURCES = {"import": "导入", "edit": "手工编辑", "change_set": "批量修改", "api": "接口同步"}
FIELDS = {
    "title": "标题",
    "short_title": "短标题",
    "selling_points": "卖点",
    "main_images": "主图",
    "price_fen": "价格",
    "price": "价格",
    "stock": "库存",
    "status": "状态",
    "category": "类目",
    "platform_category": "平台类目",
}


def week_edits(conn: Connection, week: Period) -> list[Edit]:
    """Listing revisions made in the week, plus bulk-edit changes that went live
    in it (those already kept as a revision of the same change are not repeated)."""
    bounds = day_bounds(conn, week.start, week.end)
    edits: list[Edit] = []
    seen_changes: set[int] = set()
    for at, field, old, new, source, change_id, platform, shop, item, title in conn.execute(
        text(
            "SELECT r.changed_at, r.field, r.old_value, r.new_value, r.source, r.change_id, s.platform, "
            "s.name, l.platform_item_id, l.title FROM listing_revision r "
            "JOIN listing l ON l.id = r.listing_id JOIN shop s ON s.id = l.shop_id "
            "WHERE r.changed_at >= :t0 AND r.changed_at < :t1 ORDER BY r.changed_at, r.id"
        ),
        bounds,
    ):
        if change_id is not None:
            seen_changes.add(int(change_id))
        edits.append(
            Edit(as_stamp(at), platform, shop, item, title or "", FIELDS.get(field, field), old, new,
                 SOURCES.get(source, source))
        )  # fmt: skip
    for change_id, at, name, field, old, new, platform, shop, item, title in conn.execute(
        text(
            "SELECT c.id, cs.live_at, cs.name, c.field, c.old_value, c.new_value, s.platform, s.name, "
            "l.platform_item_id, l.title FROM change c JOIN change_set cs ON cs.id = c.change_set_id "
            "JOIN listing l ON l.id = c.listing_id JOIN shop s ON s.id = l.shop_id "
            "WHERE c.state = 'live' AND cs.live_at >= :t0 AND cs.live_at < :t1 ORDER BY cs.live_at, c.id"
        ),
        bounds,
    ):
        if int(change_id) in seen_changes:
            continue
        edits.append(
            Edit(as_stamp(at), platform, shop, item, title or "", FIELDS.get(field, field), old, new,
                 f"批量修改上线：{name}")
        )  # fmt: skip
    edits.sort(key=lambda e: e.at or datetime.min)
    return edits


PHASE_KINDS = {"warmup": "预热", "burst": "爆发", "return": "返场", "custom": "自定义"}


def week_phases(conn: Connection, week: Period) -> list[PhaseRow]:
    """Campaign phases that overlap the week, in time order."""
    bounds = day_bounds(conn, week.start, week.end)
    return [
        PhaseRow(campaign, phase, PHASE_KINDS.get(kind, kind), as_stamp(starts), as_stamp(ends))
        for campaign, phase, kind, starts, ends in conn.execute(
            text(
                "SELECT c.name, ph.name, ph.kind, ph.starts_at, ph.ends_at FROM campaign_phase ph "
                "JOIN campaign c ON c.id = ph.campaign_id WHERE ph.starts_at < :t1 AND ph.ends_at >= :t0 "
                "ORDER BY ph.starts_at, ph.id"
            ),
            bounds,
        )
    ]


def as_stamp(value: object) -> datetime | None:
    """A stamp as the database gives it back (a datetime, or text on SQLite)."""
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, datetime.min.time())
    try:
        return datetime.fromisoformat(str(value)[:19])
    except ValueError:
        return None
