"""Decoding export files: UTF-8 (with or without BOM), GBK/GB18030, UTF-16.

Taobao and JD write GBK, Douyin and Pinduoduo UTF-8, 淘宝助理 UTF-16LE. We try
them in that order of likelihood on the head of the file and refuse a file whose
header does not decode cleanly rather than import mojibake.
"""

from __future__ import annotations

import codecs

from shopdesk.importers.errors import ImportRefused, refuse

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_utf16(head: bytes) -> str | None:
    """UTF-16 without BOM: every other byte of ASCII text is NUL."""
    sample = head[:400]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    if odd_nuls > len(sample) // 4 and even_nuls < odd_nuls // 4:
        return "utf-16-le"
    if even_nuls > len(sample) // 4 and odd_nuls < even_nuls // 4:
        return "utf-16-be"
    return None


def _trim_partial(head: bytes, encoding: str) -> bytes:
    """Cut the head at the last line break so a multi-byte character split by
    the read size does not look like broken encoding."""
    newline = "\n".encode(encoding.replace("-sig", ""))
    cut = head.rfind(newline)
    return head[: cut + len(newline)] if cut > 0 else head


def detect_encoding(head: bytes) -> str:
    """The encoding of a text export, judged on its first bytes (≥ 64 KB is plenty)."""
    for bom, name in BOMS:
        if head.startswith(bom):
            return name
    utf16 = _looks_utf16(head)
    if utf16:
        return utf16
    if b"\x00" in head[:4096]:
        raise refuse("binary", "The file is not a text export (it contains binary data).")
    for name in ("utf-8", "gb18030"):
        try:
            _trim_partial(head, name).decode(name)
        except UnicodeDecodeError:
            continue
        return name
    raise refuse(
        "encoding",
        "The file's encoding cannot be read (not UTF-8, GBK/GB18030 or UTF-16). "
        "Export it again from the platform without opening it in another program.",
    )


def decode_head(head: bytes, encoding: str, limit_lines: int = 40) -> list[str]:
    """The first lines of the file as text, for finding the header row."""
    text = _trim_partial(head, encoding).decode(encoding, errors="strict")
    return text.splitlines()[:limit_lines]


__all__ = ["ImportRefused", "decode_head", "detect_encoding"]
