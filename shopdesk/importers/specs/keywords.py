"""Search keyword reports. 人气/指数 figures are indices, not counts. The date
range comes from the 统计时间 title row when the table has no date column."""

from __future__ import annotations

from shopdesk.importers.spec import Cell, FileSpec, Kind, cols

C = Cell

TAOBAO_KEYWORDS = FileSpec(
    platform="taobao",
    kind=Kind.KEYWORDS,
    label="生意参谋 搜索分析",
    columns=cols(
        ("keyword", C.TEXT, "搜索词", "关键词"),
        ("search_popularity", C.INT, "搜索人气"),
        ("click_popularity", C.INT, "点击人气"),
        ("click_rate", C.PERCENT, "点击率"),
        ("conversion", C.PERCENT, "支付转化率"),
        ("online_items", C.INT, "在线商品数"),
        ("ref_price", C.MONEY, "直通车参考价"),
        ("day", C.DATETIME, "统计日期", "日期"),
    ),
    signature=frozenset({"keyword", "search_popularity"}),
)

JD_KEYWORDS = FileSpec(
    platform="jd",
    kind=Kind.KEYWORDS,
    label="京东商智 关键词",
    columns=cols(
        ("keyword", C.TEXT, "关键词", "搜索词"),
        ("search_popularity", C.INT, "搜索指数"),
        ("click_popularity", C.INT, "点击指数"),
        ("click_rate", C.PERCENT, "点击率"),
        ("conversion", C.PERCENT, "成交转化率"),
        ("competition", C.INT, "竞争指数"),
        ("day", C.DATETIME, "日期", "统计日期"),
    ),
    signature=frozenset({"keyword", "search_popularity", "click_popularity"}),
)

KEYWORD_SPECS = (TAOBAO_KEYWORDS, JD_KEYWORDS)
