"""Mangled exports: whatever arrives — truncated downloads, files re-encoded by some
tool, shuffled or renamed columns, random bytes, a 1 MB cell, a header pasted twice,
a BOM in the middle — an import either loads (maybe with rejected rows) or refuses
with a message. It never raises, and it never leaves half a file behind."""

from __future__ import annotations

import csv
import io
import logging
import random
import re
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest

from shopdesk.services.imports import import_file
from tests.builders import PEOPLE, douyin, jd, pdd, taobao
from tests.builders.dbcheck import rows, scalar

csv.field_size_limit(1 << 26)  # the mutations themselves read 1 MB cells

SEED = 20261111
FILES = 520
UNIFIED = {"unpaid", "paid", "shipped", "completed", "cancelled", "refunded"}
ZIP_PASSWORD = "802417"


# --- valid originals ---------------------------------------------------------------------------


def originals(folder: Path) -> list[tuple[str, bytes, str]]:
    """(name, bytes, encoding) of one valid export of each kind."""
    rng = random.Random(SEED)
    tb = [
        dict(order_id=f"33{rng.randrange(10**16, 10**17)}", status=s, paid=f"{rng.randrange(1, 999)}.{n:02d}",
             person=PEOPLE[n % len(PEOPLE)], memo="测试" if n == 3 else "")
        for n, s in enumerate(["交易成功", "买家已付款，等待卖家发货", "交易关闭", "等待买家付款"] * 4)
    ]  # fmt: skip
    made = [
        taobao.write_order_list(folder / "ExportOrderList.csv", tb),
        taobao.write_order_details(
            folder / "ExportOrderDetailList.csv", [dict(order_id=o["order_id"]) for o in tb for _ in (1, 2)]
        ),
        jd.write_orders(
            folder / "jd_orders.csv",
            [
                dict(order_id=f"29{n:010d}", status=s, items=[{}, {"item_id": f"1000{n}"}])
                for n, s in enumerate(["完成", "等待出库", "已取消", "锁定", "等待付款"] * 2)
            ],
        ),
        pdd.write_orders(
            folder / "orders_export.csv",
            [
                dict(order_id=f"261106-{n:015d}", status=s)
                for n, s in enumerate(["待发货", "已发货，待签收", "已签收", "未发货，退款成功"] * 3)
            ],
        ),
        pdd.write_orders(
            folder / "orders_export_old.csv",
            [dict(order_id=f"261107-{n:015d}", person=PEOPLE[n % 3]) for n in range(8)],
            old_layout=True,
        ),
        douyin.write_orders(
            folder / "抖店订单导出.csv",
            [
                dict(order_id=f"69{n:017d}", status=s, items=[{}, {"payable": "9.90"}])
                for n, s in enumerate(["已完成", "待发货", "已关闭", "已发货"] * 3)
            ],
        ),
    ]
    out = [
        (p.name, p.read_bytes(), "utf-8" if p.read_bytes()[:3] == b"\xef\xbb\xbf" else "gb18030")
        for p in made
    ]
    xlsx = taobao.write_qianniu_xlsx(
        folder / "千牛.xlsx",
        [dict(order_id=o["order_id"], status=o["status"]) for o in tb[:5]],
        [dict(order_id=o["order_id"]) for o in tb[:5]],
    )
    out.append((xlsx.name, xlsx.read_bytes(), "binary"))
    return out


# --- mutations: (rng, data, encoding) -> data ----------------------------------------------------


def decode(data: bytes, encoding: str) -> str:
    return data.decode(encoding, errors="replace").lstrip("\ufeff")


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-8":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    return text.encode("gb18030", errors="replace")


def table(data: bytes, encoding: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(decode(data, encoding), newline="")))


def untable(rows_: list[list[str]], encoding: str) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows_)
    return encode(out.getvalue(), encoding)


def tabular(mutation: Callable) -> Callable:
    """Table-level mutations pass through input that no longer has a table."""

    def wrapper(rng, data, enc):
        t = table(data, enc)
        if not t or not t[0] or not any(t[1:]):
            return data
        return mutation(rng, data, enc)

    wrapper.__name__ = mutation.__name__
    return wrapper


def truncate(rng, data, enc):
    return data[: rng.randrange(0, len(data) + 1)]


def utf16(rng, data, enc):
    codec = rng.choice(["utf-16", "utf-16-le", "utf-16-be"])
    return decode(data, enc).encode(codec)


def latin1_junk(rng, data, enc):
    return data.decode("latin-1").encode("utf-8")


def wrong_codec(rng, data, enc):
    return decode(data, enc).encode(rng.choice(["gb18030", "utf-8", "big5", "shift_jis"]), errors="replace")


@tabular
def shuffle_columns(rng, data, enc):
    t = table(data, enc)
    order = list(range(len(t[0])))
    rng.shuffle(order)
    return untable([[r[i] if i < len(r) else "" for i in order] for r in t], enc)


