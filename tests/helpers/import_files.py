"""Small platform export files written by the tests, and waiting on the import GUI."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from sqlalchemy import text

from shopdesk.services.database import Database
from tests.helpers.samples import SAMPLES

PDD_HEADER = (
    "商品,订单号,订单状态,商品总价(元),邮费(元),用户实付金额(元),商品数量(件),"
    "订单成交时间,商品id,商品规格,商家编码-商品维度"
)


def pdd_row(number: int, status: str = "待发货", title: str = "纯棉T恤", total: str = "59.00") -> str:
    return (
        f"{title},261101-{number:012d},{status},{total},0.00,{total},1,2026-11-01 10:00:00,1001,白色 L,TS-01"
    )


def write_pdd(path: Path, *rows: str) -> Path:
    """A Pinduoduo order export as the back-end writes it: UTF-8 with BOM."""
    path.write_text("\n".join([PDD_HEADER, *rows]) + "\n", encoding="utf-8-sig")
    return path


def sample(tmp_path: Path, name: str) -> Path:
    """A copy of one of the shared sample exports (skips when the samples are absent)."""
    import pytest

    source = SAMPLES / name
    if not source.exists():
        pytest.skip(f"sample {name} not available")
    target = tmp_path / name
    shutil.copy(source, target)
    return target


def zip_with_password(target: Path, member: Path, password: str) -> Path:
    """A ZipCrypto archive like the JD export centre's (needs the zip tool)."""
    import pytest

    if shutil.which("zip") is None:
        pytest.skip("zip tool not installed")
    subprocess.run(["zip", "-j", "-q", "-P", password, str(target), str(member)], check=True)
    return target


def count(db: Database, sql: str, **params: object) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(text(sql), params).scalar_one())
