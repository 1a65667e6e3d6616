"""Decoding export files: UTF-8 (with or without BOM), GBK/GB18030, UTF-16.

Taobao and JD write GBK, Douyin and Pinduoduo UTF-8, 淘宝助理 UTF-16LE. We try
them in that order of likelihood on the head of the file and refuse a file whose
header does not decode cleanly rather than import mojibake.
"""

from __future__ import annotations

import codecs
import io
from pathlib import Path

import numpy as np
import pyarrow as pa

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


def first_undecodable_line(source: Path | bytes, encoding: str) -> int | None:
    """The line number (1-based) of the first bytes of ``source`` that are not
    ``encoding`` text, read a megabyte at a time; None when it all decodes. Only a
    file already refused is read this way, so that the message can say where."""
    line, pending = 1, b""
    with io.BytesIO(source) if isinstance(source, bytes) else source.open("rb") as f:
        codec, bom = _codec_after_bom(encoding, f.read(4))
        f.seek(bom)
        while True:
            block = f.read(1 << 20)
            data = pending + block
            if not data:
                return None
            try:
                line += data.decode(codec).count("\n")
                pending = b""
            except UnicodeDecodeError as exc:
                line += data[: exc.start].decode(codec).count("\n")
                if not block or exc.end < len(data) or len(data) - exc.start > 3:
                    return line  # bad bytes, not a character cut by the read
                pending = data[exc.start :]  # completed by the next read


UTF8_BLOCK = 1 << 20


def is_utf8(source: Path | bytes) -> bool:
    """True when all of ``source`` is UTF-8 text, checked a megabyte at a time.

    Every cell of a CSV file that is UTF-8 as a whole is UTF-8 too (its cells are
    cut at ASCII bytes, never inside a character), so the reader can skip its own
    check of each of a million lines' cells: Arrow validates one large value
    about seven times quicker than the same bytes as 27 million small ones."""
    buffer = bytearray(UTF8_BLOCK + 8)
    view = memoryview(buffer)
    with io.BytesIO(source) if isinstance(source, bytes) else source.open("rb") as f:
        pending = 0  # bytes of a character the last read may have cut, moved to the front
        while True:
            read = f.readinto(view[pending : pending + UTF8_BLOCK])
            end = pending + read
            if not read:
                return _utf8_block(view[:end])
            cut = end  # before the last character, which the read may have cut
            while cut > 0 and end - cut < 4 and buffer[cut - 1] & 0xC0 == 0x80:
                cut -= 1
            cut = max(cut - 1, 0)
            if not _utf8_block(view[:cut]):
                return False
            pending = end - cut
            buffer[:pending] = buffer[cut:end]


def _utf8_block(data: memoryview) -> bool:
    offsets = pa.py_buffer(np.array([0, len(data)], np.int32))
    value = pa.Array.from_buffers(pa.string(), 1, [None, offsets, pa.py_buffer(data)])
    try:
        value.validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def _codec_after_bom(encoding: str, start: bytes) -> tuple[str, int]:
    """(the codec for the text after the byte-order mark, the mark's length)."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if start.startswith(bom):
            return codec, len(bom)
    return {"utf-8-sig": "utf-8", "utf-16": "utf-16-le"}.get(encoding, encoding), 0


__all__ = ["ImportRefused", "decode_head", "detect_encoding", "first_undecodable_line", "is_utf8"]