@tabular
def rename_columns(rng, data, enc):
    t = table(data, enc)
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(t[0]))
        t[0][i] = rng.choice(
            [t[0][i] + "x", "", "订单编号", "订单号", "主订单编号", "订单状态", "？？", t[0][0]]
        )
    return untable(t, enc)


@tabular
def drop_column(rng, data, enc):
    t = table(data, enc)
    i = rng.randrange(len(t[0]))
    return untable([r[:i] + r[i + 1 :] for r in t], enc)


def random_bytes(rng, data, enc):
    return bytes(rng.randrange(256) for _ in range(rng.choice([1, 7, 300, 5000])))


def flip_bytes(rng, data, enc):
    b = bytearray(data or b"\x00")
    for _ in range(rng.randint(1, 30)):
        b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


@tabular
def huge_field(rng, data, enc):
    t = table(data, enc)
    r = rng.choice([i for i, row in enumerate(t) if row])
    c = rng.randrange(len(t[r]))
    t[r][c] = rng.choice(["青", "9", 'a,"b"\n']) * (1 << 20)
    return untable(t, enc)


def duplicate_header(rng, data, enc):
    lines = data.split(b"\r\n")
    header = lines[0].removeprefix(b"\xef\xbb\xbf")
    lines.insert(rng.randrange(1, len(lines) + 1), header)
    return b"\r\n".join(lines)


def empty_lines(rng, data, enc):
    lines = data.split(b"\r\n")
    for _ in range(rng.randint(1, 6)):
        lines.insert(rng.randrange(0, len(lines)), rng.choice([b"", b",,,,", b"   ", b"\t"]))
    return b"\r\n".join(lines)


def bom_in_the_middle(rng, data, enc):
    lines = data.split(b"\r\n")
    i = rng.randrange(len(lines))
    lines[i] = b"\xef\xbb\xbf" + lines[i]
    return b"\r\n".join(lines)


@tabular
def odd_cells(rng, data, enc):
    t = table(data, enc)
    tokens = ["-", "", "3.28471E+18", "¥-0.00", "NaN", "9" * 40, "-1", "😀", "=1+1", "2026/9/22 10:11",
              "2026-02-30 25:61:61", "null", "（系统计算中）", '"', "\x00", "1,2,3", "0元",
              "无退款申请"]  # fmt: skip
    for _ in range(rng.randint(1, 12)):
        if len(t) > 1:
            r = rng.randrange(1, len(t))
            if t[r]:
                t[r][rng.randrange(len(t[r]))] = rng.choice(tokens)
    return untable(t, enc)


@tabular
def ragged_rows(rng, data, enc):
    t = table(data, enc)
    for r in t[1:]:
        if r and rng.random() < 0.4:
            del r[rng.randrange(len(r)) :]
        elif rng.random() < 0.3:
            r.extend(["多余"] * rng.randint(1, 3))
    return untable(t, enc)


def other_line_endings(rng, data, enc):
    return data.replace(b"\r\n", rng.choice([b"\n", b"\r", b"\n\r", b"\r\r\n"]))


def unbalanced_quote(rng, data, enc):
    i = rng.randrange(len(data) + 1)
    return data[:i] + b'"' + data[i:]


def duplicated_rows(rng, data, enc):
    lines = data.split(b"\r\n")
    body = lines[1:-1]
    if not body:
        return data
    return b"\r\n".join([lines[0], *body, *rng.sample(body, min(len(body), 5)), b""])


def totals_and_notes(rng, data, enc):
    extra = rng.choice(["合计,,,,100.00", "总计：12 笔", "说明：本表由系统导出", "注：金额单位为元"])
    return data + encode(extra + "\r\n", enc).removeprefix(b"\xef\xbb\xbf")


def semicolons(rng, data, enc):
    return data.replace(b",", rng.choice([b";", b"\t", b"|"]))


TEXT_MUTATIONS: list[Callable] = [
    truncate, utf16, latin1_junk, wrong_codec, shuffle_columns, rename_columns, drop_column, random_bytes,
    flip_bytes, huge_field, duplicate_header, empty_lines, bom_in_the_middle, odd_cells, ragged_rows,
    other_line_endings, unbalanced_quote, duplicated_rows, totals_and_notes, semicolons,
]  # fmt: skip
BINARY_MUTATIONS: list[Callable] = [truncate, flip_bytes, random_bytes]


