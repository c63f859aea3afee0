//! Purity: the estimated share of an input's characters that are article content.
//!
//! A removed span counts as article by the chance that it was (one less its calibrated
//! confidence), and each kept unit (a non-blank line, a glued line's sentence) by how much
//! it reads like article prose (`prose_likelihood`). Spans moved to the page's title and
//! description leave the count. Whitespace is not counted.

use crate::segment::{for_each_span, ByteCursor};
use crate::text::{ends_sentence, word_count};
use crate::unicode::count_not_space;

/// The words from which a kept line counts fully. A weight, not what a prose line is
/// (`text::is_prose`): at a prose line's ten words, purity ranks dumps by their true
/// precision less well (held out on aeb, Spearman 0.820 against 0.830).
const FULL_WEIGHT_WORDS: usize = 12;
const SHORT_LINE_FLOOR: f64 = 0.35;

/// How much a kept line reads like article prose, in [0, 1]: a line of `FULL_WEIGHT_WORDS`
/// words or more fully; a shorter one by its length, more where it ends like a sentence.
fn prose_likelihood(text: &str) -> f64 {
    let n = word_count(text);
    if n >= FULL_WEIGHT_WORDS {
        return 1.0;
    }
    let mut share = n as f64 / FULL_WEIGHT_WORDS as f64;
    if ends_sentence(text) {
        share = 0.5 + share / 2.0;
    }
    SHORT_LINE_FLOOR + (1.0 - SHORT_LINE_FLOOR) * share
}

/// How many of `text`'s characters purity counts: those that are not whitespace.
fn visible(text: &str) -> usize {
    count_not_space(text)
}

/// A removal as purity reads it: its span of the source in code points, its confidence,
/// and whether it was moved to the page's title or description.
pub type Removed = (usize, usize, f64, bool);

/// The purity of a source cleaned by `removals`, counted as the source and the cleaned text
/// are read, each a piece at a time, so that a long text need not be held whole as UTF-8:
/// the source in any pieces, the cleaned text in pieces of whole lines.
pub struct Purity<'r> {
    removals: &'r [Removed],
    by_start: Vec<usize>, // the removals' indices, in the order of their starts
    started: usize,       // how many of them start in what has been read
    open: Vec<usize>,     // those that go on past it, by start
    counts: Vec<usize>,   // visible characters of each removal
    visible: usize,       // of the source read so far
    at: usize,            // code points of the source read
    content: f64,         // kept units, by their prose likelihood
}

impl<'r> Purity<'r> {
    pub fn new(removals: &'r [Removed]) -> Self {
        let mut by_start: Vec<usize> = (0..removals.len()).collect();
        by_start.sort_by_key(|&i| removals[i].0);
        Self {
            removals,
            by_start,
            started: 0,
            open: Vec::new(),
            counts: vec![0; removals.len()],
            visible: 0,
            at: 0,
            content: 0.0,
        }
    }

    /// Count the source's next piece: its visible characters, and those of the removals
    /// within it (a removal past the source's end counts what lies before the end).
    pub fn read_source(&mut self, piece: &str) {
        let end = self.at + piece.chars().count();
        while let Some(&i) = self.by_start.get(self.started) {
            if self.removals[i].0 >= end {
                break;
            }
            self.open.push(i);
            self.started += 1;
        }
        let mut bytes = ByteCursor::new(piece);
        for &i in &self.open {
            let (start, stop, ..) = self.removals[i];
            let (from, to) = (
                start.max(self.at) - self.at,
                stop.max(start).min(end) - self.at,
            );
            let (from, to) = (bytes.byte_of(from), bytes.byte_of(to));
            self.counts[i] += visible(&piece[from..to]);
        }
        let removals = self.removals;
        self.open.retain(|&i| removals[i].1 > end); // the rest go on into the next piece
        self.visible += visible(piece);
        self.at = end;
    }

    /// Count the cleaned text's next piece, which ends at the end of a line (or the text).
    pub fn read_cleaned(&mut self, piece: &str) {
        for_each_span(piece, true, |_, _, _, unit| {
            self.content += visible(unit) as f64 * prose_likelihood(unit);
        });
    }

    /// The purity, once both texts have been read whole.
    pub fn score(self) -> f64 {
        let spans = || self.removals.iter().zip(&self.counts);
        let moved: usize = spans().filter(|(r, _)| r.3).map(|(_, &n)| n).sum();
        let total = self.visible as i64 - moved as i64;
        if total <= 0 {
            return 0.0;
        }
        let mut removed = 0.0;
        for (&(_, _, confidence, _), &n) in spans().filter(|(r, _)| !r.3) {
            removed += n as f64 * (1.0 - confidence);
        }
        ((self.content + removed) / total as f64).clamp(0.0, 1.0)
    }
}
