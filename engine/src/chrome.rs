//! Chrome's line tests: a line of interface text (a bulleted contributor line, one of the
//! family's rules, a bar of share buttons), a paragraph whose every sentence is one, and a
//! prompt opening a glued line.

use crate::pyregex::Pattern;
use crate::rules::{LineRules, RuleSource, ShareBar};
use crate::segment::sentence_bounds;
use crate::table::{test_id, Segment, Segments};
use crate::text::{normalize, word_count};
use crate::unicode::is_space;
use rustc_hash::FxHashSet;

/// What fired on a line: `test` numbers the tests in order (0 the bulleted contributor
/// line, then the family's rules, then the share bar), `end` is where its match ends in
/// the line's normalized text.
pub type Found = (usize, usize);

/// How a segment was found: as a line, as a paragraph of notices, as a glued line's prompt.
#[derive(Clone, Copy)]
pub enum How {
    Line = 0,
    NoticeParagraph = 1,
    GluedPrompt = 2,
}

pub struct ChromeLines {
    /// Its number as a test that keeps its answers for a later pass (`Segments::tested`).
    id: u64,
    bulleted: Pattern,
    rules: LineRules,
    share_bar: ShareBar,
    max_paragraph_words: usize,
}

impl ChromeLines {
    pub fn new(
        bulleted: &str,
        rules: Vec<RuleSource>,
        share_bar: ShareBar,
        max_paragraph_words: usize,
    ) -> Result<Self, String> {
        Ok(ChromeLines {
            id: test_id(),
            bulleted: Pattern::new(bulleted, false)?,
            rules: LineRules::new(rules)?,
            share_bar,
            max_paragraph_words,
        })
    }

    /// The number of tests `Found` numbers.
    pub fn tests(&self) -> usize {
        self.rules.count() + 2
    }

    /// The test a line (`text`, normalized `norm`, of `words` words) of at most
    /// `max_words` words fires, and where.
    pub fn classify(
        &self,
        text: &str,
        norm: &str,
        words: usize,
        max_words: Option<usize>,
    ) -> Option<Found> {
        self.classify_by(text, norm, words, max_words, || {
            self.rules.first(norm, words)
        })
    }

    /// `classify` on a segment.
    fn classify_segment(&self, s: &Segment, max_words: Option<usize>) -> Option<Found> {
        self.classify_by(&s.text, &s.norm, s.words, max_words, || {
            self.rules.first_in(s, s.words)
        })
    }

    /// `classify`, where `first_rule` gives the rules' `first` on the line.
    fn classify_by(
        &self,
        text: &str,
        norm: &str,
        words: usize,
        max_words: Option<usize>,
        first_rule: impl FnOnce() -> Option<(usize, usize)>,
    ) -> Option<Found> {
        if norm.is_empty() || max_words.is_some_and(|m| words > m) {
            return None;
        }
        let whole = || norm.chars().count();
        if self.bulleted.is_match(text) {
            return Some((0, whole()));
        }
        if let Some((rule, end)) = first_rule() {
            return Some((1 + rule, end));
        }
        self.share_bar
            .matches(norm)
            .then(|| (self.rules.count() + 1, whole()))
    }

    fn classify_text(&self, text: &str, max_words: Option<usize>) -> Option<Found> {
        let words = word_count(text);
        if max_words.is_some_and(|m| words > m) {
            return None; // too long for any test: not normalized
        }
        self.classify(text, &normalize(text), words, max_words)
    }

    /// A paragraph too long for one prompt whose every sentence is chrome ("This copy is
    /// for your personal, non-commercial use only. Distribution … is governed by …"): its
    /// first sentence's test, ending where the paragraph's normalized text does.
    pub fn notice_paragraph(
        &self,
        text: &str,
        words: usize,
        max_words: Option<usize>,
    ) -> Option<Found> {
        let most = max_words?;
        if !(most < words && words <= self.max_paragraph_words) {
            return None;
        }
        self.classify_text(first_sentence(text), max_words)?; // spares prose the full split
        let chars: Vec<char> = text.chars().collect();
        let mut first = None;
        for (a, b) in sentence_bounds(&chars) {
            let sentence: String = chars[a..b].iter().collect();
            let found = self.classify_text(&sentence, max_words)?;
            first.get_or_insert(found);
        }
        first.map(|(test, _)| (test, normalize(text).chars().count()))
    }

    /// A prompt opening a line of more than `max_words` words, read from its first
    /// `max_words` words ("Sign up for our newsletter She discovered … ."); the caller
    /// checks that an article sentence's start follows it.
    pub fn glued_prompt(
        &self,
        text: &str,
        words: usize,
        max_words: Option<usize>,
    ) -> Option<Found> {
        let most = max_words?;
        if words <= most {
            return None;
        }
        let head: Vec<&str> = text
            .split(is_space)
            .filter(|w| !w.is_empty())
            .take(most)
            .collect();
        let head = head.join(" ");
        self.classify(&head, &normalize(&head), most, max_words)
    }

    /// `(segment index, test, end, how)` of each segment of `segments` not in `removed`
    /// that is chrome: as a line, else as a paragraph of notices, else (on a glued line) as
    /// the prompt opening it.
    pub fn each(
        &self,
        segments: &Segments,
        removed: &FxHashSet<usize>,
        max_words: Option<usize>,
    ) -> Vec<(usize, usize, usize, usize)> {
        let glued = segments.glued_lines();
        // a line or a paragraph of notices: found in the segment's text alone
        let alone = |s: &Segment| {
            let with = |how: How| move |(test, end): Found| (test, end, how as usize);
            self.classify_segment(s, max_words)
                .map(with(How::Line))
                .or_else(|| {
                    self.notice_paragraph(&s.text, s.words, max_words)
                        .map(with(How::NoticeParagraph))
                })
        };
        segments
            .tested(removed, self.id, max_words, alone)
            .into_iter()
            .filter_map(|(i, s, found)| {
                let (test, end, how) = match found {
                    Some(found) => found,
                    None if glued.contains(&s.line) => {
                        let (test, end) = self.glued_prompt(&s.text, s.words, max_words)?;
                        (test, end, How::GluedPrompt as usize)
                    }
                    None => return None,
                };
                Some((i, test, end, how))
            })
            .collect()
    }
}

/// `text` up to its first full stop, ! ? or … before a space or the end; all of it if none.
fn first_sentence(text: &str) -> &str {
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let before_space = chars.peek().is_none_or(|&(_, next)| is_space(next));
        if matches!(c, '.' | '!' | '?' | '…') && before_space {
            return &text[..at + c.len_utf8()];
        }
    }
    text
}
