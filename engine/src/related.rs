//! Related blocks' line tests: a read-more cue, a header opening a block, a teaser line.

use crate::rules::{LineRules, RuleSource};
use crate::table::{test_id, Segment, Segments};
use crate::text::word_count;
use crate::unicode::rstrip;
use rustc_hash::FxHashSet;

/// What a line of a related block is.
#[derive(Clone, Copy, PartialEq)]
pub enum Part {
    Cue = 1,
    Header = 2,
    Teaser = 3,
}

/// The family's rules: cues, headers (whole, long with a closing colon, as a prefix), teasers.
pub struct RelatedRules {
    pub cues: Vec<RuleSource>,
    pub headers: Vec<RuleSource>,
    pub long_header: Vec<RuleSource>,
    pub header_prefix: Vec<RuleSource>,
    pub teasers: Vec<RuleSource>,
}

pub struct RelatedLines {
    /// Its number as a test that keeps its answers for a later pass (`Segments::tested`).
    id: u64,
    cues: LineRules,
    headers: LineRules,
    long_header: LineRules,
    header_prefix: LineRules,
    teasers: LineRules,
    max_cue_chars: usize,
    max_header_chars: usize,
}

impl RelatedLines {
    pub fn new(
        rules: RelatedRules,
        max_cue_chars: usize,
        max_header_chars: usize,
    ) -> Result<Self, String> {
        Ok(RelatedLines {
            id: test_id(),
            cues: LineRules::new(rules.cues)?,
            headers: LineRules::new(rules.headers)?,
            long_header: LineRules::new(rules.long_header)?,
            header_prefix: LineRules::new(rules.header_prefix)?,
            teasers: LineRules::new(rules.teasers)?,
            max_cue_chars,
            max_header_chars,
        })
    }

    /// Whether a segment is a lone read-more link, with or without its arrow; with a closing
    /// colon it is a header instead.
    fn is_cue(&self, s: &Segment) -> bool {
        let (norm, text) = (s.norm.as_str(), s.text.as_str());
        if s.norm_chars > self.max_cue_chars || rstrip(text).ends_with(':') {
            return false;
        }
        let arrow = || text.contains(['»', '›', '→', '>', '…']) || text.contains("...");
        self.cues.first_in(s, 0).is_some() && (norm != "more" || arrow())
    }

    /// Whether a segment opens a related block: a header, a read-more cue or long header with a
    /// closing colon, or a header prefix followed by at most `max_rest_words` words.
    fn is_header(&self, s: &Segment, max_rest_words: usize) -> bool {
        let (norm, text) = (s.norm.as_str(), s.text.as_str());
        if s.norm_chars > self.max_header_chars {
            return false;
        }
        let words = word_count(norm);
        if self.headers.first_in(s, words).is_some() {
            return true;
        }
        if rstrip(text).ends_with(':')
            && (self.cues.first_in(s, words).is_some()
                || self.long_header.first_in(s, words).is_some())
        {
            return true;
        }
        self.header_prefix
            .first_in(s, words)
            .is_some_and(|(_, end)| {
                let rest: String = norm.chars().skip(end).collect();
                word_count(&rest) <= max_rest_words
            })
    }

    /// `(segment index, part)` of each segment of `segments` not in `removed` that is a cue,
    /// else a header, else a teaser line (`Part`, by its number).
    pub fn each(
        &self,
        segments: &Segments,
        removed: &FxHashSet<usize>,
        max_rest_words: usize,
    ) -> Vec<(usize, usize)> {
        let part = |s: &Segment| {
            let part = if self.is_cue(s) {
                Part::Cue
            } else if self.is_header(s, max_rest_words) {
                Part::Header
            } else if self.teasers.first_in(s, s.words).is_some() {
                Part::Teaser
            } else {
                return None;
            };
            Some((part as usize, 0, 0))
        };
        segments
            .tested(removed, self.id, Some(max_rest_words), part)
            .into_iter()
            .filter_map(|(i, _, found)| Some((i, found?.0)))
            .collect()
    }
}
