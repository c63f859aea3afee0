"""What a long run tells its user: a progress bar while it works, a summary at the end."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import IO

from tqdm import tqdm

from ..core.text import plural

PURITY_BANDS = (0.9, 0.75, 0.5, 0.25, 0.0)
REFRESH_SECONDS = 0.5


def purity_band(purity: float) -> str:
    """The band a purity falls in, named by its bounds.

    >>> purity_band(0.93), purity_band(0.6), purity_band(0.0)
    ('0.90-1.00', '0.50-0.75', '0.00-0.25')
    """
    upper = 1.0
    for lower in PURITY_BANDS:
        if purity >= lower:
            return f"{lower:.2f}-{upper:.2f}"
        upper = lower
    return f"0.00-{PURITY_BANDS[-2]:.2f}"


@dataclass
class Tally:
    """Counts over a run: documents, input bytes, removals per reason, documents per purity band."""

    documents: int = 0
    failed: int = 0
    copied: int = 0  # records passed through as they were: nothing in them to clean
    dropped: int = 0  # documents below --min-purity, not written
    skipped_files: int = 0
    unwritten: int = 0  # inputs whose output was dropped: unreadable, too large, or not writable
    bytes_read: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    bands: Counter[str] = field(default_factory=Counter)
    started: float = field(default_factory=time.monotonic)

    def add(self, purity: float | None, reasons: Mapping[str, int]) -> None:
        """Count one document; ``purity`` None for one that failed."""
        self.documents += 1
        if purity is None:
            self.failed += 1
            return
        self.bands[purity_band(purity)] += 1
        self.reasons.update(reasons)

    def summary(self) -> str:
        """A few lines for stderr at the end of a run."""
        seconds = max(time.monotonic() - self.started, 1e-9)
        took = f"{seconds:.1f} s" if seconds >= 0.1 else f"{seconds * 1000:.0f} ms"
        lines = [
            f"cleanscrape: {plural(self.documents, 'document')} ({self.failed} failed) in {took}: "
            f"{self.documents / seconds:.1f} documents/s, {self.bytes_read / seconds / 1e6:.2f} MB/s"
        ]
        if self.unwritten:
            lines.append(f"  {plural(self.unwritten, 'input')} not written (each named above)")
        if self.dropped:
            lines.append(f"  dropped {plural(self.dropped, 'document')} below --min-purity")
        if self.copied:
            lines.append(f"  copied {plural(self.copied, 'record')} unchanged: no field to clean")
        if self.skipped_files:
            lines.append(f"  skipped {plural(self.skipped_files, 'finished output')} (--force redoes them)")
        if self.reasons:
            reasons = ", ".join(f"{r} {n}" for r, n in self.reasons.most_common())
            lines.append(f"  removals by reason: {reasons}")
        if self.bands:
            bands = sorted(self.bands.items(), reverse=True)
            lines.append("  documents by purity: " + ", ".join(f"{b} {n}" for b, n in bands))
        return "\n".join(lines)


class ProgressBar:
    """Documents/s, MB/s and the ETA on stderr; nothing when ``enabled`` is false."""

    def __init__(self, stream: IO[str], total_bytes: int | None, enabled: bool) -> None:
        self._bar = (
            tqdm(
                total=total_bytes,
                unit="B",
                unit_scale=True,
                unit_divisor=1000,
                file=stream,
                mininterval=REFRESH_SECONDS,
                dynamic_ncols=True,
            )
            if enabled
            else None
        )
        self._shown = 0

    def update(self, tally: Tally) -> None:
        """Move the bar to the tally's bytes and show its documents/s."""
        if self._bar is None:
            return
        self._bar.update(tally.bytes_read - self._shown)
        self._shown = tally.bytes_read
        rate = tally.documents / max(time.monotonic() - tally.started, 1e-9)
        self._bar.set_postfix_str(f"{tally.documents} docs, {rate:.1f} docs/s", refresh=False)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
