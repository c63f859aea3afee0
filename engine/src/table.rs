//! A pass's segments as the families' line tests read them, held by the engine once per
//! pass: each one's text, normalized text, word count and line number. A family's test
//! runs over all of them in one call and hands back only the segments it finds.

use rustc_hash::FxHashSet;

use crate::segment::for_each_span;
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
    pub fn of_text(source: &str, split_glued: bool) -> Self {
        let mut segments = Vec::new();
        for_each_span(source, split_glued, |start, end, line, text| {
            segments.push(Segment {
                start,
                end,
                line,
                text: text.to_string(),
                norm: normalize(text),
                words: word_count(text),
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
}
