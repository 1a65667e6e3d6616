"""Alert rules: what they may say, how they are stored, and the shipped default.

A rule watches one KPI of DESIGN.md for a scope (all platforms, a platform —
or each platform —, a shop — or each shop —, or one product by 商家编码 or
platform item id) and fires when it drops or rises by a share of its baseline,
or crosses an absolute value. ``min_volume`` keeps tiny samples quiet.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import Connection, text

from shopdesk.i18n import _

METRICS = ("gmv", "net_sales", "orders", "buyers", "visitors", "conversion", "aov", "repeat_rate", "share")
RATIO_METRICS = frozenset({"conversion", "aov", "repeat_rate", "share"})  # noisy on small samples
MONEY_METRICS = frozenset({"gmv", "net_sales", "aov"})
RATE_METRICS = frozenset({"conversion", "repeat_rate", "share"})
SCOPES = ("all", "platform", "shop", "product")
COMPARISONS = ("prev_period", "same_weekday_4w", "absolute")
DIRECTIONS = ("down", "up", "either")
PERIODS = ("day", "week")

DEFAULT_RULE_KEY = "alerts_default_rule_created"


def metric_label(metric: str) -> str:
    labels = {
        "gmv": _("GMV"),
        "net_sales": _("net sales"),
        "orders": _("orders"),
        "buyers": _("buyers"),
        "visitors": _("visitors"),
        "conversion": _("conversion"),
        "aov": _("AOV"),
        "repeat_rate": _("repeat rate"),
        "share": _("platform share"),
    }
    return labels.get(metric, metric)


def volume_metric(metric: str) -> str:
    """What ``min_volume`` counts for ``metric``: visitors for rates of visitors,
    buyers for the repeat rate, paid orders for everything else."""
    if metric in ("conversion", "visitors"):
        return "visitors"
    if metric == "repeat_rate":
        return "buyers"
    return "orders"


@dataclass(frozen=True)
class Rule:
    name: str
    metric: str
    scope: str = "all"
    scope_value: str | None = None  # None for platform/shop: each one separately
    comparison: str = "prev_period"
    direction: str = "down"
    threshold: Decimal = Decimal("0.2")  # a fraction for % comparisons, a value for absolute
    min_volume: int = 0
    period: str = "day"
    enabled: bool = True
    id: int | None = None

    def problems(self) -> list[str]:
        """Why this rule cannot be saved (empty when it can)."""
        out = []
        if not self.name.strip():
            out.append(_("Give the rule a name."))
        if self.metric not in METRICS or self.scope not in SCOPES or self.comparison not in COMPARISONS:
            out.append(_("Unknown metric, scope or comparison."))
        if self.direction not in DIRECTIONS or self.period not in PERIODS:
            out.append(_("Unknown direction or period."))
        if self.scope in ("all",) and self.scope_value:
            out.append(_("A rule on all platforms takes no scope value."))
        if self.scope == "product" and not (self.scope_value or "").strip():
            out.append(_("Name the product (商家编码 or platform item id)."))
        if self.comparison == "absolute" and self.direction == "either":
            out.append(_("An absolute threshold needs a direction: below (down) or above (up)."))
        if self.comparison != "absolute" and not Decimal(0) < self.threshold <= Decimal(10):
            out.append(_("The change threshold must be above 0 % and at most 1000 %."))
        if self.comparison == "absolute" and self.threshold < 0:
            out.append(_("The threshold cannot be negative."))
        if self.min_volume < 0:
            out.append(_("The minimum volume cannot be negative."))
        return out


DEFAULT_RULE = Rule(
    name="各平台转化率环比下降 ≥ 20%",
    metric="conversion",
    scope="platform",
    scope_value=None,
    comparison="prev_period",
    direction="down",
    threshold=Decimal("0.2"),
    min_volume=100,
    period="week",
)

_COLUMNS = (
    "id, name, metric, scope, scope_value, comparison, direction, threshold, min_volume, period, enabled"
)


def _rule(row) -> Rule:
    return Rule(
        id=row[0],
        name=row[1],
        metric=row[2],
        scope=row[3],
        scope_value=row[4],
        comparison=row[5],
        direction=row[6],
        threshold=Decimal(str(row[7])),
        min_volume=int(row[8] or 0),
        period=row[9],
        enabled=bool(row[10]),
    )


def ensure_default_rule(conn: Connection) -> None:
    """The shipped rule exists in every database — once: if the team deletes it
    later, it stays deleted (a flag in app_meta remembers it was offered)."""
    if conn.execute(text("SELECT 1 FROM app_meta WHERE key = :k"), {"k": DEFAULT_RULE_KEY}).first():
        return
    if not conn.execute(text("SELECT 1 FROM alert_rule LIMIT 1")).first():
        _insert(conn, DEFAULT_RULE)
    conn.execute(text("INSERT INTO app_meta (key, value) VALUES (:k, '1')"), {"k": DEFAULT_RULE_KEY})


def list_rules(conn: Connection, *, enabled_only: bool = False) -> list[Rule]:
    where = " WHERE enabled" if enabled_only else ""
    return [_rule(r) for r in conn.execute(text(f"SELECT {_COLUMNS} FROM alert_rule{where} ORDER BY id"))]


def db_number(conn: Connection, value: Decimal | None) -> Decimal | str | None:
    """A Decimal for a NUMERIC column: pysqlite cannot bind Decimal, so SQLite gets
    its exact text (stored as a number by the column's affinity)."""
    if value is None or conn.dialect.name != "sqlite":
        return value
    return format(value, "f")


def _params(conn: Connection, rule: Rule) -> dict:
    value = (rule.scope_value or "").strip() or None
    return dict(
        name=rule.name.strip(),
        metric=rule.metric,
        scope=rule.scope,
        scope_value=None if rule.scope == "all" else value,
        comparison=rule.comparison,
        direction=rule.direction,
        threshold=db_number(conn, rule.threshold),
        min_volume=rule.min_volume,
        period=rule.period,
        enabled=rule.enabled,
    )


def _insert(conn: Connection, rule: Rule) -> int:
    params = _params(conn, rule)
    conn.execute(
        text(
            "INSERT INTO alert_rule (name, metric, scope, scope_value, comparison, direction, threshold, "
            "min_volume, period, enabled, created_at, updated_at) VALUES (:name, :metric, :scope, "
            ":scope_value, :comparison, :direction, :threshold, :min_volume, :period, :enabled, "
            "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
        ),
        params,
    )
    return int(
        conn.execute(
            text("SELECT MAX(id) FROM alert_rule WHERE name = :name AND metric = :metric"), params
        ).scalar_one()
    )


class RuleRefused(ValueError):
    """The rule is not valid; ``str()`` lists the problems for the user."""


def save_rule(conn: Connection, rule: Rule) -> Rule:
    """Insert (``id`` None) or update a rule; RuleRefused when it is not valid."""
    problems = rule.problems()
    if problems:
        raise RuleRefused("\n".join(problems))
    if rule.id is None:
        return replace(rule, id=_insert(conn, rule))
    conn.execute(
        text(
            "UPDATE alert_rule SET name = :name, metric = :metric, scope = :scope, "
            "scope_value = :scope_value, comparison = :comparison, direction = :direction, "
            "threshold = :threshold, min_volume = :min_volume, period = :period, enabled = :enabled, "
            "updated_at = CURRENT_TIMESTAMP WHERE id = :id"
        ),
        {**_params(conn, rule), "id": rule.id},
    )
    return rule


def delete_rule(conn: Connection, rule_id: int) -> None:
    """Delete a rule and its events (they only make sense with the rule)."""
    conn.execute(text("DELETE FROM alert_event WHERE rule_id = :id"), {"id": rule_id})
    conn.execute(text("DELETE FROM alert_rule WHERE id = :id"), {"id": rule_id})
