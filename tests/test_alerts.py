"""Alert rules evaluated on a real SQLite file loaded from real-format exports
(tests/alerts_data.py has the hand-worked figures)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text

from shopdesk.cli import main
from shopdesk.services import alerts
from shopdesk.services.alerts import evaluation
from shopdesk.services.alerts.rules import (
    DEFAULT_RULE,
    Rule,
    RuleRefused,
    delete_rule,
    ensure_default_rule,
    list_rules,
    save_rule,
)
from shopdesk.services.imports import import_file
from tests import alerts_data
from tests.builders import taobao

D = Decimal


@pytest.fixture
def loaded(db, tmp_path: Path):
    for path in (*alerts_data.write_taobao(tmp_path), alerts_data.write_jd(tmp_path)):
        result = import_file(db, path)
        assert result.status == "loaded", result.message
    return db


def _add(db, rule: Rule) -> Rule:
    with db.engine.begin() as conn:
        return save_rule(conn, rule)


def _only(db, rule: Rule) -> Rule:
    """Make ``rule`` the database's only rule."""
    with db.engine.begin() as conn:
        ensure_default_rule(conn)
        for r in list_rules(conn):
            delete_rule(conn, r.id)
        return save_rule(conn, rule)


def _events(db) -> list:
    with db.engine.connect() as conn:
        return conn.execute(text("SELECT rule_id, scope_key, period FROM alert_event ORDER BY id")).all()


def test_shipped_rule_fires_on_the_conversion_drop_and_names_the_factor_and_product(loaded) -> None:
    outcome = alerts.run(loaded, alerts_data.AS_OF, send=False)
    found = [(v.rule, v.scope, v.period) for v in outcome.new]
    assert found == [(DEFAULT_RULE.name, "platform:taobao", "2026-W45")]
    view = outcome.new[0]
    assert (view.value, view.baseline, view.change) == (D("0.02"), D("0.04"), D("-0.5"))
    e = view.explanation
    assert e["main_factor"] == "conversion"
    assert (e["gmv"]["before"], e["gmv"]["after"]) == (D("10000.00"), D("6000.00"))
    factors = {f["factor"]: f for f in e["factors"]}
    assert factors["visitors"]["change"] == 0
    assert factors["conversion"]["change"] == D("-0.5")
    assert factors["aov"]["change"] == D("0.2")
    # the three factors' log points add up to GMV's
    assert abs(sum(f["log"] for f in e["factors"]) - e["gmv"]["log"]) < D("0.00001")
    assert [(p["outer_id"], p["gmv_delta"]) for p in e["products"]] == [("QH2609", D("-4000.00"))]
    words = "\n".join(view.lines())
    assert "淘宝/天猫 · 2026-W45 转化率：2.00%，较上一周期（4.00%）变化 -50.0%。" in words
    assert "变化最大的因素是转化率：-50.0%" in words
    assert "青禾纯棉宽松T恤（QH2609，青禾淘宝旗舰店）¥6,000.00 → ¥2,000.00（-4,000.00）" in words
    # JD has no traffic export: its conversion is unknown, so the rule says nothing about it
    assert all(not v.scope.endswith("jd") for v in outcome.new)


def test_evaluating_again_adds_nothing(loaded) -> None:
    assert len(alerts.run(loaded, alerts_data.AS_OF, send=False).new) == 1
    assert alerts.run(loaded, alerts_data.AS_OF, send=False).new == []
    assert len(_events(loaded)) == 1


def test_the_shipped_rule_is_created_once_and_stays_deleted(loaded) -> None:
    alerts.evaluate(loaded, alerts_data.AS_OF)
    with loaded.engine.begin() as conn:
        (rule,) = list_rules(conn)
        assert (rule.metric, rule.scope, rule.scope_value, rule.threshold, rule.min_volume, rule.period) == (
            "conversion", "platform", None, D("0.2"), 100, "week"
        )  # fmt: skip
        delete_rule(conn, rule.id)
    assert alerts.evaluate(loaded, alerts_data.AS_OF) == []
    with loaded.engine.connect() as conn:
        assert list_rules(conn) == []


def test_min_volume_keeps_small_samples_quiet(loaded) -> None:
    # 2,000 visitors a week: a minimum of 2,001 visitors silences the drop
    drop = Rule("转化率", "conversion", "platform", None, "prev_period", "down", D("0.2"), 2001, "week")
    _only(loaded, drop)
    assert alerts.run(loaded, alerts_data.AS_OF, send=False).new == []
    _add(loaded, replace(drop, name="淘宝转化率", scope_value="taobao", min_volume=2000))
    assert [v.scope for v in alerts.run(loaded, alerts_data.AS_OF, send=False).new] == ["platform:taobao"]


def test_absolute_thresholds(loaded) -> None:
    _only(loaded, Rule("订单少于 50", "orders", "platform", "taobao", "absolute", "down", D("50"), 0, "week"))
    _add(loaded, Rule("GMV 超过 2 万", "gmv", "all", None, "absolute", "up", D("20000"), 0, "week"))
    _add(loaded, Rule("GMV 超过 5 千", "gmv", "all", None, "absolute", "up", D("5000"), 0, "week"))
    new = alerts.run(loaded, alerts_data.AS_OF, send=False).new
    assert [(v.rule, v.value, v.baseline) for v in new] == [
        ("订单少于 50", D("40"), D("50")),
        ("GMV 超过 5 千", D("6297.00"), D("5000")),  # 6,000 on Taobao + 3 × 99 on JD
    ]
    assert "低于阈值 50" in new[0].lines()[0]


