"""拼多多 order export: UTF-8 with BOM, CRLF, one row per order. The current
layout has no receiver columns; the old one had 收货人/手机/省/市/区/街道 and
支付时间 (samples/pdd_orders_export.csv)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from tests.builders.common import PEOPLE, Person, columns, csv_text, fill, rename, write_text

HEADER = columns(
    "订单成交时间,商品,订单号,订单状态,商品总价(元),邮费(元),店铺优惠折扣(元),平台优惠折扣(元),"
    "多多支付立减金额(元),用户实付金额(元),商家实收金额(元),商品数量(件),发货时间,确认收货时间,商品id,"
    "商品规格,样式ID,商家编码-规格维度,商家编码-商品维度,商家备注,售后状态,快递单号,快递公司"
)
OLD_HEADER = columns(
    "商品,订单号,订单状态,商品总价(元),店铺优惠折扣(元),平台优惠折扣(元),邮费(元),用户实付金额(元),"
    "商家实收金额(元),商品数量(件),身份证姓名,身份证号码,收货人,手机,是否抽奖或0元试用,省,市,区,街道,"
    "拼单成功时间,支付时间,商品id,商品规格,样式ID,商家编码-SKU维度,商家编码-商品维度,商家备注,售后状态,"
    "快递单号,快递公司"
)

ALIASES = {
    "order_id": "订单号",
    "status": "订单状态",
    "title": "商品",
    "goods": "商品总价(元)",
    "shipping": "邮费(元)",
    "shop_discount": "店铺优惠折扣(元)",
    "paid": "用户实付金额(元)",
    "received": "商家实收金额(元)",
    "quantity": "商品数量(件)",
    "paid_time": "订单成交时间",
    "group_time": "拼单成功时间",
    "shipped": "发货时间",
    "item_id": "商品id",
    "spec": "商品规格",
    "style_id": "样式ID",
    "sku_code": "商家编码-规格维度",
    "outer_id": "商家编码-商品维度",
    "memo": "商家备注",
    "after_sale": "售后状态",
    "receiver": "收货人",
    "phone": "手机",
}
DEFAULTS: dict[str, object] = {
    "订单成交时间": "2026-11-06 08:16:25",
    "商品": "青禾垂感通勤衬衫",
    "订单状态": "已发货，待签收",
    "商品总价(元)": "59.00",
    "邮费(元)": "0.00",
    "店铺优惠折扣(元)": "0.00",
    "平台优惠折扣(元)": "0.00",
    "多多支付立减金额(元)": "0.00",
    "用户实付金额(元)": "59.00",
    "商家实收金额(元)": "59.00",
    "商品数量(件)": "1",
    "商品id": "500007396719",
    "商品规格": "雾霾蓝;M",
    "样式ID": "5000073967191",
    "商家编码-规格维度": "QH2618-M",
    "商家编码-商品维度": "QH2618",
    "售后状态": "无售后或售后取消",
    "是否抽奖或0元试用": "否",
    "拼单成功时间": "2026-11-06 08:17:10",
}


def order_row(order: Mapping[str, object], old_layout: bool) -> list[object]:
    values = rename(order, ALIASES)
    person = values.pop("person", PEOPLE[2])
    if "用户实付金额(元)" in values:
        values.setdefault("商家实收金额(元)", values["用户实付金额(元)"])
        values.setdefault("商品总价(元)", values["用户实付金额(元)"])
    if old_layout:
        if "订单成交时间" in values:
            values["支付时间"] = values.pop("订单成交时间")
        if "商家编码-规格维度" in values:
            values["商家编码-SKU维度"] = values.pop("商家编码-规格维度")
        if isinstance(person, Person):
            for key, value in (
                ("收货人", person.name),
                ("手机", person.phone),
                ("省", person.province),
                ("市", person.city),
                ("区", person.district),
                ("街道", person.street),
            ):
                values.setdefault(key, value)
        defaults = {**DEFAULTS, "支付时间": DEFAULTS["订单成交时间"], "商家编码-SKU维度": "QH2618-M"}
        return fill(OLD_HEADER, defaults, values)
    for key in ("收货人", "手机"):
        if key in values:
            raise KeyError(f"the current PDD layout has no {key} column: use old_layout=True")
    return fill(HEADER, DEFAULTS, values)


def write_orders(path: Path, rows: Iterable[Mapping[str, object]], old_layout: bool = False) -> Path:
    header = OLD_HEADER if old_layout else HEADER
    lines = [order_row(r, old_layout) for r in rows]
    return write_text(path, csv_text(header, lines), "utf-8", bom=True)
