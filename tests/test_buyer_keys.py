"""Buyer keys (domain/buyer.py): many at once give exactly what one at a time gives."""

from __future__ import annotations

import hashlib

from shopdesk.domain.buyer import buyer_key, buyer_keys_of


def test_keys_of_many_accounts_are_the_keys_of_each() -> None:
    accounts = ["tb123", " tb123 ", "王洋伟|19107694439", "", "buyer:with:colons", "x" * 300]
    assert buyer_keys_of("salt-1", "taobao", accounts) == [buyer_key("salt-1", "taobao", a) for a in accounts]
    expected = hashlib.sha256(b"salt-1taobao:tb123").hexdigest()
    assert buyer_keys_of("salt-1", "taobao", ["tb123"])[0] == expected
    assert buyer_keys_of("salt-2", "taobao", ["tb123"]) != buyer_keys_of("salt-1", "taobao", ["tb123"])
    assert buyer_keys_of("salt-1", "jd", ["tb123"]) != buyer_keys_of("salt-1", "taobao", ["tb123"])
