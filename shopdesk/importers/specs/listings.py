"""Listing exports: 淘宝助理 (UTF-16, English field names on line 2, Chinese on
line 3) and the platforms' product-list exports. Product-list layouts are not
documented [?]: the aliases below are the common names, and users can add
their own (column_alias)."""

from __future__ import annotations

from shopdesk.importers.spec import Cell, FileSpec, Kind, cols

C = Cell

TAOBAO_ASSISTANT = FileSpec(
    platform="taobao",
    kind=Kind.LISTINGS,
    label="淘宝助理 宝贝导出",
    columns=cols(
        ("title", C.TEXT, "title"),
        ("category", C.TEXT, "cid"),
        ("price", C.MONEY, "price"),
        ("stock", C.INT, "num"),
        ("in_warehouse", C.TEXT, "approve_status"),
        ("pictures", C.TEXT, "picture"),
        ("outer_id", C.ID, "outer_id"),
        ("item_id", C.ID, "num_id"),
        ("selling_points", C.TEXT, "subtitle"),
    ),
    signature=frozenset({"title", "outer_id", "item_id", "price"}),
    skip_after_header=1,
)


def product_list(platform: str, label: str, *extra_ids: str) -> FileSpec:
    return FileSpec(
        platform=platform,
        kind=Kind.LISTINGS,
        label=label,
        columns=cols(
            ("item_id", C.ID, "商品ID", "宝贝ID", "商品id", "商品编号", *extra_ids),
            ("title", C.TEXT, "商品名称", "商品标题", "宝贝标题", "标题"),
            ("short_title", C.TEXT, "短标题", "导购标题"),
            ("selling_points", C.TEXT, "卖点", "商品卖点", "宝贝卖点"),
            ("price", C.MONEY, "价格", "售价", "商品价格", "京东价", "拼单价", "一口价"),
            ("stock", C.INT, "库存", "总库存", "商品库存", "可售库存"),
            ("outer_id", C.ID, "商家编码", "货号", "商品编码", "外部编码"),
            ("status", C.TEXT, "状态", "商品状态", "上架状态", "销售状态"),
            ("category", C.TEXT, "类目", "商品类目", "叶子类目", "所属类目"),
            ("pictures", C.TEXT, "主图", "主图链接", "商品主图", "图片"),
        ),
        signature=frozenset({"item_id", "title", "price"}),
    )


LISTING_SPECS = (
    TAOBAO_ASSISTANT,
    product_list("taobao", "千牛 商品列表", "宝贝id"),
    product_list("jd", "京东 商品管理导出", "SKU编号", "商品SKU"),
    product_list("pdd", "拼多多 商品列表", "商品 ID"),
    product_list("douyin", "抖店 商品列表"),
)
