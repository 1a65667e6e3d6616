"""All tables of the unified data model (see DESIGN.md, "Data model").

Conventions:
- money is integer fen (分) in columns named ``*_fen``; rates are NUMERIC;
- business times (paid, shipped, review time…) are naive Asia/Shanghai wall time,
  exactly as the platforms state them, so a "day" is a Beijing day without
  conversion; bookkeeping stamps (created_at…) are UTC;
- every imported row carries the ``import_batch`` it came from.
"""

from shopdesk.db.base import Base
from shopdesk.db.models.aggregates import AggBuyerBlock, AggBuyerDay, AggDay, AggItemDay
from shopdesk.db.models.alerts import AlertEvent, AlertRule
from shopdesk.db.models.audit import AppMeta, AuditLog
from shopdesk.db.models.campaigns import (
    Campaign,
    CampaignBudget,
    CampaignMetric,
    CampaignPhase,
    CampaignTask,
    InfluencerBooking,
)
from shopdesk.db.models.catalog import Change, ChangeSet, Listing, ListingRevision, Product, Sku
from shopdesk.db.models.imports import ImportBatch, ImportChange, ImportReject
from shopdesk.db.models.mappings import CategoryMap, ColumnAlias, StatusMap
from shopdesk.db.models.orders import Order, OrderLine
from shopdesk.db.models.service import Inquiry, ReplyTemplate, Review, Ticket
from shopdesk.db.models.shops import Shop
from shopdesk.db.models.traffic import KeywordStat, TrafficDaily

__all__ = [
    "AggBuyerBlock",
    "AggBuyerDay",
    "AggDay",
    "AggItemDay",
    "AlertEvent",
    "AlertRule",
    "AppMeta",
    "AuditLog",
    "Base",
    "Campaign",
    "CampaignBudget",
    "CampaignMetric",
    "CampaignPhase",
    "CampaignTask",
    "CategoryMap",
    "Change",
    "ChangeSet",
    "ColumnAlias",
    "ImportBatch",
    "ImportChange",
    "ImportReject",
    "InfluencerBooking",
    "Inquiry",
    "KeywordStat",
    "Listing",
    "ListingRevision",
    "Order",
    "OrderLine",
    "Product",
    "ReplyTemplate",
    "Review",
    "Shop",
    "Sku",
    "StatusMap",
    "Ticket",
    "TrafficDaily",
]
