"""Traffic reports: shop level per day and item level per day.

生意参谋 (Taobao) reports come with title rows above the header (统计时间, 店铺);
京东商智 and 抖店罗盘 are plain tables. 访客数-style counts may carry thousands
separators; rates are recomputed from counts, never trusted as stored."""

from __future__ import annotations

from shopdesk.importers.spec import Cell, FileSpec, Kind, cols

C = Cell

TAOBAO_SHOP = FileSpec(
    platform="taobao",
    kind=Kind.TRAFFIC_SHOP,
    label="生意参谋 店铺整体日报",
    columns=cols(
        ("day", C.DATETIME, "统计日期", "日期"),
        ("visitors", C.INT, "访客数"),
        ("page_views", C.INT, "浏览量"),
        ("paid_buyers", C.INT, "支付买家数"),
        ("paid", C.MONEY, "支付金额"),
        ("conversion", C.PERCENT, "支付转化率"),
        ("aov", C.MONEY, "客单价"),
        ("add_to_cart", C.INT, "加购人数", "商品加购人数"),
    ),
    signature=frozenset({"visitors", "paid_buyers", "paid"}),  # the day may come from 统计时间
)

TAOBAO_ITEM = FileSpec(
    platform="taobao",
    kind=Kind.TRAFFIC_ITEM,
    label="生意参谋 商品明细",
    columns=cols(
        ("day", C.DATETIME, "统计日期", "日期"),
        ("item_id", C.ID, "商品ID", "商品id"),
        ("item_title", C.TEXT, "商品名称", "商品标题"),
        ("visitors", C.INT, "商品访客数"),
        ("page_views", C.INT, "商品浏览量"),
        ("paid_buyers", C.INT, "支付买家数"),
        ("paid", C.MONEY, "支付金额"),
        ("refunded", C.MONEY, "成功退款金额"),
        ("add_to_cart", C.INT, "商品加购人数", "加购人数"),
        ("ordering_buyers", C.INT, "下单买家数"),
        ("search_visitors", C.INT, "搜索引导访客数"),
    ),
    signature=frozenset({"item_id", "visitors", "paid"}),
)

JD_SHOP = FileSpec(
    platform="jd",
    kind=Kind.TRAFFIC_SHOP,
    label="京东商智 店铺概况",
    columns=cols(
        ("day", C.DATETIME, "日期", "时间"),
        ("visitors", C.INT, "访客数"),
        ("page_views", C.INT, "浏览量"),
        ("paid_buyers", C.INT, "成交客户数"),
        ("paid", C.MONEY, "成交金额"),
        ("conversion", C.PERCENT, "成交转化率"),
        ("aov", C.MONEY, "客单价"),
        ("add_to_cart", C.INT, "加购人数", "加购客户数"),
    ),
    signature=frozenset({"day", "visitors", "paid_buyers", "paid"}),
)

JD_ITEM = FileSpec(
    platform="jd",
    kind=Kind.TRAFFIC_ITEM,
    label="京东商智 商品明细",
    columns=cols(
        ("day", C.DATETIME, "日期", "时间"),
        ("item_id", C.ID, "商品ID", "SKU", "商品编号"),
        ("item_title", C.TEXT, "商品名称"),
        ("visitors", C.INT, "访客数"),
        ("page_views", C.INT, "浏览量"),
        ("paid_buyers", C.INT, "成交客户数", "成交人数"),
        ("paid", C.MONEY, "成交金额"),
        ("add_to_cart", C.INT, "加购人数"),
    ),
    signature=frozenset({"item_id", "visitors", "paid_buyers"}),
)

DOUYIN_ITEM = FileSpec(
    platform="douyin",
    kind=Kind.TRAFFIC_ITEM,
    label="抖店罗盘 商品数据",
    columns=cols(
        ("day", C.DATETIME, "日期", "统计日期"),
        ("item_id", C.ID, "商品ID", "商品id"),
        ("item_title", C.TEXT, "商品名称"),
        ("impressions", C.INT, "商品曝光人数"),
        ("clicks", C.INT, "商品点击人数"),
        ("paid_buyers", C.INT, "成交人数"),
        ("paid", C.MONEY, "成交金额"),
        ("click_rate", C.PERCENT, "点击率"),
        ("conversion", C.PERCENT, "转化率"),
    ),
    signature=frozenset({"item_id", "impressions", "clicks", "paid_buyers"}),
)

TRAFFIC_SPECS = (TAOBAO_SHOP, TAOBAO_ITEM, JD_SHOP, JD_ITEM, DOUYIN_ITEM)
