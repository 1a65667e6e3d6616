"""Why an alert fired, in figures and in words.

GMV = visitors × conversion × AOV holds exactly (conversion = buyers / visitors,
AOV = GMV / buyers), so the log of GMV's ratio is the sum of the logs of the
three factors' ratios: each factor's share of the move can be stated without
arbitrary ordering. Without traffic data the split is buyers × AOV. The
products that moved GMV most (in the alert's direction) come from
:func:`product_kpis`, against the same baseline as the rule.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from shopdesk import i18n
from shopdesk.domain.kpi import FEN, RATE, Period
from shopdesk.i18n import _
from shopdesk.platforms import platform_name
from shopdesk.services.alerts.figures import Figures, Target, matches
from shopdesk.services.alerts.rules import MONEY_METRICS, RATE_METRICS, Rule, metric_label
from shopdesk.services.decimal_json import dumps  # noqa: F401  (callers write explain.dumps)
from shopdesk.services.kpi.products import product_kpis

ZERO = Decimal(0)
TOP_PRODUCTS = 3


def _ln_ratio(after: Decimal | None, before: Decimal | None) -> Decimal | None:
    if not after or not before or after <= 0 or before <= 0:
        return None
    return (Decimal(after) / Decimal(before)).ln().quantize(RATE)


def _change(after: Decimal | None, before: Decimal | None) -> Decimal | None:
    if after is None or not before:
        return None
    return ((Decimal(after) - Decimal(before)) / Decimal(before)).quantize(RATE)


def decompose(before: Figures, after: Figures) -> dict[str, Any]:
    """GMV's move split into its factors: before, after, relative change and log
    points of each, and the factor whose log moved most."""
    names = ("visitors", "conversion", "aov") if before.visitors and after.visitors else ("buyers", "aov")
    factors = []
    for name in names:
        b, a = before.value(name), after.value(name)
        factors.append(
            {"factor": name, "before": b, "after": a, "change": _change(a, b), "log": _ln_ratio(a, b)}
        )
    gmv_log = _ln_ratio(after.gmv, before.gmv)
    for f in factors:
        f["share"] = (
            (f["log"] / gmv_log).quantize(Decimal("0.01")) if f["log"] is not None and gmv_log else None
        )
    moved = [f for f in factors if f["log"] is not None]
    main = max(moved, key=lambda f: abs(f["log"]))["factor"] if moved else None
    return {
        "gmv": {
            "before": before.gmv,
            "after": after.gmv,
            "change": _change(after.gmv, before.gmv),
            "log": gmv_log,
        },
        "factors": factors,
        "main_factor": main,
    }


def top_products(
    conn: Connection, target: Target, period: Period, baselines: list[Period], direction: str
) -> list[dict[str, Any]]:
    """The products whose GMV moved most against the baseline (their mean when
    there are several baseline periods), in the direction of the alert."""

    def rows(p: Period):
        found = product_kpis(conn, p, target.scope)
        return [r for r in found if matches(r, target.value)] if target.kind == "product" else found

    now = {(r.shop_id, r.item_key): r for r in rows(period)}
    base_gmv: dict[tuple[int, str], Decimal] = {}
    info = dict(now)
    for p in baselines:
        for r in rows(p):
            key = (r.shop_id, r.item_key)
            base_gmv[key] = base_gmv.get(key, ZERO) + r.gmv
            info.setdefault(key, r)
    n = Decimal(len(baselines) or 1)
    moves = []
    for key, r in info.items():
        before = (base_gmv.get(key, ZERO) / n).quantize(FEN)
        current = now.get(key)
        after = current.gmv if current else Decimal("0.00")
        delta = after - before
        if delta == 0 or (direction == "down" and delta > 0) or (direction == "up" and delta < 0):
            continue
        moves.append(
            {
                "platform": r.platform,
                "shop": r.shop,
                "item_key": r.item_key,
                "outer_id": r.outer_id,
                "title": r.title,
                "gmv_before": before,
                "gmv_after": after,
                "gmv_delta": delta,
                "conversion_after": current.conversion if current else None,
                "visitors_after": current.visitors if current else None,
            }
        )
    moves.sort(key=lambda m: (-abs(m["gmv_delta"]), m["platform"], m["item_key"]))
    return moves[:TOP_PRODUCTS]


def build(
    rule: Rule,
    target: Target,
    scope_name: str | None,
    period: Period,
    baselines: list[Period],
    value: Decimal | None,
    baseline: Decimal | None,
    change: Decimal | None,
    decomposition: dict[str, Any],
    products: list[dict[str, Any]],
) -> dict[str, Any]:
    """The explanation stored with the event (JSON): everything :func:`describe` needs."""
    return {
        "rule": rule.name,
        "metric": rule.metric,
        "comparison": rule.comparison,
        "direction": rule.direction,
        "threshold": rule.threshold,
        "period_kind": rule.period,
        "scope": target.key,
        "scope_kind": target.kind,
        "scope_value": target.value,
        "scope_name": scope_name,
        "period": period.label,
        "baseline_periods": [p.label for p in baselines],
        "value": value,
        "baseline": baseline,
        "change": change,
        **decomposition,
        "products": products,
    }


# --- words -------------------------------------------------------------------------------------


def fmt(metric: str, value: Any) -> str:
    if value is None:
        return "—"
    value = Decimal(value)
    if metric in MONEY_METRICS:
        return f"¥{value:,.2f}"
    if metric in RATE_METRICS:
        return f"{value * 100:.2f}%"
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.1f}"


def pct(change: Any) -> str:
    return "—" if change is None else f"{Decimal(change) * 100:+.1f}%"


def scope_label(e: dict[str, Any]) -> str:
    kind, value, name = e.get("scope_kind"), e.get("scope_value"), e.get("scope_name")
    if kind == "platform" and value:
        return platform_name(value, i18n.language())
    if kind == "shop":
        return name or _("shop #{id}", id=value)
    if kind == "product":
        return _("product {name}", name=f"{name}（{value}）" if name else value)
    return _("all platforms")


def _baseline_name(e: dict[str, Any]) -> str:
    if e.get("comparison") == "same_weekday_4w":
        if e.get("period_kind") == "week":
            return _("the mean of the 4 weeks before")
        return _("the mean of the same weekday in the 4 weeks before")
    return _("the period before")


def describe(e: dict[str, Any]) -> list[str]:
    """The explanation as short paragraphs in the current language."""
    metric = e["metric"]
    head = {"scope": scope_label(e), "metric": metric_label(metric), "period": e["period"]}
    if e.get("comparison") == "absolute":
        values = dict(**head, value=fmt(metric, e["value"]), threshold=fmt(metric, e["threshold"]))
        if e.get("direction") == "down":
            first = _("{scope} · {metric} in {period}: {value}, below the threshold {threshold}.", **values)
        else:
            first = _("{scope} · {metric} in {period}: {value}, above the threshold {threshold}.", **values)
    else:
        first = _(
            "{scope} · {metric} in {period}: {value}, {change} against {baseline_name} ({baseline}).",
            **head,
            value=fmt(metric, e["value"]),
            change=pct(e["change"]),
            baseline_name=_baseline_name(e),
            baseline=fmt(metric, e["baseline"]),
        )
    lines = [first]
    factors = e.get("factors") or []
    gmv = e.get("gmv") or {}
    if factors and gmv.get("before") is not None:
        parts = " × ".join(
            f"{metric_label(f['factor'])} {fmt(f['factor'], f['before'])} → {fmt(f['factor'], f['after'])}"
            f"（{pct(f['change'])}）"
            for f in factors
        )
        main = next((f for f in factors if f["factor"] == e.get("main_factor")), None)
        lines.append(
            _(
                "GMV {before} → {after} ({change}) = {factors}.",
                before=fmt("gmv", gmv["before"]),
                after=fmt("gmv", gmv["after"]),
                change=pct(gmv.get("change")),
                factors=parts,
            )
        )
        if main is not None:
            lines.append(
                _(
                    "{factor} moved most: {change}.",
                    factor=metric_label(main["factor"]),
                    change=pct(main["change"]),
                )
            )
    products = e.get("products") or []
    if products:
        named = "；".join(
            f"{p.get('title') or p['item_key']}（{p.get('outer_id') or p['item_key']}，{p['shop']}）"
            f"{fmt('gmv', p['gmv_before'])} → {fmt('gmv', p['gmv_after'])}（{Decimal(p['gmv_delta']):+,.2f}）"
            for p in products
        )
        lines.append(_("Products that moved GMV most: {products}.", products=named))
    return lines


# --- JSON with exact decimals ---------------------------------------------------------------------


def loads(text: str | None) -> dict[str, Any]:
    return json.loads(text, parse_float=Decimal) if text else {}
