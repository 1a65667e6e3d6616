"""京东 order export: GBK CSV, CRLF, one row per SKU with the order-level amounts
(订单金额, 结算金额, 应付金额, 运费金额) repeated on every SKU row; the export
centre hands it out inside a ZipCrypto password ZIP."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path

from tests.builders.common import PEOPLE, Person, columns, csv_text, fill, mask_phone, rename, write_text

HEADER = columns(
    "订单号,商品ID,商品名称,订购数量,支付方式,下单时间,京东价,订单金额,结算金额,余额支付,应付金额,"
    "订单状态,订单类型,下单帐号,客户姓名,客户地址,联系电话,订单备注,发票类型,发票抬头,发票内容,"
    "商家备注,商家备注等级,运费金额,付款确认时间,增值税发票,货号,订单完成时间,订单来源,订单渠道,"
    "送装服务,服务费,商家SKUID"
)

ORDER_ALIASES = {
    "order_id": "订单号",
    "created": "下单时间",
    "order_amount": "订单金额",
    "settled": "结算金额",
    "payable": "应付金额",
    "status": "订单状态",
    "account": "下单帐号",
    "receiver": "客户姓名",
    "address": "客户地址",
    "phone": "联系电话",
    "remark": "订单备注",
    "memo": "商家备注",
    "shipping": "运费金额",
    "paid_time": "付款确认时间",
    "completed": "订单完成时间",
}
ITEM_ALIASES = {
    "item_id": "商品ID",
    "title": "商品名称",
    "quantity": "订购数量",
    "price": "京东价",
    "outer_id": "货号",
    "sku": "商家SKUID",
}
DEFAULTS: dict[str, object] = {
    "商品ID": "10009309374",
    "商品名称": "青禾软糯亲肤针织开衫",
    "订购数量": "1",
    "支付方式": "在线支付",
    "下单时间": "2026-11-02 08:39:48",
    "京东价": "99.00",
    "订单金额": "99.00",
    "结算金额": "99.00",
    "余额支付": "0.00",
    "应付金额": "99.00",
    "订单状态": "完成",
    "订单类型": "普通订单",
    "下单帐号": "jd_152df1a68",
    "发票类型": "电子发票",
    "发票抬头": "个人",
    "发票内容": "商品明细",
    "运费金额": "0.00",
    "付款确认时间": "2026-11-02 08:40:48",
    "增值税发票": "否",
    "货号": "QH2636",
    "订单来源": "京东商城",
    "订单渠道": "APP",
    "服务费": "0.00",
    "商家SKUID": "1000930937401",
}


def sku_rows(order: Mapping[str, object]) -> list[list[object]]:
    """One CSV row per SKU of ``order`` (``items``: list of SKU dicts; absent → one SKU).

    ``deleted=True`` writes the status with the ``(删除)`` prefix; the phone is
    masked the way JD shows it unless the test passes ``phone`` itself."""
    values = rename(order, ORDER_ALIASES)
    items = values.pop("items", None) or [{}]
    person = values.pop("person", PEOPLE[0])
    deleted = values.pop("deleted", False)
    if isinstance(person, Person):
        values.setdefault("客户姓名", person.name)
        values.setdefault("客户地址", person.address)
        values.setdefault("联系电话", mask_phone(person.phone))
    if "应付金额" in values:
        for name in ("订单金额", "结算金额"):
            values.setdefault(name, values["应付金额"])
    status = values.get("订单状态", DEFAULTS["订单状态"])
    if deleted:
        values["订单状态"] = f"(删除){status}"
    rows = []
    for n, item in enumerate(items, start=1):
        line = {**values, **rename(item, ITEM_ALIASES)}
        if "商家SKUID" not in line and items is not None and len(items) > 1:
            line["商家SKUID"] = f"{DEFAULTS['商家SKUID']}{n}"
        rows.append(fill(HEADER, DEFAULTS, line))
    return rows


def write_orders(path: Path, rows: Iterable[Mapping[str, object]]) -> Path:
    """``rows`` are orders (with ``items``); each becomes one line per SKU."""
    lines = [line for order in rows for line in sku_rows(order)]
    return write_text(path, csv_text(HEADER, lines), "gbk")


# --- ZipCrypto (traditional PKWARE encryption), which zipfile can read but not write --------


def _crc_byte(crc: int, byte: int) -> int:
    return zlib.crc32(bytes([byte]), crc ^ 0xFFFFFFFF) ^ 0xFFFFFFFF


class _ZipCrypto:
    def __init__(self, password: bytes) -> None:
        self.keys = [0x12345678, 0x23456789, 0x34567890]
        for b in password:
            self._update(b)

    def _update(self, byte: int) -> None:
        k0, k1, k2 = self.keys
        k0 = _crc_byte(k0, byte)
        k1 = ((k1 + (k0 & 0xFF)) * 134775813 + 1) & 0xFFFFFFFF
        k2 = _crc_byte(k2, (k1 >> 24) & 0xFF)
        self.keys = [k0, k1, k2]

    def encrypt(self, data: bytes) -> bytes:
        out = bytearray()
        for plain in data:
            temp = (self.keys[2] | 2) & 0xFFFF
            out.append(plain ^ (((temp * (temp ^ 1)) >> 8) & 0xFF))
            self._update(plain)
        return bytes(out)


def write_zip(path: Path, inner_name: str, data: bytes, password: str | None) -> Path:
    """A ZIP with one deflated member, ZipCrypto-encrypted with ``password``
    (None: not encrypted). The member name is stored as UTF-8 (flag bit 11)."""
    crc = zlib.crc32(data)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = compressor.compress(data) + compressor.flush()
    flags = 0x800
    if password is not None:
        flags |= 0x1
        # 11 fixed "random" bytes, then the CRC's high byte as the check byte
        header = bytes((i * 37 + 11) & 0xFF for i in range(11)) + bytes([crc >> 24])
        body = _ZipCrypto(password.encode()).encrypt(header + body)
    name = inner_name.encode()
    dos_time, dos_date = (12 << 11) | (0 << 5), ((2026 - 1980) << 9) | (11 << 5) | 9
    local = struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, 20, flags, 8, dos_time, dos_date, crc, len(body), len(data), len(name), 0
    )
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII",
        0x02014B50, 20, 20, flags, 8, dos_time, dos_date, crc, len(body), len(data), len(name),
        0, 0, 0, 0, 0, 0,
    )  # fmt: skip
    offset = len(local) + len(name) + len(body)
    directory = central + name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(directory), offset, 0)
    path.write_bytes(local + name + body + directory + end)
    return path
