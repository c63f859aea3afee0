"""Turn input bytes into text: BOM, declared charset, UTF-8, then detection."""

from __future__ import annotations

import codecs
import re

from .. import _engine

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


_BINARY_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x1f\x8b", "gzip data (name the file .gz)"), (b"\x28\xb5\x2f\xfd", "zstd data (name the file .zst)"),
    (b"\x7fELF", "a program"), (b"wOFF", "a web font"), (b"wOF2", "a web font"),
    (b"OggS", "Ogg audio or video"),
)  # fmt: skip


BINARY_SNIFF_BYTES = 1024
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
# Control bytes no encoding of the web writes in text: not NUL (UTF-16 holds many), tab,
# line breaks, form feed, nor SO, SI and ESC (ISO-2022 shifts with them).
_UNTEXT_BYTES = re.compile(rb"[\x01-\x08\x10-\x1a\x1c-\x1f]")
# Bytes of no known format are data, not text, when at least this share of the first
# ``BINARY_SNIFF_BYTES`` (and ``MIN_UNTEXT_BYTES`` in all) are such control bytes and few
# are NUL: random bytes hold 8.6% of the first and 0.4% of NUL; UTF-16 without a BOM in
# Greek or Cyrillic (whose high bytes are 0x03, 0x04) holds NUL for each ASCII character.
UNTEXT_SHARE = 0.05
MIN_UNTEXT_BYTES = 16
MOST_NUL_SHARE = 0.01


def binary_kind(data: bytes) -> str | None:
    """What binary format ``data`` is: it starts with a known signature and holds control
    bytes that text does not, or it holds many control bytes of no text encoding ("binary
    data"); None for anything that may be text.

    >>> binary_kind(bytes([37, 80, 68, 70, 45, 0])), binary_kind(b"%PDF- is a format"), binary_kind(b"<p>")
    ('a PDF document', None, None)
    >>> binary_kind(bytes(range(256)) * 4), binary_kind("Привет, мир".encode("utf-16-le") * 40)
    ('binary data', None)
    """
    window = data[:BINARY_SNIFF_BYTES]
    if not _CONTROL_BYTES.search(window):
        return None  # text that merely starts like "GIF8" or "%PDF-"
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            return kind
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "a RIFF media file"
    if data[4:8] == b"ftyp":
        return "an MP4 or QuickTime file"
    if _bom_encoding(data):
        return None
    untext = len(_UNTEXT_BYTES.findall(window))
    if untext >= max(MIN_UNTEXT_BYTES, UNTEXT_SHARE * len(window)) and window.count(0) < MOST_NUL_SHARE * len(
        window
    ):
        return "binary data"
    return None


def _bom_encoding(data: bytes) -> str | None:
    """The encoding whose byte order mark ``data`` starts with, if any."""
    return next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)


def _from_wtf8(data: bytes) -> str | None:
    r"""Text from UTF-8 that also encodes surrogates (WTF-8, CESU-8), as systems holding
    UTF-16 write it: pairs become their character, lone ones U+FFFD; None when the bytes
    are not that (only then is the reading certain, not a guess). Read in one pass by the
    engine, without the copies a round trip through UTF-16 makes.

    >>> _from_wtf8(b"caf\xc3\xa9 \xed\xa0\xbd\xed\xb8\x80 \xed\xa0\x80!") == "café \U0001f600 \ufffd!"
    True
    >>> _from_wtf8(b"caf\xe9") is None
    True
    """
    return _engine.from_wtf8(data)


