//! Repeats: exact repeats of a line a few lines on, and pull quotes, lines whose words
//! appear verbatim, in one run, inside a longer line.
//!
//! For pull quotes lines are compared as their case-folded word tokens; each distinct
//! token list is checked once. A short line is looked up by its first `SHINGLE` words at
//! every position of every longer line.

use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;

use crate::rows::Rows;
use crate::table::Segments;
use crate::unicode::is_word;

/// The segments of `segments` not in `removed` that repeat the normalized text of one on
/// a line at most `near` lines before (lines numbered among those segments, a glued
/// line's sentences on one) and hold a letter or digit; and the lines of the rest, each
/// as its segments' indices, in order.
pub fn near_repeats(
    segments: &Segments,
    removed: &FxHashSet<usize>,
    near: Option<usize>,
) -> (Vec<usize>, Rows<usize>) {
    let count = segments.list.len();
    let mut last_seen: FxHashMap<&str, usize> =
        FxHashMap::with_capacity_and_hasher(count, Default::default());
    let mut repeats = Vec::new();
    let mut lines = Rows::with_capacity(count, count); // each line's segments
    let (mut line, mut source_line) = (0, None);
    let mut unique_line = None; // the line number of `lines`' last entry
    for (i, s) in segments.kept(removed) {
        if source_line.is_some_and(|l| l != s.line) {
            line += 1;
        }
        source_line = Some(s.line);
        let key = s.norm.as_str();
        let seen_near = last_seen
            .get(key)
            .is_some_and(|&first| near.is_some_and(|n| line - first <= n));
        if seen_near && key.chars().any(|c| is_word(c) && c != '_') {
            repeats.push(i);
            continue;
        }
        last_seen.insert(key, line);
        if unique_line != Some(line) {
            lines.open();
            unique_line = Some(line);
        }
        lines.push(i);
    }
    (repeats, lines)
}

const SHINGLE: usize = 4;

/// Pull quotes as Python receives them: `(line, holders)` for each distinct line held inside
/// longer ones, and `(line, token count, segments)` for each distinct line held or holding.
pub type Found = (Vec<(usize, Vec<usize>)>, Vec<(usize, usize, Vec<usize>)>);

/// The distinct lines among a document's, and which hold which.
pub struct PullQuotes {
    /// For each line, the number of its distinct token list (numbered in order of first
    /// appearance), or None for a line not read.
    pub distinct_of: Vec<Option<usize>>,
    /// Each distinct line's number of tokens.
    pub lengths: Vec<usize>,
    /// `(i, holders)`: the distinct lines that hold distinct line `i` inside them, for
    /// each line held by any, in the order they were found.
    pub holders: Vec<(usize, Vec<usize>)>,
}

/// No distinct line (the end of a chain in `pull_quotes`).
const NONE: usize = usize::MAX;

/// Pull quotes among lines given as their case-folded word tokens' numbers (`None` for a
/// line too short to be one or to hold one).
pub fn pull_quotes(tokenized: &[Option<Cow<'_, [u32]>>]) -> PullQuotes {
    let mut index: FxHashMap<&[u32], usize> = FxHashMap::default();
    let mut texts: Vec<&[u32]> = Vec::new();
    let distinct_of = tokenized
        .iter()
        .map(|tokens| {
            let tokens = tokens.as_deref()?;
            Some(*index.entry(tokens).or_insert_with(|| {
                texts.push(tokens);
                texts.len() - 1
            }))
        })
        .collect();
    // The distinct lines of each opening, in order: the first and last by opening, and
    // each one's next (a chain, not a list an opening).
    let mut by_opening: FxHashMap<&[u32], (usize, usize)> = FxHashMap::default();
    let mut next = vec![NONE; texts.len()];
    for (i, tokens) in texts.iter().enumerate() {
        if tokens.len() >= SHINGLE {
            let ends = by_opening.entry(&tokens[..SHINGLE]).or_insert((i, i));
            if ends.1 != i {
                next[ends.1] = i;
                ends.1 = i;
            }
        }
    }
    let mut holders: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut slot: FxHashMap<usize, usize> = FxHashMap::default();
    for (j, long) in texts.iter().enumerate() {
        for k in 0..long.len().saturating_sub(SHINGLE - 1) {
            let mut i = by_opening
                .get(&long[k..k + SHINGLE])
                .map_or(NONE, |ends| ends.0);
            while i != NONE {
                let short = texts[i];
                let inside =
                    short.len() < long.len() && long.get(k..k + short.len()) == Some(short);
                if inside {
                    let at = *slot.entry(i).or_insert_with(|| {
                        holders.push((i, Vec::new()));
                        holders.len() - 1
                    });
                    if holders[at].1.last() != Some(&j) {
                        holders[at].1.push(j);
                    }
                }
                i = next[i];
            }
        }
    }
    let lengths = texts.iter().map(|t| t.len()).collect();
    PullQuotes {
        distinct_of,
        lengths,
        holders,
    }
}

impl PullQuotes {
    /// What Python reads of them (`Found`), the lines of the segments of `lines` (those
    /// `pull_quotes` read, each as its segments) given only for the distinct lines involved.
    pub fn found(self, lines: &Rows<usize>) -> Found {
        let mut involved: Vec<usize> = self
            .holders
            .iter()
            .flat_map(|(i, by)| std::iter::once(*i).chain(by.iter().copied()))
            .collect();
        involved.sort_unstable();
        involved.dedup();
        // the segments of each involved distinct line, its lines' in order
        let mut segments: FxHashMap<usize, Vec<usize>> =
            involved.iter().map(|&j| (j, Vec::new())).collect();
        for (n, j) in self.distinct_of.iter().enumerate() {
            if let Some(found) = j.and_then(|j| segments.get_mut(&j)) {
                found.extend(lines.get(n).iter().copied());
            }
        }
        let involved = involved
            .into_iter()
            .map(|j| (j, self.lengths[j], segments.remove(&j).unwrap_or_default()))
            .collect();
        (self.holders, involved)
    }
}
