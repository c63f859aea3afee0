"""Turn input bytes into text: BOM, declared charset, UTF-8, then detection."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
SNIFF_BYTES = 4096
# Statistical detection needs evidence; below this many bytes it guesses wildly, and
# cp1252 (the web's commonest legacy encoding) is the safer reading.
MIN_DETECT_BYTES = 512
FALLBACK_ENCODING = "cp1252"


def decode(data: bytes) -> str:
    """Decode bytes of unknown encoding without raising; undecodable bytes become U+FFFD.

    >>> decode("Grüße".encode("cp1252"))
    'Grüße'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    declared = _DECLARED.search(data[:SNIFF_BYTES])
    if declared:
        name = declared.group(1).decode("ascii")
        try:
            return data.decode(name, errors="replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[: 1 << 20]).best() if len(data) >= MIN_DETECT_BYTES else None
    encoding = best.encoding if best is not None else FALLBACK_ENCODING
    return data.decode(encoding, errors="replace")
