"""The sheets of 《跨平台运营数据简报》, written from a :class:`WeeklyData`.

The reader is the boss, in Excel or on paper: every sheet opens with a title
and the week, tables have frozen, repeated headings, money is a number with
two decimals, rates are percentages, unknown figures are "—", and the charts
are native Excel charts (they stay live if someone edits a number). The text
is Chinese on purpose — the report is read in Chinese whatever the app's
language.
"""

from __future__ import annotations

from decimal import Decimal

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, PieChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from shopdesk.domain.kpi import Kpis, change
from shopdesk.platforms import platform_name
from shopdesk.services.kpi.metrics import ALL
from shopdesk.services.kpi.products import ProductKpis
from shopdesk.services.reports.weekly import WeeklyData, gmv_delta, missed_buyers
from shopdesk.services.reports.xlsx import (
    BOX,
    Col,
    fit_columns,
    headings,
    note,
    print_setup,
    put,
    section,
    table,
    title,
    wrap_column,
)

REPORT_TITLE = "《跨平台运营数据简报》"
SHEETS = ("摘要", "分平台", "商品", "预警", "机会", "本周变更")
KPI_ROWS = (
    ("GMV（元）", "gmv", "money"),
    ("净销售额（元）", "net_sales", "money"),
    ("订单数", "orders", "count"),
    ("买家数", "buyers", "count"),
    ("访客数", "visitors", "count"),
    ("转化率", "conversion", "rate"),
    ("客单价（元）", "aov", "money"),
    ("复购率", "repeat_rate", "rate"),
)


def platform_label(code: str) -> str:
    return "全部平台" if code == ALL else platform_name(code, "zh_CN")


def week_text(data: WeeklyData) -> str:
    w, p = data.week, data.previous
    return (
        f"{w.label}（{w.start:%Y-%m-%d} 至 {w.end:%Y-%m-%d}）· 对比上周 {p.label}（{p.start:%m-%d} 至 "
        f"{p.end:%m-%d}）· 生成于 {data.generated_at:%Y-%m-%d %H:%M}"
    )


def product_name(p: ProductKpis) -> str:
    return p.title or p.outer_id or p.item_key or "（未命名商品）"


def yuan_text(value: Decimal) -> str:
    return f"¥{value:,.2f}"


def percent_text(value: Decimal | None, signed: bool = True) -> str:
    if value is None:
        return "—"
    return f"{value * 100:+.2f}%" if signed else f"{value * 100:.2f}%"


def weekly_workbook(data: WeeklyData) -> Workbook:
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = SHEETS[0]
    write_summary(summary, data)
    write_platforms(book.create_sheet(SHEETS[1]), data)
    write_products(book.create_sheet(SHEETS[2]), data)
    write_alerts(book.create_sheet(SHEETS[3]), data)
    write_opportunities(book.create_sheet(SHEETS[4]), data)
    write_changes(book.create_sheet(SHEETS[5]), data)
    book.properties.title = f"跨平台运营数据简报 {data.week.label}"
    book.properties.creator = "shopdesk"
    return book


# --- 摘要 ------------------------------------------------------------------------------------------


def highlights(data: WeeklyData) -> list[str]:
    """A few sentences a busy reader takes in before any table."""
    now, before = data.this_week[ALL], data.last_week[ALL]
    lines: list[str] = []
    if not data.complete:
        lines.append(f"注意：{data.week.label} 尚未结束，数据截至 {data.generated_at:%Y-%m-%d %H:%M}。")
    if not data.has_sales:
        lines.append("本周与上周都没有订单数据：请先导入各平台的订单导出。")
        return lines
    lines.append(
        f"本周 GMV {yuan_text(now.gmv)}，环比 {percent_text(change(now.gmv, before.gmv))}"
        f"（上周 {yuan_text(before.gmv)}）；订单 {now.orders:,} 笔，买家 {now.buyers:,} 人。"
    )
    ranked = sorted((data.this_week[p] for p in data.platforms), key=lambda k: -k.gmv)
    if ranked and ranked[0].gmv > 0:
        top = ranked[0]
        share = percent_text(top.share, False)
        lines.append(f"GMV 最高的平台：{platform_label(top.platform)}，占比 {share}。")
    if data.risers:
        p = data.risers[0]
        lines.append(
            f"增长最多的商品：{product_name(p)}（{platform_label(p.platform)}，+{yuan_text(gmv_delta(p))}）。"
        )
    if data.fallers:
        p = data.fallers[0]
        lines.append(
            f"下滑最多的商品：{product_name(p)}（{platform_label(p.platform)}，-{yuan_text(-gmv_delta(p))}）。"
        )
    lines.append(
        f"本周预警 {len(data.alerts)} 条；机会：访客上升但转化下降的商品 {len(data.converting_worse)} 个，"
        f"未进标题的热搜词 {len(data.keyword_gaps)} 个；商品修改 {len(data.edits)} 处。"
    )
    if data.phases:
        names = "、".join(f"{ph.campaign}·{ph.phase}" for ph in data.phases)
        lines.append(f"本周活动节奏：{names}。")
    return lines


