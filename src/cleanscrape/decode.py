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


_BINARY_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x1f\x8b", "gzip data (name the file .gz)"), (b"\x28\xb5\x2f\xfd", "zstd data (name the file .zst)"),
    (b"\x7fELF", "a program"), (b"wOFF", "a web font"), (b"wOF2", "a web font"),
    (b"OggS", "Ogg audio or video"),
)  # fmt: skip


BINARY_SNIFF_BYTES = 1024
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def binary_kind(data: bytes) -> str | None:
    """What binary format ``data`` is: it starts with a known signature and holds control
    bytes that text does not; None for anything that may be text.

    >>> binary_kind(bytes([37, 80, 68, 70, 45, 0])), binary_kind(b"%PDF- is a format"), binary_kind(b"<p>")
    ('a PDF document', None, None)
    """
    if not _CONTROL_BYTES.search(data[:BINARY_SNIFF_BYTES]):
        return None  # text that merely starts like "GIF8" or "%PDF-"
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            return kind
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "a RIFF media file"
    if data[4:8] == b"ftyp":
        return "an MP4 or QuickTime file"
    return None


def _from_wtf8(data: bytes) -> str | None:
    r"""Text from UTF-8 that also encodes surrogates (WTF-8, CESU-8), as systems holding
    UTF-16 write it: pairs become their character, lone ones U+FFFD; None when the bytes
    are not that (only then is the reading certain, not a guess).

    >>> _from_wtf8(b"caf\xc3\xa9 \xed\xa0\xbd\xed\xb8\x80 \xed\xa0\x80!") == "café \U0001f600 \ufffd!"
    True
    >>> _from_wtf8(b"caf\xe9") is None
    True
    """
    try:
        text = data.decode("utf-8", errors="surrogatepass")
    except UnicodeDecodeError:
        return None
    return text.encode("utf-16-le", errors="surrogatepass").decode("utf-16-le", errors="replace")


# What browsers read for a declared name (WHATWG Encoding): Latin-1 and ASCII pages are
# Windows-1252 in practice (curly quotes at 0x80-0x9F); markup read byte by byte
# cannot be UTF-16, so such a declaration means UTF-8.
_BROWSER_ENCODING = {
    "iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254", "iso8859-11": "cp874",
    "tis-620": "cp874", "utf-16": "utf-8", "utf-16-le": "utf-8", "utf-16-be": "utf-8",
}  # fmt: skip


def _declared_encoding(data: bytes) -> str | None:
    """The Python codec for the charset a page's ``<meta>`` declares, read as browsers
    read it; None when it declares none or one Python does not know.

    >>> _declared_encoding(b'<meta charset="ISO-8859-1">'), _declared_encoding(b'<meta charset=x-nonsense>')
    ('cp1252', None)
    """
    declared = _DECLARED.search(data[:SNIFF_BYTES])
    if not declared:
        return None
    try:
        name = codecs.lookup(declared.group(1).decode("ascii")).name
    except LookupError:
        return None
    return _BROWSER_ENCODING.get(name, name)


def decode(data: bytes) -> str:
    """Decode bytes of unknown encoding without raising; undecodable bytes become U+FFFD.

    >>> decode("Grüße".encode("cp1252"))
    'Grüße'
    >>> decode('<meta charset="iso-8859-1">„Grüße“'.encode("cp1252"))[-7:]
    '„Grüße“'
    >>> decode('<meta charset="iso-8859-1">Grüße'.encode("utf-8"))[-5:]
    'Grüße'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    declared = _declared_encoding(data)
    if declared:
        text = data.decode(declared, errors="replace")
        if len(text) == len(data) and not data.isascii():  # a one-byte encoding reads any bytes:
            try:  # valid UTF-8 beyond ASCII is UTF-8, whatever the page declares
                return data.decode("utf-8")
            except UnicodeDecodeError:
                pass
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    wtf8 = _from_wtf8(data)
    if wtf8 is not None:
        return wtf8
    best = from_bytes(data[: 1 << 20]).best() if len(data) >= MIN_DETECT_BYTES else None
    encoding = best.encoding if best is not None else FALLBACK_ENCODING
    return data.decode(encoding, errors="replace")
