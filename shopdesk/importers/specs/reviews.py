"""Buyer review exports. The Douyin layout is documented; the others [?] use
the names their back-ends show and can be extended with user aliases."""

from __future__ import annotations

from shopdesk.importers.spec import Cell, FileSpec, Kind, cols

C = Cell


COMMON = (
    ("review_id", C.ID, "评价ID", "评价id", "评论ID"),
    ("item_title", C.TEXT, "商品名称", "宝贝标题", "商品标题"),
    ("content", C.TEXT, "评价内容", "评论内容", "初评内容"),
    ("follow_up", C.TEXT, "追评内容", "追加评论"),
    ("buyer", C.PERSONAL, "买家昵称", "用户昵称", "评价人", "买家"),
)


def reviews(platform: str, label: str, own: tuple[tuple, ...], signature: tuple[str, ...]) -> FileSpec:
    """A review layout: the shared columns plus the ones only this platform uses,
    so a file matches one platform (an ambiguous one is refused with a question)."""
    return FileSpec(
        platform=platform,
        kind=Kind.REVIEWS,
        label=label,
        columns=cols(*COMMON, *own),
        signature=frozenset(signature),
    )


DOUYIN = reviews(
    "douyin",
    "抖店 商品评价导出",
    (
        ("review_time", C.DATETIME, "评价日期"),
        ("order_id", C.ID, "订单ID"),
        ("item_id", C.ID, "商品ID"),
        ("spec", C.TEXT, "商品规格"),
        ("rating", C.TEXT, "商品评价得分"),
        ("replied", C.TEXT, "商家是否回复"),
        ("reply", C.TEXT, "回复内容"),
    ),
    ("review_time", "order_id", "rating", "content", "replied"),
)
TAOBAO = reviews(
    "taobao",
    "淘宝 评价管理导出",
    (
        ("review_time", C.DATETIME, "评价时间"),
        ("order_id", C.ID, "订单编号", "子订单编号"),
        ("item_id", C.ID, "宝贝ID"),
        ("spec", C.TEXT, "宝贝属性", "商品属性"),
        ("rating", C.TEXT, "评价等级", "评价结果"),
        ("reply", C.TEXT, "解释内容", "卖家解释"),
    ),
    ("review_time", "order_id", "rating", "content"),
)
JD = reviews(
    "jd",
    "京东 评价管理导出",
    (
        ("review_time", C.DATETIME, "评价时间"),
        ("order_id", C.ID, "订单号"),
        ("item_id", C.ID, "商品编号", "SKU"),
        ("rating", C.TEXT, "星级", "评分"),
        ("reply", C.TEXT, "商家回复"),
    ),
    ("review_time", "order_id", "rating", "content", "item_id"),
)
PDD = reviews(
    "pdd",
    "拼多多 评价导出",
    (
        ("review_time", C.DATETIME, "评价时间"),
        ("order_id", C.ID, "订单号"),
        ("item_id", C.ID, "商品ID", "商品id"),
        ("spec", C.TEXT, "商品规格"),
        ("rating", C.TEXT, "描述相符评分", "商品评分"),
        ("reply", C.TEXT, "商家回复内容", "回复"),
    ),
    ("review_time", "order_id", "rating", "content", "spec"),
)

REVIEW_SPECS = (DOUYIN, TAOBAO, JD, PDD)