def write_summary(ws: Worksheet, data: WeeklyData) -> None:
    row = title(ws, REPORT_TITLE, week_text(data))
    row = section(ws, row, "核心指标（全部平台）")
    heading = row
    now, before = data.this_week[ALL], data.last_week[ALL]
    rows = [
        [label, now.value(metric), before.value(metric), change(now.value(metric), before.value(metric))]
        for label, metric, _kind in KPI_ROWS
    ]
    headings(ws, heading, [Col("指标"), Col("本周"), Col("上周"), Col("环比")])
    for offset, ((_label, _metric, kind), values) in enumerate(zip(KPI_ROWS, rows, strict=True), start=1):
        table_row = heading + offset
        cells = [
            put(ws.cell(row=table_row, column=1), values[0]),
            put(ws.cell(row=table_row, column=2), values[1], kind),
            put(ws.cell(row=table_row, column=3), values[2], kind),
            put(ws.cell(row=table_row, column=4), values[3], "change"),
        ]
        fonts = [Font(bold=True, size=12), Font(bold=True, size=14, color="1F4E79"), Font(size=12)]
        for cell, font in zip(cells, [*fonts, Font(bold=True, size=12)], strict=True):
            cell.font, cell.border = font, BOX
        ws.row_dimensions[table_row].height = 22
    row = heading + len(KPI_ROWS) + 2
    row = note(ws, row, "环比 = 本周 ÷ 上周 − 1；“—” 表示没有数据（例如该平台没有导入流量，转化率未知）。")
    row = section(ws, row + 1, "本周要点")
    for line in highlights(data):
        put(ws.cell(row=row, column=1), f"• {line}")
        row += 1
    fit_columns(ws, first_row=heading, fixed={1: 18, 2: 20, 3: 20, 4: 14})
    print_setup(ws)
    ws.freeze_panes = "A3"


# --- 分平台 ----------------------------------------------------------------------------------------

PLATFORM_COLUMNS = [
    Col("平台"),
    Col("GMV（元）", "money"),
    Col("上周GMV（元）", "money"),
    Col("GMV环比", "change"),
    Col("GMV占比", "rate"),
    Col("净销售额（元）", "money"),
    Col("订单数", "count"),
    Col("买家数", "count"),
    Col("访客数", "count"),
    Col("转化率", "rate"),
    Col("客单价（元）", "money"),
    Col("复购率", "rate"),
]


def platform_row(now: Kpis, before: Kpis) -> list[object]:
    return [
        platform_label(now.platform), now.gmv, before.gmv, change(now.gmv, before.gmv), now.share,
        now.net_sales, now.orders, now.buyers, now.visitors, now.conversion, now.aov, now.repeat_rate,
    ]  # fmt: skip