def test_each_shop_and_one_product(loaded) -> None:
    _only(loaded, Rule("店铺 GMV 下降", "gmv", "shop", None, "prev_period", "down", D("0.3"), 0, "week"))
    _add(loaded, Rule("T恤 GMV", "gmv", "product", "QH2609", "prev_period", "down", D("0.5"), 0, "week"))
    _add(loaded, Rule("裤 GMV", "gmv", "product", "QH3001", "prev_period", "either", D("0.1"), 0, "week"))
    new = alerts.run(loaded, alerts_data.AS_OF, send=False).new
    assert [(v.rule, v.scope_label, v.value, v.baseline) for v in new] == [
        ("店铺 GMV 下降", "青禾淘宝旗舰店", D("6000.00"), D("10000.00")),  # the JD shop did not move
        ("T恤 GMV", "商品 青禾纯棉宽松T恤（QH2609）", D("2000.00"), D("6000.00")),
    ]
    assert new[0].scope.startswith("shop:")
    # the shop's own products explain it, asked of that shop alone
    assert {p["shop"] for p in new[0].explanation["products"]} == {"青禾淘宝旗舰店"}
    assert new[0].explanation["products"][0]["outer_id"] == "QH2609"


def test_same_weekday_of_the_last_four_weeks(db, tmp_path: Path) -> None:
    """Thursdays 10-08 … 10-29: 10 orders of 100.00 each; Thursday 11-05: 3; Wednesday
    11-04: 10 (it must not count: only the same weekday is the baseline)."""
    thursdays = [date(2026, 10, 8) + timedelta(weeks=k) for k in range(4)]
    counts = {d: 10 for d in thursdays} | {date(2026, 11, 5): 3, date(2026, 11, 4): 10, date(2026, 10, 28): 1}
    orders, n = [], 0
    for day, count in counts.items():
        for _i in range(count):
            n += 1
            orders.append(dict(order_id=f"3309{n:015d}", buyer=f"b{n}", paid="100.00", total="100.00",
                               goods="100.00", paid_time=f"{day.isoformat()} 12:00:00"))  # fmt: skip
    path = taobao.write_order_list(tmp_path / "ExportOrderList.csv", orders)
    assert import_file(db, path).status == "loaded"
    _only(db, Rule("GMV 低于同期", "gmv", "all", None, "same_weekday_4w", "down", D("0.5"), 5, "day"))
    new = alerts.run(db, date(2026, 11, 6), send=False).new
    assert [(v.period, v.value, v.baseline, v.change) for v in new] == [
        ("2026-11-05", D("300.00"), D("1000.00"), D("-0.7"))
    ]
    assert new[0].explanation["baseline_periods"] == ["2026-10-29", "2026-10-22", "2026-10-15", "2026-10-08"]
    assert "前 4 周同一星期几的均值" in new[0].lines()[0]
    # the day before: Wednesday 11-04 against Wednesday 10-28 alone (one week of history is not enough)
    assert alerts.run(db, date(2026, 11, 5), send=False).new == []


def test_cli_alerts_json(loaded, capsys) -> None:
    args = ["--db", str(loaded.target.path), "alerts", "--json", "--as-of", "2026-11-11"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 1
    item = data[0]
    assert {k: item[k] for k in ("rule", "metric", "scope", "period", "value", "baseline", "change")} == {
        "rule": DEFAULT_RULE.name,
        "metric": "conversion",
        "scope": "platform:taobao",
        "period": "2026-W45",
        "value": 0.02,
        "baseline": 0.04,
        "change": -0.5,
    }
    assert item["explanation"]["main_factor"] == "conversion"
    assert item["explanation"]["products"][0]["outer_id"] == "QH2609"
    assert "转化率" in item["explanation"]["text"]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["--db", str(loaded.target.path), "alerts", "--as-of", "2026-11-11"]) == 0
    assert "没有新的预警" in capsys.readouterr().out


def test_imports_evaluate_the_rules_after_committing(db, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(evaluation, "today_in_beijing", lambda: alerts_data.AS_OF)
    results = [import_file(db, p) for p in alerts_data.write_taobao(tmp_path)]
    assert [len(r.alerts) for r in results] == [0, 0, 1]  # the drop shows once traffic is in
    assert results[2].alerts[0].scope == "platform:taobao"
    assert "alerts" not in results[2].to_json()  # the import JSON contract is unchanged
    # a dry run evaluates nothing, a re-import of the same file neither
    assert import_file(db, alerts_data.write_jd(tmp_path), dry_run=True).alerts == []
    assert len(_events(db)) == 1


def test_a_failing_evaluation_never_fails_the_import(db, tmp_path: Path, monkeypatch, caplog) -> None:
    def broken(conn, today=None):
        raise RuntimeError("alerts are broken")

    monkeypatch.setattr("shopdesk.services.alerts.evaluate_rules", broken)
    result = import_file(db, alerts_data.write_jd(tmp_path))
    assert (result.status, result.added, result.alerts) == ("loaded", 6, [])
    assert "alerts could not be evaluated" in caplog.text
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM orders")).scalar() == 6


def test_rules_are_validated() -> None:
    assert Rule("", "gmv").problems()
    assert Rule("x", "gmv", comparison="absolute", direction="either", threshold=D("1")).problems()
    assert Rule("x", "gmv", scope="product").problems()
    assert Rule("x", "gmv", threshold=D("0")).problems()
    assert Rule("x", "gmv").problems() == []
    with pytest.raises(RuleRefused):
        save_rule(None, Rule("", "gmv"))  # type: ignore[arg-type]
