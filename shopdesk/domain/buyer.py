"""Buyer keys: how an order is tied to a buyer without storing who the buyer is.

DESIGN.md: no buyer name, phone or address is ever stored. An order carries
``buyer_key`` = SHA-256 (hex) of the database's own salt, the platform code and
the platform's buyer account, so the same account on the same platform always
gives the same key inside one database, and keys cannot be matched across
databases (each has its own salt, see ``services.database.ensure_salt``).

A masked or encrypted value (``1******6198``, ``##密文…``) is not an identity:
such an order gets :func:`anonymous_buyer_key`, unique to the order, and
``buyer_identified`` false.
"""

from __future__ import annotations

import hashlib

# Masked (1******6198) or encrypted (##密文…) values: not an identity.
MASK_PATTERN = r"\*|＊|##|密文"
ANON_PREFIX = "anon:"


def buyer_key(salt: str, platform: str, account: str) -> str:
    """The key of ``account`` on ``platform``: sha256(salt + platform + ':' + account), hex.

    ``account`` is the platform's buyer account as exported (Taobao 买家会员名,
    JD 下单帐号…); surrounding whitespace is ignored so that ``" tb123 "`` and
    ``"tb123"`` are one buyer. Importers, the API sync and the demo generator all
    use this function so their keys agree.
    """
    return hashlib.sha256(f"{salt}{platform}:{account.strip()}".encode()).hexdigest()


def buyer_keys_of(salt: str, platform: str, accounts: list[str]) -> list[str]:
    """:func:`buyer_key` of each of ``accounts``, the salted prefix hashed once
    (half a million buyers in a third of the time)."""
    prefix = hashlib.sha256(f"{salt}{platform}:".encode())
    keys = []
    for account in accounts:
        digest = prefix.copy()
        digest.update(account.strip().encode())
        keys.append(digest.hexdigest())
    return keys


def anonymous_buyer_key(salt: str, platform: str, platform_order_id: str) -> str:
    """A key of its own for an order without buyer identity (one order = one buyer).

    ``anon:<platform>:<order id>`` — the order number identifies no person, so it
    needs no hashing (which a million-line import would pay for); ``salt`` is
    accepted so callers treat both kinds of key alike.
    """
    del salt
    return f"{ANON_PREFIX}{platform}:{platform_order_id.strip()}"
