"""Repair mojibake: UTF-8 text that was decoded as Windows-1252 or Latin-1 on its way to us.

``KÃ¶ln`` for ``Köln``, ``â€œ`` for ``“``, ``ÐŸÑ€Ð¸`` for ``При``: the bytes were
UTF-8, something read them as a one-byte encoding, and the page or the scraper
kept the result. ftfy decides whether a line is such text and undoes it, and
leaves text it is unsure of alone (``NÃO SÃO PAULO`` stays as it is). ftfy is
slow on text with nothing to repair (about 1 ms per 10 kB), so a cheap screen
picks the lines where the pattern of UTF-8 read as one-byte text appears at
all, and only those go to ftfy. Line by line, so a line stays a line.
"""

from __future__ import annotations

import re

# A UTF-8 lead byte (0xC2-0xF4) read as Latin-1/Windows-1252, then a continuation byte
# (0x80-0xBF) read the same way: a C1 control, a Windows-1252 sign, or U+00A0-U+00BF.
_CP1252_HIGH = "\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d"
_CP1252_HIGH += "\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178"
_UTF8_AS_ONE_BYTE = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{_CP1252_HIGH}]")


def looks_misdecoded(text: str) -> bool:
    """Whether ``text`` holds the pattern of UTF-8 read as a one-byte encoding at all.

    >>> looks_misdecoded("KÃ¶ln"), looks_misdecoded("Köln")
    (True, False)
    """
    return _UTF8_AS_ONE_BYTE.search(text) is not None


def repair(text: str) -> str:
    """``text`` with each line that is certainly mojibake decoded as it was meant.

    >>> repair("Grüße aus KÃ¶ln â€“ schÃ¶n\\nNÃO SÃO PAULO\\n")
    'Grüße aus Köln – schön\\nNÃO SÃO PAULO\\n'
    """
    if not looks_misdecoded(text):
        return text
    import ftfy  # 30 ms to import: only where some text needs it

    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _UTF8_AS_ONE_BYTE.search(line):
            lines[i] = ftfy.fix_encoding(line)
    return "\n".join(lines)
