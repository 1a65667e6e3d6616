"""淘宝/天猫 exports: the classic two GBK CSVs (ExportOrderList / ExportOrderDetailList)
and the 千牛 two-sheet .xlsx.

Byte facts (samples/ExportOrderList202611091200.csv): GBK, CRLF, no BOM, order
numbers as ``="3302305243094339242"``, phones as ``'13797179748``, several headers
ending with a space, 47 columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from tests.builders.common import PEOPLE, Person, Raw, columns, csv_text, fill, rename, write_text

ORDER_HEADER = columns(
    "订单编号,买家会员名,买家支付宝账号,买家应付货款,买家应付邮费,买家支付积分,总金额,返点积分,"
    "买家实际支付金额,买家实际支付积分,订单状态,买家留言,收货人姓名,收货地址 ,运送方式,联系电话 ,"
    "联系手机,订单创建时间,订单付款时间 ,宝贝标题 ,宝贝种类 ,物流单号 ,物流公司,订单备注,宝贝总数量,"
    "店铺Id,店铺名称,订单关闭原因,卖家服务费,买家服务费,发票抬头,是否手机订单,分阶段订单信息,"
    "特权订金订单id,是否上传合同照片,是否上传小票,是否代付,定金排名,修改后的sku,修改后的收货地址,"
    "异常信息,天猫卡券抵扣,集分宝抵扣,是否是O2O交易,退款金额,预约门店"
)

ORDER_ALIASES = {
    "order_id": "订单编号",
    "buyer": "买家会员名",
    "goods": "买家应付货款",
    "shipping": "买家应付邮费",
    "total": "总金额",
    "paid": "买家实际支付金额",
    "status": "订单状态",
    "message": "买家留言",
    "receiver": "收货人姓名",
    "address": "收货地址",
    "phone": "联系手机",
    "created": "订单创建时间",
    "paid_time": "订单付款时间",
    "titles": "宝贝标题",
    "kinds": "宝贝种类",
    "memo": "订单备注",
    "quantity": "宝贝总数量",
    "shop": "店铺名称",
    "close_reason": "订单关闭原因",
    "refund": "退款金额",
}

ORDER_DEFAULTS: dict[str, object] = {
    "买家会员名": "tb_qinghe_fan",
    "买家支付宝账号": "tb***@163.com",
    "买家应付货款": "79.00",
    "买家应付邮费": "0.00",
    "买家支付积分": "0",
    "总金额": "79.00",
    "返点积分": "0",
    "买家实际支付金额": "79.00",
    "买家实际支付积分": "0",
    "订单状态": "交易成功",
    "运送方式": "快递",
    "订单创建时间": "2026-11-02 10:00:00",
    "订单付款时间": "2026-11-02 10:05:00",
    "宝贝标题": "青禾纯棉宽松T恤",
    "宝贝种类": "1",
    "宝贝总数量": "1",
    "店铺Id": "0",
    "店铺名称": "青禾淘宝旗舰店",
    "卖家服务费": "0",
    "买家服务费": "0",
    "是否手机订单": "手机订单",
    "是否上传合同照片": "否",
    "是否上传小票": "否",
    "是否代付": "否",
    "天猫卡券抵扣": "0",
    "集分宝抵扣": "0",
    "是否是O2O交易": "否",
    "退款金额": "0.00",
}

DETAIL_HEADER = (
    "订单编号",
    "标题",
    "价格",
    "购买数量",
    "外部系统编号",
    "商品属性",
    "套餐信息",
    "备注",
    "订单状态",
    "商家编码",
)
DETAIL_ALIASES = {
    "order_id": "订单编号",
    "title": "标题",
    "price": "价格",
    "quantity": "购买数量",
    "spec": "商品属性",
    "status": "订单状态",
    "outer_id": "商家编码",
}
DETAIL_DEFAULTS: dict[str, object] = {
    "标题": "青禾纯棉宽松T恤",
    "价格": "79.00",
    "购买数量": "1",
    "商品属性": "颜色分类:米白;尺码:M",
    "订单状态": "交易成功",
    "商家编码": "QH2609",
}


def guard_id(value: object) -> str:
    return "" if value in (None, "") else Raw(f'="{value}"')


def guard_phone(value: object) -> str:
    return "" if value in (None, "") else f"'{value}"


def order_row(order: Mapping[str, object]) -> list[object]:
    values = rename(order, ORDER_ALIASES)
    person = values.pop("person", None)
    if isinstance(person, Person):
        values.setdefault("收货人姓名", person.name)
        values.setdefault("收货地址", f"{person.address}(310000)")
        values.setdefault("联系手机", person.phone)
    defaults = dict(ORDER_DEFAULTS)
    paid = values.get("买家实际支付金额")
    if paid is not None:
        defaults["买家应付货款"] = defaults["总金额"] = paid
    defaults.setdefault("收货人姓名", PEOPLE[0].name)
    defaults.setdefault("收货地址", f"{PEOPLE[0].address}(310000)")
    defaults.setdefault("联系手机", PEOPLE[0].phone)
    row = fill(ORDER_HEADER, defaults, values)
    row[0] = guard_id(row[0])
    for i, name in enumerate(ORDER_HEADER):
        if name.strip() in ("联系电话", "联系手机"):
            row[i] = guard_phone(row[i])
    return row


def write_order_list(path: Path, orders: Iterable[Mapping[str, object]]) -> Path:
    """``ExportOrderList*.csv``: one row per order."""
    return write_text(path, csv_text(ORDER_HEADER, [order_row(o) for o in orders]), "gbk")


def write_order_details(path: Path, items: Iterable[Mapping[str, object]]) -> Path:
    """``ExportOrderDetailList*.csv``: one row per item, joined on 订单编号."""
    rows = []
    for item in items:
        row = fill(DETAIL_HEADER, DETAIL_DEFAULTS, rename(item, DETAIL_ALIASES))
        row[0] = guard_id(row[0])
        rows.append(row)
    return write_text(path, csv_text(DETAIL_HEADER, rows), "gbk")


# --- 千牛 two-sheet workbook --------------------------------------------------------------------

QIANNIU_MAIN = (
    "订单编号", "订单状态", "买家实付金额", "买家应付邮费", "退款金额", "订单创建时间", "订单付款时间",
    "发货时间", "确认收货时间", "商家备注", "订单关闭原因", "收货地址",
)  # fmt: skip
QIANNIU_SUB = (
    "子订单编号", "主订单编号", "商品ID", "商品标题", "商品价格", "购买数量", "买家实付金额", "订单状态",
    "退款状态", "退款金额", "商家编码",
)  # fmt: skip
QIANNIU_MAIN_ALIASES = {
    "order_id": "订单编号",
    "status": "订单状态",
    "paid": "买家实付金额",
    "shipping": "买家应付邮费",
    "refund": "退款金额",
    "created": "订单创建时间",
    "paid_time": "订单付款时间",
    "memo": "商家备注",
    "close_reason": "订单关闭原因",
    "address": "收货地址",
}
QIANNIU_SUB_ALIASES = {
    "sub_id": "子订单编号",
    "order_id": "主订单编号",
    "item_id": "商品ID",
    "title": "商品标题",
    "price": "商品价格",
    "quantity": "购买数量",
    "paid": "买家实付金额",
    "status": "订单状态",
    "refund_status": "退款状态",
    "refund": "退款金额",
    "outer_id": "商家编码",
}
QIANNIU_MAIN_DEFAULTS: dict[str, object] = {
    "订单状态": "交易成功",
    "买家实付金额": 79.0,
    "买家应付邮费": 0.0,
    "退款金额": 0.0,
    "订单创建时间": "2026-11-02 10:00:00",
    "订单付款时间": "2026-11-02 10:05:00",
    "订单关闭原因": "订单未关闭",
    "收货地址": PEOPLE[1].address,
}
QIANNIU_SUB_DEFAULTS: dict[str, object] = {
    "商品ID": "726651234567",
    "商品标题": "青禾纯棉宽松T恤",
    "商品价格": 79.0,
    "购买数量": 1,
    "买家实付金额": 79.0,
    "订单状态": "交易成功",
    "退款状态": "没有申请退款",
    "退款金额": 0.0,
    "商家编码": "QH2609",
}


def write_qianniu_xlsx(
    path: Path, orders: Iterable[Mapping[str, object]], items: Iterable[Mapping[str, object]]
) -> Path:
    """千牛 export: sheet 订单 (one row per order) and sheet 子订单 (one per item).
    IDs are text cells, amounts numbers, statuses use an ASCII comma."""
    from openpyxl import Workbook

    book = Workbook()
    main = book.active
    main.title = "订单"
    main.append(QIANNIU_MAIN)
    for order in orders:
        row = fill(QIANNIU_MAIN, QIANNIU_MAIN_DEFAULTS, rename(order, QIANNIU_MAIN_ALIASES))
        main.append([str(v).replace("，", ",") if isinstance(v, str) else v for v in row])
    sub = book.create_sheet("子订单")
    sub.append(QIANNIU_SUB)
    for n, item in enumerate(items, start=1):
        values = rename(item, QIANNIU_SUB_ALIASES)
        values.setdefault("子订单编号", f"{values.get('主订单编号', '')}{n:02d}")
        row = fill(QIANNIU_SUB, QIANNIU_SUB_DEFAULTS, values)
        sub.append([str(v).replace("，", ",") if isinstance(v, str) else v for v in row])
    book.save(path)
    return path
