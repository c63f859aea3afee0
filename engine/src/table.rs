//! A pass's segments as the families' line tests read them, held by the engine once per
//! pass: each one's text, normalized text, word count and line number. A family's test
//! runs over all of them in one call and hands back only the segments it finds.

use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::segment::{for_each_span, ByteCursor};
use crate::text::{normalize, word_count};

pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub text: String,
    pub norm: String,
    pub words: usize,
}

pub struct Segments(pub Vec<Segment>);

impl Segments {
    /// Each segment of `source` (`segment::text_spans`), with what every filter reads of it.
    /// A segment whose text is one of `known`'s (the segments of the text a later pass
    /// cleans further) takes its normalized text and word count from there.
    pub fn of_text(source: &str, split_glued: bool, known: Option<&Segments>) -> Self {
        let read: FxHashMap<&str, &Segment> = known
            .map(|k| k.0.iter().map(|s| (s.text.as_str(), s)).collect())
            .unwrap_or_default();
        let mut segments = Vec::new();
        for_each_span(source, split_glued, |start, end, line, text| {
            let (norm, words) = match read.get(text) {
                Some(seen) => (seen.norm.clone(), seen.words),
                None => (normalize(text), word_count(text)),
            };
            segments.push(Segment {
                start,
                end,
                line,
                text: text.to_string(),
                norm,
                words,
            })
        });
        Segments(segments)
    }

    /// The segments not in `removed` (by index), with their indices, in order.
    pub fn kept<'a>(
        &'a self,
        removed: &'a FxHashSet<usize>,
    ) -> impl Iterator<Item = (usize, &'a Segment)> + 'a {
        self.0
            .iter()
            .enumerate()
            .filter(move |(i, _)| !removed.contains(i))
    }

    /// The numbers of the lines split into several segments (a glued line's sentences).
    pub fn glued_lines(&self) -> FxHashSet<usize> {
        self.0
            .windows(2)
            .filter(|pair| pair[0].line == pair[1].line)
            .map(|pair| pair[1].line)
            .collect()
    }

    /// The segments grouped by the line they lie on (a glued line's sentences together),
    /// each group as its range of indices.
    pub fn line_groups(&self) -> Vec<Range<usize>> {
        let mut groups: Vec<Range<usize>> = Vec::new();
        for (i, s) in self.0.iter().enumerate() {
            match groups.last_mut() {
                Some(group) if self.0[group.start].line == s.line => group.end = i + 1,
                _ => groups.push(i..i + 1),
            }
        }
        groups
    }

    /// The text of each line of `groups`: a segment's own, a glued line's cut from `source`
    /// (which the segments were cut from; offsets in code points) from its first sentence's
    /// start to its last one's end.
    pub fn line_texts<'a>(&'a self, groups: &[Range<usize>], source: &'a str) -> Vec<&'a str> {
        let mut bytes = ByteCursor::new(source);
        groups
            .iter()
            .map(|group| {
                let (first, last) = (&self.0[group.start], &self.0[group.end - 1]);
                if group.len() == 1 {
                    return first.text.as_str();
                }
                let start = bytes.byte_of(first.start);
                &source[start..bytes.byte_of(last.end)]
            })
            .collect()
    }
}
