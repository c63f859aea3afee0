//! A pass's segments as the families' line tests read them, held by the engine once per
//! pass: each one's text, normalized text, word count, line number and word tokens (each
//! numbered in the pass's vocabulary of case-folded words, which the line model and pull
//! quotes share). A family's test runs over all of them in one call and hands back only
//! the segments it finds.

use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::pyregex::PlainView;
use crate::segment::{for_each_span, ByteCursor};
use crate::text::{normalize, word_count, words, Vocabulary};

#[derive(Clone)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub text: String,
    pub norm: String,
    /// Its normalized text's length in code points.
    pub norm_chars: usize,
    pub words: usize,
    /// Where each of its word tokens lies in `text` (bytes), and its number.
    pub tokens: Vec<Range<usize>>,
    pub ids: Vec<u32>,
    /// Its normalized text's plain view, made when a line test first reads it.
    plain: OnceLock<PlainView>,
    /// The results of the first line tests that keep one on it (`tested`).
    kept: [OnceLock<KeptResult>; KEPT_TESTS],
}

/// The most line tests whose results a segment keeps: the families that keep theirs
/// (chrome, related blocks, caption credits).
const KEPT_TESTS: usize = 3;

/// A line test's result on a segment as kept for a later pass: the test (`test_id`), the
/// limit it ran under, what it found (three numbers of the test's own).
type KeptResult = (u64, Option<usize>, Option<(usize, usize, usize)>);

/// A number no other line test has, for one that keeps its results (`Segment::tested`).
pub fn test_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl Segment {
    /// A segment of `text` at `start..end` on line `line`, read here: its normalized text,
    /// its words (counted as `word_count` counts them: its tokens), its tokens numbered in
    /// `vocabulary`.
    pub fn read(at: (usize, usize, usize), text: String, vocabulary: &mut Vocabulary) -> Self {
        let norm = normalize(&text);
        let mut segment = Segment::given(at, text, norm, 0, vocabulary);
        segment.words = segment.tokens.len();
        segment
    }

    /// A segment whose normalized text and word count are given; its tokens numbered in
    /// `vocabulary`.
    pub fn given(
        (start, end, line): (usize, usize, usize),
        text: String,
        norm: String,
        words: usize,
        vocabulary: &mut Vocabulary,
    ) -> Self {
        let (tokens, ids) = tokens_of(&text, vocabulary);
        Segment {
            start,
            end,
            line,
            text,
            norm_chars: norm.chars().count(),
            norm,
            words,
            tokens,
            ids,
            plain: OnceLock::new(),
            kept: Default::default(),
        }
    }

    /// Its normalized text as an alphabet naming nothing past ASCII views it.
    pub fn plain_view(&self) -> &PlainView {
        self.plain.get_or_init(|| PlainView::of(&self.norm))
    }

    /// What the line test `test` finds on it under `limit`: `find`'s answer, or the one
    /// kept from an earlier pass that read the same text. A pass cleans its text further
    /// and reads most of its segments again (`Segments::of_text`); the first `KEPT_TESTS`
    /// tests to read a segment keep their answers on it (tests of one segment's text alone,
    /// whose answers nothing else changes).
    pub fn tested(
        &self,
        test: u64,
        limit: Option<usize>,
        find: impl FnOnce() -> Option<(usize, usize, usize)>,
    ) -> Option<(usize, usize, usize)> {
        for slot in &self.kept {
            match slot.get() {
                Some(&(by, kept_limit, found)) if (by, kept_limit) == (test, limit) => {
                    return found
                }
                Some(_) => continue,
                None => {
                    let found = find();
                    let _ = slot.set((test, limit, found)); // a test racing here found the same
                    return found;
                }
            }
        }
        find()
    }

    /// Its word tokens.
    pub fn token_texts(&self) -> impl Iterator<Item = &str> {
        self.tokens.iter().map(|at| &self.text[at.clone()])
    }
}

