"""Every export layout shopdesk reads, by platform and kind."""

from shopdesk.importers.spec import FileSpec
from shopdesk.importers.specs.orders import ORDER_SPECS

ALL_SPECS: tuple[FileSpec, ...] = (*ORDER_SPECS,)

__all__ = ["ALL_SPECS"]