def write_platforms(ws: Worksheet, data: WeeklyData) -> None:
    heading = title(ws, f"{REPORT_TITLE} · 分平台", week_text(data))
    codes = [*data.platforms, ALL]
    rows = [platform_row(data.this_week[p], data.last_week[p]) for p in codes]
    after = table(ws, heading, PLATFORM_COLUMNS, rows, bold_last=True)
    row = section(ws, after, "每日GMV（元）")
    daily_heading = row
    day_columns = [Col("日期", "day"), *(Col(platform_label(p), "money") for p in codes)]
    daily_rows = [[day, *(data.daily_gmv.get((day, p), Decimal("0.00")) for p in codes)] for day in data.days]
    after_daily = table(ws, daily_heading, day_columns, daily_rows, bold_last=False)
    fit_columns(ws, first_row=heading)
    print_setup(ws, heading)
    if not data.platforms:
        note(ws, after_daily, "没有平台数据，无法绘制图表。")
        return
    count = len(data.platforms)
    names = Reference(ws, min_col=1, min_row=heading + 1, max_row=heading + count)

    pie = PieChart()
    pie.title = "本周各平台GMV占比"
    pie.add_data(Reference(ws, min_col=2, min_row=heading, max_row=heading + count), titles_from_data=True)
    pie.set_categories(names)
    pie.dataLabels = DataLabelList()
    pie.dataLabels.showPercent = True
    pie.height, pie.width = 7.5, 12
    ws.add_chart(pie, f"A{after_daily + 1}")

    bar = BarChart()
    bar.type = "col"
    bar.title = "各平台GMV：本周 vs 上周"
    bar.y_axis.title = "元"
    bar.y_axis.numFmt = "#,##0"
    values = Reference(ws, min_col=2, max_col=3, min_row=heading, max_row=heading + count)
    bar.add_data(values, titles_from_data=True)
    bar.set_categories(names)
    bar.height, bar.width = 7.5, 14
    ws.add_chart(bar, f"E{after_daily + 1}")

    line = LineChart()
    line.title = "每日GMV（按平台）"
    line.y_axis.title = "元"
    line.y_axis.numFmt = "#,##0"
    line.x_axis.number_format = "mm-dd"
    line.add_data(
        Reference(ws, min_col=2, max_col=1 + count, min_row=daily_heading, max_row=daily_heading + 7),
        titles_from_data=True,
    )
    line.set_categories(Reference(ws, min_col=1, min_row=daily_heading + 1, max_row=daily_heading + 7))
    line.height, line.width = 7.5, 26
    ws.add_chart(line, f"A{after_daily + 17}")


# --- 商品 ------------------------------------------------------------------------------------------

PRODUCT_COLUMNS = [
    Col("排名", "count"),
    Col("平台"),
    Col("店铺"),
    Col("商品"),
    Col("商家编码"),
    Col("商品ID"),
    Col("本周GMV（元）", "money"),
    Col("上周GMV（元）", "money"),
    Col("GMV变化（元）", "money"),
    Col("GMV环比", "change"),
    Col("订单数", "count"),
    Col("访客数", "count"),
    Col("转化率", "rate"),
]


def product_rows(products: list[ProductKpis]) -> list[list[object]]:
    return [
        [rank, platform_label(p.platform), p.shop, product_name(p), p.outer_id, p.item_key, p.gmv, p.prev_gmv,
         gmv_delta(p), p.gmv_change, p.orders, p.visitors, p.conversion]
        for rank, p in enumerate(products, start=1)
    ]  # fmt: skip


def write_products(ws: Worksheet, data: WeeklyData) -> None:
    row = title(ws, f"{REPORT_TITLE} · 商品", week_text(data))
    row = section(ws, row, f"GMV 增长最多的商品（前 {len(data.risers) or 10}）")
    first_heading = row
    row = table(ws, row, PRODUCT_COLUMNS, product_rows(data.risers), empty="本周没有 GMV 增长的商品")
    row = section(ws, row, f"GMV 下滑最多的商品（前 {len(data.fallers) or 10}）")
    row = table(ws, row, PRODUCT_COLUMNS, product_rows(data.fallers), empty="本周没有 GMV 下滑的商品")
    note(ws, row, "商品 = 某店铺里的一个平台商品；“上周GMV”为 0 的是本周新开卖的商品，环比为 “—”。")
    fit_columns(ws, first_row=first_heading, fixed={4: 44})
    wrap_column(ws, 4, first_heading + 1)
    print_setup(ws, first_heading)


# --- 预警 ------------------------------------------------------------------------------------------

ALERT_COLUMNS = [
    Col("时间", "time"),
    Col("规则"),
    Col("指标"),
    Col("范围"),
    Col("周期"),
    Col("当前值", "number"),
    Col("基准值", "number"),
    Col("说明"),
]


def write_alerts(ws: Worksheet, data: WeeklyData) -> None:
    heading = title(ws, f"{REPORT_TITLE} · 本周预警", week_text(data))
    rows = [
        [a.created_at, a.rule, a.metric, a.scope, a.period, a.value, a.baseline, a.explanation]
        for a in data.alerts
    ]
    table(ws, heading, ALERT_COLUMNS, rows, empty="本周没有预警。")
    fit_columns(ws, first_row=heading, fixed={8: 60})
    wrap_column(ws, 8, heading + 1)
    print_setup(ws, heading)


