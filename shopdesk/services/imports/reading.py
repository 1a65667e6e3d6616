"""From a file on disk to what it contributes, without touching the database
except to read the mapping tables (statuses, aliases) and the salt."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from shopdesk.importers import listings, rows
from shopdesk.importers.detect import detect, header_score
from shopdesk.importers.errors import ImportRefused, refuse
from shopdesk.importers.frame import Cleaned, clean_sheet
from shopdesk.importers.hashing import line_hashes
from shopdesk.importers.orders import douyin, jd, pdd, taobao
from shopdesk.importers.orders.common import Context, OrderData, finish
from shopdesk.importers.rows import RowsData, finish_rows
from shopdesk.importers.sources import Sheet, read_sheets
from shopdesk.importers.spec import Cell, FileSpec, Kind
from shopdesk.memory import give_back_memory
from shopdesk.tasks.background import started

ORDER_MAPPERS: dict[tuple[str, Kind], Callable[[Cleaned, Context], OrderData]] = {
    ("taobao", Kind.ORDERS): taobao.order_file,
    ("taobao", Kind.ORDER_ITEMS): taobao.item_file,
    ("jd", Kind.ORDERS): jd.order_file,
    ("pdd", Kind.ORDERS): pdd.order_file,
    ("douyin", Kind.ORDERS): douyin.order_file,
}


ROW_MAPPERS: dict[Kind, Callable[[Cleaned], RowsData]] = {
    Kind.TRAFFIC_SHOP: rows.traffic,
    Kind.TRAFFIC_ITEM: rows.traffic,
    Kind.KEYWORDS: rows.keywords,
    Kind.REVIEWS: rows.reviews,
    Kind.LISTINGS: listings.listings,
}


HASH_AHEAD_ROWS = 50_000  # below this, hashing the lines ahead saves nothing worth a thread

# Personal columns read (in memory only) to tell buyers apart; the rest are never parsed.
IDENTITY_FIELDS = {"receiver_name", "receiver_phone"}


@dataclass
class Reject:
    row_number: int
    reason: str
    raw: dict[str, str | None]  # personal columns already removed


@dataclass
class ParsedSheet:
    sheet: Sheet
    spec: FileSpec
    data: OrderData | RowsData
    rejects: list[Reject] = field(default_factory=list)


def personal_headers(sheet: Sheet, spec: FileSpec, found: dict[str, int]) -> set[str]:
    return {sheet.header[i] for name, i in found.items() if spec.col(name).cell is Cell.PERSONAL}


# Rejected rows whose cells are kept (every one keeps its number and reason). A
# status the platform has just renamed can reject most of a million-line export:
# all their cells as Python text took 3.5 GB and 20 s, for a list nobody reads past
# its first screens; the reason names the fix (map the status, import again).
RAW_CELLS_KEPT = 10_000


def collect_rejects(c: Cleaned) -> list[Reject]:
    hidden = personal_headers(c.sheet, c.spec, c.found)
    reasons = c.reasons()
    kept = [index for index, _number, _reason in reasons[:RAW_CELLS_KEPT]]
    rows = c.sheet.raw_rows(kept, leave_out={*hidden, ""})
    rows += [{} for _ in range(len(reasons) - len(kept))]
    rejects = [Reject(n, reason, raw) for (_index, n, reason), raw in zip(reasons, rows, strict=True)]
    for number, text_, reason in c.sheet.skipped_rows:
        first = text_.split(",", 1)[0].split("\t", 1)[0][:64]
        rejects.append(Reject(number, reason, {"": first}))
    return sorted(rejects, key=lambda r: r.row_number)


def parse_file(
    path: Path,
    *,
    platform: str | None,
    context_for: Callable[[str], Context],
    aliases: dict[str, dict[str, str]] | None = None,
    password: str | None = None,
) -> list[ParsedSheet]:
    """Read, detect, clean and map every sheet of ``path``. Raises ImportRefused."""

    def choose(header: list[str], name: str) -> set[int] | None:
        """The columns the matching spec reads, less personal ones it does not need."""
        try:
            spec, found = detect(Sheet(name, header, [], pa.array([], pa.int64())), platform, aliases)
        except ImportRefused:
            return None  # let the full read report the problem
        return {i for f, i in found.items() if spec.col(f).cell is not Cell.PERSONAL or f in IDENTITY_FIELDS}

    sheets = read_sheets(path, header_score, password, choose)
    parsed = []
    for sheet in sheets:
        spec, found = detect(sheet, platform, aliases)
        if spec.skip_after_header:
            sheet.drop_first_rows(spec.skip_after_header)
        cleaned = clean_sheet(sheet, spec, found, from_text=sheet.encoding is not None)
        data: OrderData | RowsData
        mapper = ORDER_MAPPERS.get((spec.platform, spec.kind))
        if spec.kind not in ROW_MAPPERS and mapper is None:
            raise refuse("not_supported", "{label} files cannot be imported yet.", label=spec.label)
        # the columns a mapper reads, cleaned on two cores while it asks for them one by one
        cleaned.prefetch(f for f in found if spec.col(f).cell is not Cell.PERSONAL or f in IDENTITY_FIELDS)
        try:
            if spec.kind in ROW_MAPPERS:
                data = finish_rows(ROW_MAPPERS[spec.kind](cleaned), cleaned)
            else:
                assert mapper is not None
                data = finish(mapper(cleaned, context_for(spec.platform)), cleaned)
        finally:
            cleaned.close()
        if isinstance(data, OrderData) and data.lines is not None and data.lines.num_rows >= HASH_AHEAD_ROWS:
            # the lines' share of the digests, on the core this thread leaves idle
            # until the write starts (taken up by orders_writer for a shop's first file)
            data.line_hashes = started("shopdesk-line-hashes", line_hashes, data.lines)
        parsed.append(ParsedSheet(sheet, spec, data, collect_rejects(cleaned)))
        # The raw and cleaned columns have served (the rejects hold their own rows):
        # free them before the write, which is when a million-line file peaks.
        sheet.columns = []
        cleaned.values.clear()
        give_back_memory()
    if len({(p.spec.platform) for p in parsed}) > 1:
        raise refuse("mixed_platforms", "{name} mixes exports of several platforms.", name=path.name)
    return parsed
