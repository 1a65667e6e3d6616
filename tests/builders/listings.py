"""Listing exports: 淘宝助理's 宝贝导出 file and a back-end product list.

淘宝助理 (samples/淘宝助理_宝贝导出.csv): UTF-16LE with BOM, CRLF, tab-separated, no
quoting; line 1 ``version 1.00``, line 2 the English field names, line 3 the
Chinese names, data from line 4. Pictures are ``a.jpg:1:0:|;b.jpg:1:1:|;``,
approve_status (放入仓库) is ``0`` for on sale and ``1`` for in the warehouse (newer
versions write ``onsale`` / ``instock``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from tests.builders.reports import write_table

ASSISTANT_FIELDS = (
    ("title", "宝贝名称"),
    ("cid", "宝贝类目"),
    ("price", "宝贝价格"),
    ("num", "宝贝数量"),
    ("approve_status", "放入仓库"),
    ("description", "宝贝描述"),
    ("picture", "新图片"),
    ("skuProps", "销售属性组合"),
    ("outer_id", "商家编码"),
    ("num_id", "数字ID"),
    ("subtitle", "宝贝卖点"),
    ("freight_payer", "运费承担"),
    ("valid_thru", "有效期"),
)

ASSISTANT_DEFAULTS: dict[str, object] = {
    "cid": "50010850",
    "price": "89.90",
    "num": "49",
    "approve_status": "0",
    "description": "<p>面料：95%棉</p><p>洗涤：30°C</p>",
    "skuProps": "89.90:10::1627207:28320;20509:28314;89.90:11::1627207:28320;20509:28315",
    "subtitle": "显瘦百搭，四季可穿",
    "freight_payer": "2",
    "valid_thru": "7",
}


def pictures(*names: str) -> str:
    """``pictures("a.jpg", "b.jpg")`` → ``a.jpg:1:0:|;b.jpg:1:1:|;``."""
    return "".join(f"{name}:1:{i}:|;" for i, name in enumerate(names))


def assistant_row(item: Mapping[str, object]) -> list[str]:
    """``item`` uses the English field names; ``pictures`` may be a list of names."""
    values = dict(item)
    if isinstance(values.get("picture"), list | tuple):
        values["picture"] = pictures(*values["picture"])  # type: ignore[arg-type]
    values.setdefault("picture", pictures(f"{str(values.get('outer_id', 'x')).lower()}_0.jpg"))
    unknown = set(values) - {f for f, _cn in ASSISTANT_FIELDS}
    if unknown:
        raise KeyError(f"not a 淘宝助理 field: {sorted(unknown)}")
    merged = {**ASSISTANT_DEFAULTS, **values}
    return ["" if merged.get(f) is None else str(merged.get(f, "")) for f, _cn in ASSISTANT_FIELDS]


def write_assistant(path: Path, items: Iterable[Mapping[str, object]]) -> Path:
    """淘宝助理 → 导出CSV: keys title, price, num, approve_status, picture (str or list
    of file names), outer_id, num_id, subtitle, cid, description, skuProps."""
    lines = [
        "version 1.00",
        "\t".join(f for f, _cn in ASSISTANT_FIELDS),
        "\t".join(cn for _f, cn in ASSISTANT_FIELDS),
        *("\t".join(assistant_row(item)) for item in items),
    ]
    path.write_bytes(b"\xff\xfe" + ("\r\n".join(lines) + "\r\n").encode("utf-16-le"))
    return path


# --- a back-end product list --------------------------------------------------------------------

PRODUCT_LIST_COLUMNS = (
    ("商品ID", "item_id"),
    ("商品名称", "title"),
    ("价格", "price"),
    ("库存", "stock"),
    ("商家编码", "outer_id"),
    ("商品状态", "status"),
    ("主图", "images"),
)


def write_product_list(
    path: Path,
    items: Iterable[Mapping[str, object]],
    columns: Sequence[tuple[str, str]] = PRODUCT_LIST_COLUMNS,
) -> Path:
    """A 商品列表 export (.xlsx or .csv by suffix) with the column names every back-end
    uses (商品ID, 商品名称, 价格, …): keys item_id, title, price, stock, outer_id,
    status, images (a list of URLs, written comma-separated). Nothing in it says
    which platform it comes from."""
    rows = []
    for item in items:
        unknown = set(item) - {key for _h, key in columns}
        if unknown:
            raise KeyError(f"not a product-list column: {sorted(unknown)}")
        row = []
        for _header, key in columns:
            value = item.get(key, "")
            if isinstance(value, list | tuple):
                value = ",".join(value)
            row.append("" if value is None else str(value))
        rows.append(row)
    return write_table(path, [h for h, _k in columns], rows, bom=True, sheet="商品列表")
