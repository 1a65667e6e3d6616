"""A shop's first file is summed for the KPI aggregates from only the columns
``arrow_sums`` says it reads (the others' memory goes with the staging): on every
platform's own sample export, the sums must be those of the whole rows."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from shopdesk.domain import statuses
from shopdesk.importers.orders.common import Context
from shopdesk.services.imports.reading import parse_file
from shopdesk.services.kpi.arrow_sums import LINE_COLUMNS, ORDER_COLUMNS, new_order_sums, summed_columns
from tests.helpers.samples import SAMPLES

ORDER_SAMPLES = {
    "taobao": "ExportOrderList202611091200.csv",
    "jd": "jd_orders_20261109.csv",
    "pdd": "pdd_orders_export.csv",
    "douyin": "抖店订单导出_20261109.csv",
}


@pytest.mark.parametrize("platform", sorted(ORDER_SAMPLES))
def test_the_sums_of_the_columns_kept_are_those_of_the_whole_rows(platform: str) -> None:
    context = Context(platform, "salt", statuses.default_map(platform))
    [sheet] = parse_file(SAMPLES / ORDER_SAMPLES[platform], platform=None, context_for=lambda _p: context)
    data = sheet.data
    ids = pa.array(np.arange(1, data.orders.num_rows + 1, dtype=np.int64))
    whole = new_order_sums(data.orders, data.lines, ids, data.owners)
    kept = new_order_sums(
        summed_columns(data.orders, ORDER_COLUMNS),
        None if data.lines is None else summed_columns(data.lines, LINE_COLUMNS),
        ids,
        data.owners,
    )
    assert whole.days.num_rows > 0  # the sample has paid orders: there is something to compare
    assert kept == whole
