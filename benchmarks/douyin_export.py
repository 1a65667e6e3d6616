"""Write a large Douyin sub-order export (UTF-8 BOM, tab-guarded IDs, 27 columns),
the layout of formats/README.md, for the import benchmarks."""

from __future__ import annotations

import random
from pathlib import Path

HEADER = (
    "主订单编号,子订单编号,选购商品,商品规格,商品数量,商品ID,商家编码,商品单价,订单应付金额,运费,优惠总金额,"
    "达人ID,达人昵称,流量来源,订单提交时间,支付完成时间,订单状态,售后状态,收件人,收件人手机号,省,市,区,街道,"
    "详细地址,商家备注,买家留言"
)
PRODUCTS = [
    "青禾中长款风衣",
    "青禾加绒保暖卫衣",
    "青禾高腰A字半身裙",
    "青禾纯棉宽松T恤",
    "青禾直筒显高牛仔裤",
]
SPECS = ["雾霾蓝;S", "米白;M", "燕麦色;L", "黑色;XL"]
STATUSES = ["已完成"] * 6 + ["已发货", "待发货", "已关闭"]
SOURCES = ["商品卡", "直播", "短视频", "搜索"]


def write(path: Path, lines: int, seed: int = 1) -> Path:
    rng = random.Random(seed)
    order_no = 6922443592886034280
    out = [HEADER]
    n = 0
    while n < lines:
        k = rng.choice((1, 1, 1, 2, 2, 3))
        order_no += rng.randint(10, 1000)
        day = rng.randint(1, 28)
        hh, mm, ss = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
        submitted = f"2026/10/{day:02d} {hh:02d}:{mm:02d}:{ss:02d}"
        paid = f"2026/10/{day:02d} {hh:02d}:{mm:02d}:{min(ss + 20, 59):02d}"
        status = rng.choice(STATUSES)
        source = rng.choice(SOURCES)
        influencer = ("7123456", "穿搭小鹿") if source == "直播" else ("-", "-")
        for j in range(min(k, lines - n)):
            p = rng.randrange(300)
            qty = rng.randint(1, 3)
            price = rng.choice((7950, 19900, 6950, 15990))
            refund = "退款成功" if status == "已关闭" else "-"
            out.append(
                f"\t{order_no},\t{order_no + j + 1},\t{PRODUCTS[p % 5]},\t{SPECS[p % 4]},{qty},"
                f"\t{3690000006623922533 + p * 7919},\tQH{p:04d},{price / 100:.2f},{price * qty / 100:.2f},"
                f"0.00,0.00,{influencer[0]},{influencer[1]},{source},{submitted},{paid},{status},{refund},"
                f"王洋伟,1910769{rng.randint(1000, 9999)},浙江省,杭州市,西湖区,设路404号,设路404号,-,要发顺丰"
            )
            n += 1
    path.write_text("\n".join(out) + "\n", encoding="utf-8-sig")
    return path