# The encodings of the WHATWG Encoding Standard, by Python's name for each, and what a
# browser reads for it: Latin-1 and ASCII pages are Windows-1252 in practice (curly
# quotes at 0x80-0x9F); markup read byte by byte cannot be UTF-16, so such a declaration
# means UTF-8. A name outside this table (utf-7, utf-32, cp037, base64, rot13,
# unicode_escape, idna, undefined, ...) is ignored, as a browser ignores it.
_ONE_TO_ONE = (
    "utf-8", "cp866", "koi8-r", "koi8-u", "mac-roman", "mac-cyrillic", "cp874", "gbk", "gb18030",
    "big5hkscs", "euc_jp", "iso2022_jp", "cp932", "cp949",
    *(f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)),
    *(f"cp{n}" for n in range(1250, 1259)),
)  # fmt: skip
_BROWSER_ENCODING = {
    **{name: name for name in _ONE_TO_ONE},
    "iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254", "iso8859-11": "cp874",
    "tis-620": "cp874", "gb2312": "gbk", "big5": "big5hkscs", "shift_jis": "cp932", "euc_kr": "cp949",
    "utf-16": "utf-8", "utf-16-le": "utf-8", "utf-16-be": "utf-8",
}  # fmt: skip
# WHATWG labels Python does not know by that name.
_LABELS = {
    "windows-874": "cp874", "x-mac-cyrillic": "mac-cyrillic", "x-mac-roman": "mac-roman",
    "iso-8859-8-i": "iso8859-8", "x-sjis": "cp932", "windows-31j": "cp932", "ms932": "cp932",
    "x-gbk": "gbk", "cn-big5": "big5hkscs", "x-x-big5": "big5hkscs", "x-euc-jp": "euc_jp",
}  # fmt: skip


def browser_encoding(name: str) -> str | None:
    """The Python codec for a declared charset ``name``, read as browsers read it; None for
    a name that is no encoding of the web (which a browser ignores too).

    >>> browser_encoding("ISO-8859-1"), browser_encoding("utf8"), browser_encoding("windows-874")
    ('cp1252', 'utf-8', 'cp874')
    >>> [browser_encoding(n) for n in ("x-nonsense", "utf-7", "base64", "rot13", "utf-32", "undefined")]
    [None, None, None, None, None, None]
    """
    label = name.strip().lower()
    if label in _LABELS:
        return _LABELS[label]
    try:
        codec = codecs.lookup(label).name
    except (LookupError, ValueError):
        return None
    return _BROWSER_ENCODING.get(codec)


def _as_declared(data: bytes, encoding: str, errors: str = "replace") -> str:
    """``data`` decoded as declared; but valid UTF-8 beyond ASCII is UTF-8, whatever a
    one-byte encoding (which reads any bytes, one character each) was declared."""
    text = data.decode(encoding, errors=errors)
    if len(text) == len(data) and not data.isascii():
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return text


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode bytes of unknown encoding without raising; undecodable bytes become U+FFFD.

    ``declared`` is a charset named outside the bytes (an HTTP ``Content-Type``): after a
    BOM it comes first, before the page's own ``<meta>``, as in browsers, unless the
    bytes do not decode with it.

    >>> decode("Grüße".encode("cp1252"))
    'Grüße'
    >>> decode('<meta charset="iso-8859-1">„Grüße“'.encode("cp1252"))[-7:]
    '„Grüße“'
    >>> decode('<meta charset="iso-8859-1">Grüße'.encode("utf-8"))[-5:]
    'Grüße'
    >>> decode('<meta charset="utf-8">Grüße'.encode("cp1252"), declared="latin1")[-5:]
    'Grüße'
    """
    if encoding := _bom_encoding(data):
        return data.decode(encoding, errors="replace")
    if declared and (codec := browser_encoding(declared)):
        try:
            return _as_declared(data, codec, "strict")
        except UnicodeDecodeError:
            pass  # the header is wrong about these bytes: the page's own declaration is next
    meta = _DECLARED.search(data[:SNIFF_BYTES])
    if meta and (codec := browser_encoding(meta.group(1).decode("ascii"))):
        return _as_declared(data, codec)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    wtf8 = _from_wtf8(data)
    if wtf8 is not None:
        return wtf8
    from charset_normalizer import from_bytes  # imported where bytes need a guess, not at start-up

    best = from_bytes(data[: 1 << 20]).best() if len(data) >= MIN_DETECT_BYTES else None
    encoding = best.encoding if best is not None else FALLBACK_ENCODING
    return data.decode(encoding, errors="replace")
