"""Every export layout shopdesk reads, by platform and kind."""

from shopdesk.importers.spec import FileSpec
from shopdesk.importers.specs.keywords import KEYWORD_SPECS
from shopdesk.importers.specs.listings import LISTING_SPECS
from shopdesk.importers.specs.orders import ORDER_SPECS
from shopdesk.importers.specs.reviews import REVIEW_SPECS
from shopdesk.importers.specs.traffic import TRAFFIC_SPECS

ALL_SPECS: tuple[FileSpec, ...] = (
    *ORDER_SPECS,
    *TRAFFIC_SPECS,
    *KEYWORD_SPECS,
    *LISTING_SPECS,
    *REVIEW_SPECS,
)

__all__ = ["ALL_SPECS"]