def mangled_files(folder: Path, count: int):
    """Deterministic (story, path, password, container damaged) of ``count`` mangled files."""
    rng = random.Random(SEED)
    bases = originals(folder)
    made = 0
    while made < count:
        name, data, enc = rng.choice(bases)
        mutations = BINARY_MUTATIONS if enc == "binary" else TEXT_MUTATIONS
        story = []
        damaged = False
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            mutation = rng.choice(mutations)
            data = mutation(rng, data, enc) if data else data
            story.append(mutation.__name__)
            damaged = enc == "binary"
            if mutation in (utf16, latin1_junk, wrong_codec, random_bytes):
                break  # later text mutations would assume the original encoding
        password = None
        suffix = Path(name).suffix
        if rng.random() < 0.08:
            inner = f"订单{suffix}"
            password = rng.choice([ZIP_PASSWORD, ZIP_PASSWORD, None, "wrong"])
            data = jd.write_zip(folder / "tmp.zip", inner, data, ZIP_PASSWORD).read_bytes()
            suffix, story = ".zip", [*story, "in_password_zip"]
            if rng.random() < 0.3:
                data = flip_bytes(rng, data, "binary")
                damaged, story = True, [*story, "flip_bytes"]
        elif rng.random() < 0.05:
            suffix, story = rng.choice([".xlsx", ".xls", ".txt", ""]), [*story, "renamed"]
        path = folder / f"fuzz_{made:04d}{suffix}"
        path.write_bytes(data)
        made += 1
        yield f"{name} ← {' + '.join(story)}", path, password, damaged


# Exceptions the import service's safety net turned into a generic refusal ("could not be
# read (…Error)") that are known bugs (none at the moment): each gets a test of its own below.
KNOWN_UNEXPECTED: dict[str, re.Pattern[str]] = {}


def unexpected_error(caplog: pytest.LogCaptureFixture) -> str:
    for record in caplog.records:
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            return f"{type(exc).__name__}: {exc}"
    return "no exception logged"


def test_mangled_exports_are_loaded_or_refused_never_crash(
    db, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger="shopdesk")
    started = time.perf_counter()
    failures: list[str] = []
    outcomes: dict[str, int] = {}
    for story, path, password, container_damaged in mangled_files(tmp_path, FILES):
        batches_before = scalar(db, "SELECT COUNT(*) FROM import_batch")
        caplog.clear()
        try:
            result = import_file(db, path, password=password)
        except Exception:
            failures.append(f"{path.name} ({story}) raised:\n{traceback.format_exc(limit=-3)}")
            continue
        outcomes[result.status] = outcomes.get(result.status, 0) + 1
        batches_after = scalar(db, "SELECT COUNT(*) FROM import_batch")
        if result.status == "refused":
            if not result.message.strip():
                failures.append(f"{path.name} ({story}): refused without a message")
            if batches_after != batches_before or result.batch_id is not None:
                failures.append(f"{path.name} ({story}): refused but wrote a batch")
            if result.code == "unexpected" and not container_damaged:
                # a damaged xlsx/zip may end in the generic refusal; text files must not
                error = unexpected_error(caplog)
                if not any(p.search(error) for p in KNOWN_UNEXPECTED.values()):
                    failures.append(f"{path.name} ({story}): unforeseen error {error[:300]}")
        elif result.status == "loaded":
            counts = (result.added, result.updated, result.unchanged, result.rejected)
            if (
                min(counts) < 0
                or result.rejected != len(result.rejects)
                or batches_after != batches_before + 1
            ):
                failures.append(f"{path.name} ({story}): inconsistent result {counts}")
        else:
            failures.append(f"{path.name} ({story}): status {result.status!r}")
    elapsed = time.perf_counter() - started

    assert not failures, f"{len(failures)} of {FILES} files misbehaved:\n\n" + "\n\n".join(failures[:8])
    assert outcomes.get("loaded", 0) > 50 and outcomes.get("refused", 0) > 50, outcomes
    assert scalar(db, "PRAGMA integrity_check") == "ok"
    assert {s for (s,) in rows(db, "SELECT DISTINCT status FROM orders")} <= UNIFIED
    assert scalar(db, "SELECT COUNT(*) FROM orders WHERE paid_fen IS NULL OR buyer_key IS NULL") == 0
    assert elapsed < 90, f"fuzzing took {elapsed:.0f} s"


# --- bugs the fuzzing found, reduced to one file each ---------------------------------------------


def test_a_huge_number_in_a_money_cell_rejects_only_that_row(db, tmp_path: Path) -> None:
    path = pdd.write_orders(
        tmp_path / "orders_export.csv",
        [dict(order_id="261106-000000000000001"), dict(order_id="261106-000000000000002", paid="9" * 20)],
    )
    result = import_file(db, path)
    assert (result.status, result.added, result.rejected) == ("loaded", 1, 1)
    assert "用户实付金额" in result.rejects[0].reason


def test_a_nul_character_in_a_memo_does_not_refuse_the_file(db, tmp_path: Path) -> None:
    path = douyin.write_orders(
        tmp_path / "抖店订单导出.csv", [dict(order_id="6900000000000000001", memo="加急\x00")]
    )
    result = import_file(db, path)
    assert (result.status, result.added) == ("loaded", 1), result.message