# --- 机会 ------------------------------------------------------------------------------------------

TRAFFIC_COLUMNS = [
    Col("平台"),
    Col("店铺"),
    Col("商品"),
    Col("商品ID"),
    Col("本周访客", "count"),
    Col("上周访客", "count"),
    Col("访客环比", "change"),
    Col("本周转化率", "rate"),
    Col("上周转化率", "rate"),
    Col("转化率环比", "change"),
    Col("估算少成交买家", "number"),
    Col("建议"),
]
KEYWORD_COLUMNS = [
    Col("平台"),
    Col("热搜词"),
    Col("搜索人气", "count"),
    Col("点击率", "rate"),
    Col("转化率", "rate"),
    Col("来源店铺"),
    Col("建议"),
]


def write_opportunities(ws: Worksheet, data: WeeklyData) -> None:
    row = title(ws, f"{REPORT_TITLE} · 机会", week_text(data))
    row = section(ws, row, "访客上升、转化下降的商品（流量来了没接住）")
    row = note(
        ws,
        row,
        "访客环比 ≥ +20%、转化率环比 ≤ −10%、本周访客 ≥ 30；估算少成交买家 = 本周访客 × 转化率下降幅度。",
    )
    first_heading = row
    rows = [
        [platform_label(p.platform), p.shop, product_name(p), p.item_key, p.visitors, p.prev_visitors,
         p.visitors_change, p.conversion, p.prev_conversion, p.conversion_change, missed_buyers(p),
         "检查主图、价格、详情页与评价是否跟上了流量"]
        for p in data.converting_worse
    ]  # fmt: skip
    row = table(ws, row, TRAFFIC_COLUMNS, rows, empty="没有访客上升而转化下降的商品（或缺少商品流量数据）。")
    row = section(ws, row, "热搜词还没进标题（本周搜索报告中最热的词，该平台任何商品标题都不含）")
    rows = [
        [platform_label(g.platform), g.keyword, g.search_popularity, g.click_rate, g.conversion, g.shops,
         "考虑写进相关商品的标题或卖点"]
        for g in data.keyword_gaps
    ]  # fmt: skip
    row = table(ws, row, KEYWORD_COLUMNS, rows, empty="热搜词都已出现在标题中（或本周没有导入搜索报告）。")
    if data.keywords_unchecked:
        names = "、".join(platform_label(p) for p in data.keywords_unchecked)
        note(ws, row, f"{names}：有搜索报告但没有导入商品标题，无法比对。")
    fit_columns(ws, first_row=first_heading, fixed={3: 40})
    wrap_column(ws, 3, first_heading + 1)
    print_setup(ws, first_heading)


# --- 本周变更 --------------------------------------------------------------------------------------

EDIT_COLUMNS = [
    Col("时间", "time"),
    Col("平台"),
    Col("店铺"),
    Col("商品ID"),
    Col("商品标题"),
    Col("修改项"),
    Col("原值"),
    Col("新值"),
    Col("来源"),
]
PHASE_COLUMNS = [Col("活动"), Col("阶段"), Col("类型"), Col("开始", "time"), Col("结束", "time")]


def write_changes(ws: Worksheet, data: WeeklyData) -> None:
    row = title(ws, f"{REPORT_TITLE} · 本周变更", week_text(data))
    row = section(ws, row, "商品修改（含已上线的批量修改）")
    first_heading = row
    rows = [
        [e.at, platform_label(e.platform), e.shop, e.item_id, e.title, e.field, e.old_value, e.new_value,
         e.source]
        for e in data.edits
    ]  # fmt: skip
    row = table(ws, row, EDIT_COLUMNS, rows, empty="本周没有商品修改记录。")
    row = section(ws, row, "活动节奏（与本周重叠的活动阶段）")
    rows = [[ph.campaign, ph.phase, ph.kind, ph.starts_at, ph.ends_at] for ph in data.phases]
    table(ws, row, PHASE_COLUMNS, rows, empty="本周没有进行中的活动阶段。")
    fit_columns(ws, first_row=first_heading, fixed={5: 36, 7: 36, 8: 36})
    for column in (5, 7, 8):
        wrap_column(ws, column, first_heading + 1)
    print_setup(ws, first_heading)
