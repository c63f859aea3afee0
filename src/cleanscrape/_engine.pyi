"""The compiled engine (engine/src/lib.rs), built by maturin."""

class PhraseSet:
    """Literal phrases matched case-insensitively (simple case folding), all in one pass."""

    def __init__(self, phrases: list[str]) -> None: ...
    def __len__(self) -> int: ...
    def find(self, text: str) -> list[tuple[int, int, int]]:
        """Every ``(phrase, start, end)`` in ``text``: each phrase's leftmost matches, none
        overlapping another of the same phrase, by phrase then start, in code points. A lone
        surrogate in ``text`` is searched as U+FFFD."""

def case_fold(text: str) -> str:
    """``text`` with each character folded to the one its case variants share, code point for
    code point (the Turkish dotted and dotless i fold with i)."""
