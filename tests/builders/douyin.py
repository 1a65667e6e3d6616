"""抖店 order export: UTF-8 with BOM, CRLF, one row per 子订单. IDs and text cells
carry a tab before the value (unquoted), ``-`` means empty, dates are written
``2026/11/03 08:54:45`` (samples/抖店订单导出_20261109.csv)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from tests.builders.common import PEOPLE, Person, columns, csv_cell, rename

HEADER = columns(
    "主订单编号,子订单编号,选购商品,商品规格,商品数量,商品ID,商家编码,商品单价,订单应付金额,运费,"
    "优惠总金额,达人ID,达人昵称,流量来源,订单提交时间,支付完成时间,订单状态,售后状态,收件人,"
    "收件人手机号,省,市,区,街道,详细地址,商家备注,买家留言"
)
TAB_GUARDED = frozenset({"主订单编号", "子订单编号", "选购商品", "商品规格", "商品ID", "商家编码"})

ORDER_ALIASES = {
    "order_id": "主订单编号",
    "shipping": "运费",
    "discount": "优惠总金额",
    "influencer_id": "达人ID",
    "influencer": "达人昵称",
    "source": "流量来源",
    "created": "订单提交时间",
    "paid_time": "支付完成时间",
    "status": "订单状态",
    "receiver": "收件人",
    "phone": "收件人手机号",
    "memo": "商家备注",
    "message": "买家留言",
}
ITEM_ALIASES = {
    "sub_id": "子订单编号",
    "title": "选购商品",
    "spec": "商品规格",
    "quantity": "商品数量",
    "item_id": "商品ID",
    "outer_id": "商家编码",
    "price": "商品单价",
    "payable": "订单应付金额",
    "after_sale": "售后状态",
}
DEFAULTS: dict[str, object] = {
    "选购商品": "青禾中长款风衣",
    "商品规格": "雾霾蓝;S",
    "商品数量": "1",
    "商品ID": "3690000006623922533",
    "商家编码": "QH2631",
    "商品单价": "199.00",
    "订单应付金额": "199.00",
    "运费": "0.00",
    "优惠总金额": "0.00",
    "达人ID": "-",
    "达人昵称": "-",
    "流量来源": "商品卡",
    "订单提交时间": "2026/11/03 08:54:45",
    "支付完成时间": "2026/11/03 09:22:33",
    "订单状态": "已完成",
    "售后状态": "-",
    "商家备注": "-",
    "买家留言": "-",
}


def _cell(name: str, value: object) -> str:
    text = "-" if value is None or value == "" else str(value)
    if name in TAB_GUARDED and text != "-":
        text = "\t" + text
    return csv_cell(text)


def sub_order_rows(order: Mapping[str, object], header: list[str]) -> Iterator[str]:
    values = rename(order, ORDER_ALIASES)
    items = values.pop("items", None) or [{}]
    person = values.pop("person", PEOPLE[3])
    if isinstance(person, Person):
        for key, value in (
            ("收件人", person.name),
            ("收件人手机号", person.phone),
            ("省", person.province),
            ("市", person.city),
            ("区", person.district),
            ("街道", person.street),
            ("详细地址", person.street),
        ):
            values.setdefault(key, value)
    unknown = set(values) - set(HEADER)
    if unknown:
        raise KeyError(f"not a column of this export: {sorted(unknown)}")
    for n, item in enumerate(items, start=1):
        line = {**DEFAULTS, **values, **rename(item, ITEM_ALIASES)}
        line.setdefault("子订单编号", f"{line['主订单编号']}{n}" if len(items) > 1 else line["主订单编号"])
        yield ",".join(_cell(h, line.get(h)) for h in header)


def write_orders(path: Path, rows: Iterable[Mapping[str, object]], with_paid_time: bool = True) -> Path:
    """``rows`` are orders (with ``items``: sub-order dicts); one line per sub-order.
    ``with_paid_time=False``: the merchant left 支付完成时间 out of the export."""
    header = [h for h in HEADER if with_paid_time or h != "支付完成时间"]
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        f.write(",".join(header) + "\r\n")
        for order in rows:
            for line in sub_order_rows(order, header):
                f.write(line + "\r\n")
    return path