/// Where each word token of `text` lies in it (bytes), and its number in `vocabulary`.
pub fn tokens_of(text: &str, vocabulary: &mut Vocabulary) -> (Vec<Range<usize>>, Vec<u32>) {
    words(text)
        .into_iter()
        .map(|word| {
            // a token is a slice of `text`: where it lies is where it points
            let at = word.as_ptr() as usize - text.as_ptr() as usize;
            (at..at + word.len(), vocabulary.number(word))
        })
        .unzip()
}

pub struct Segments {
    pub list: Vec<Segment>,
    pub vocabulary: Vocabulary,
}

impl Segments {
    /// Each segment of `source` (`segment::text_spans`), with what every filter reads of it.
    /// A segment whose text is one of `known`'s (the segments of the text a later pass
    /// cleans further) takes all of that from there, its tokens numbered in the same
    /// vocabulary (`known`'s, which this one starts from).
    pub fn of_text(source: &str, split_glued: bool, known: Option<&Segments>) -> Self {
        let read: FxHashMap<&str, &Segment> = known
            .map(|k| k.list.iter().map(|s| (s.text.as_str(), s)).collect())
            .unwrap_or_default();
        let mut vocabulary = known.map_or_else(
            || Vocabulary::for_text(source.len()),
            |k| k.vocabulary.clone(),
        );
        let mut list = Vec::new();
        for_each_span(source, split_glued, |start, end, line, text| {
            list.push(match read.get(text) {
                Some(&seen) => Segment {
                    start,
                    end,
                    line,
                    ..seen.clone()
                },
                None => Segment::read((start, end, line), text.to_string(), &mut vocabulary),
            })
        });
        Segments { list, vocabulary }
    }

    /// The segments not in `removed` (by index), with their indices, in order.
    pub fn kept<'a>(
        &'a self,
        removed: &'a FxHashSet<usize>,
    ) -> impl Iterator<Item = (usize, &'a Segment)> + 'a {
        self.list
            .iter()
            .enumerate()
            .filter(move |(i, _)| !removed.contains(i))
    }

    /// Where segment `i`'s tail ends (its line break and the blank lines after it): where the
    /// next one starts, or the end of its source, `length` code points long.
    pub fn tail(&self, i: usize, length: usize) -> usize {
        self.list.get(i + 1).map_or(length, |next| next.start)
    }

    /// The numbers of the lines split into several segments (a glued line's sentences).
    pub fn glued_lines(&self) -> FxHashSet<usize> {
        self.list
            .windows(2)
            .filter(|pair| pair[0].line == pair[1].line)
            .map(|pair| pair[1].line)
            .collect()
    }

    /// The segments grouped by the line they lie on (a glued line's sentences together),
    /// each group as its range of indices.
    pub fn line_groups(&self) -> Vec<Range<usize>> {
        let mut groups: Vec<Range<usize>> = Vec::new();
        for (i, s) in self.list.iter().enumerate() {
            match groups.last_mut() {
                Some(group) if self.list[group.start].line == s.line => group.end = i + 1,
                _ => groups.push(i..i + 1),
            }
        }
        groups
    }

    /// The word count of each line of `groups`, whose texts are `texts` (`line_texts`): a
    /// segment's own, a glued line's counted whole.
    pub fn line_words(&self, groups: &[Range<usize>], texts: &[&str]) -> Vec<usize> {
        groups
            .iter()
            .zip(texts)
            .map(|(g, t)| match g.len() {
                1 => self.list[g.start].words,
                _ => word_count(t),
            })
            .collect()
    }

    /// The text of each line of `groups`: a segment's own, a glued line's cut from `source`
    /// (which the segments were cut from; offsets in code points) from its first sentence's
    /// start to its last one's end.
    pub fn line_texts<'a>(&'a self, groups: &[Range<usize>], source: &'a str) -> Vec<&'a str> {
        let mut bytes = ByteCursor::new(source);
        groups
            .iter()
            .map(|group| {
                let (first, last) = (&self.list[group.start], &self.list[group.end - 1]);
                if group.len() == 1 {
                    return first.text.as_str();
                }
                let start = bytes.byte_of(first.start);
                &source[start..bytes.byte_of(last.end)]
            })
            .collect()
    }
}
