//! A pass's segments as the families' line tests read them, held by the engine once per
//! pass: each one's text, normalized text, word count, line number and word tokens (each
//! numbered in the pass's vocabulary of case-folded words, which the line model and pull
//! quotes share). A family's test runs over all of them in one call and hands back only
//! the segments it finds; a test of a segment's text alone keeps its answers on the table,
//! for the pass after, which reads most of the same lines again (`Segments::tested`).

use std::ops::{Deref, Range};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::pyregex::PlainView;
use crate::segment::{for_each_span, ByteCursor};
use crate::text::{each_word, normalize, word_count, Vocabulary};

/// A segment of a pass's text: where it lies, and what is read of its text (`Reading`),
/// which a later pass's segment of the same text shares rather than copies.
#[derive(Clone)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    read: Arc<Reading>,
}

/// What the families read of a segment's text.
pub struct Reading {
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
}

impl Deref for Segment {
    type Target = Reading;

    fn deref(&self) -> &Reading {
        &self.read
    }
}

/// What a line test found on a segment: three numbers of the test's own, or None.
pub type Answer = Option<(usize, usize, usize)>;

/// The answers of the line tests that keep theirs (`Segments::tested`), by test and limit:
/// each segment's, where the test read it.
type Answers = FxHashMap<(u64, Option<usize>), Vec<Option<Answer>>>;

/// A number no other line test has, for one that keeps its answers (`Segments::tested`).
pub fn test_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Bytes a word takes in an English line, its space with it: about six (room for a line's
/// tokens is made by them where their count is not known).
const BYTES_A_WORD: usize = 6;

impl Segment {
    /// A segment of `text` at `start..end` on line `line`, read here: its normalized text,
    /// its words (counted as `word_count` counts them: its tokens), its tokens numbered in
    /// `vocabulary`.
    pub fn read(at: (usize, usize, usize), text: String, vocabulary: &mut Vocabulary) -> Self {
        let norm = normalize(&text);
        Segment::given(at, text, norm, None, vocabulary)
    }

    /// A segment whose normalized text is given, and its word count where known (else
    /// counted: its tokens); its tokens numbered in `vocabulary`.
    pub fn given(
        (start, end, line): (usize, usize, usize),
        text: String,
        norm: String,
        words: Option<usize>,
        vocabulary: &mut Vocabulary,
    ) -> Self {
        let room = words.unwrap_or(text.len() / BYTES_A_WORD + 1);
        let (tokens, ids) = tokens_of(&text, room, vocabulary);
        let read = Reading {
            norm_chars: norm.chars().count(),
            words: words.unwrap_or(tokens.len()),
            text,
            norm,
            tokens,
            ids,
            plain: OnceLock::new(),
        };
        Segment {
            start,
            end,
            line,
            read: Arc::new(read),
        }
    }
}

impl Reading {
    /// Its normalized text as an alphabet naming nothing past ASCII views it.
    pub fn plain_view(&self) -> &PlainView {
        self.plain.get_or_init(|| PlainView::of(&self.norm))
    }

    /// Its word tokens.
    pub fn token_texts(&self) -> impl Iterator<Item = &str> {
        self.tokens.iter().map(|at| &self.text[at.clone()])
    }
}

/// Where each word token of `text` lies in it (bytes), and its number in `vocabulary`, in
/// lists made with room for `room` tokens.
pub fn tokens_of(
    text: &str,
    room: usize,
    vocabulary: &mut Vocabulary,
) -> (Vec<Range<usize>>, Vec<u32>) {
    let (mut places, mut ids) = (Vec::with_capacity(room), Vec::with_capacity(room));
    each_word(text, |word| {
        // a token is a slice of `text`: where it lies is where it points
        let at = word.as_ptr() as usize - text.as_ptr() as usize;
        places.push(at..at + word.len());
        ids.push(vocabulary.number(word));
    });
    (places, ids)
}

pub struct Segments {
    pub list: Vec<Segment>,
    pub vocabulary: Vocabulary,
    /// What the tests that keep their answers found here (`tested`).
    answers: Arc<Mutex<Answers>>,
    /// The segments of the text this one cleans further (`of_text`'s `known`).
    earlier: Option<Earlier>,
}

/// Segments a later pass read again: what the tests found on them, and which of them each
/// of the later pass's segments was read from.
pub struct Earlier {
    answers: Arc<Mutex<Answers>>,
    read_from: Vec<Option<usize>>,
}

impl Segments {
    /// Each segment of `source` (`segment::text_spans`), with what every filter reads of it.
    /// A segment whose text is one of `known`'s (the segments of the text a later pass
    /// cleans further) takes all of that from there, its tokens numbered in the same
    /// vocabulary (`known`'s, which this one starts from).
    pub fn of_text(source: &str, split_glued: bool, known: Option<&Segments>) -> Self {
        let read: FxHashMap<&str, usize> = known
            .map(|k| {
                k.list
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (s.text.as_str(), i))
                    .collect()
            })
            .unwrap_or_default();
        let mut read_from = Vec::new();
        let mut vocabulary = known.map_or_else(
            || Vocabulary::for_text(source.len()),
            |k| k.vocabulary.clone(),
        );
        let mut list = Vec::new();
        for_each_span(source, split_glued, |start, end, line, text| {
            let seen = read.get(text).copied();
            read_from.push(seen);
            list.push(match (seen, known) {
                (Some(i), Some(known)) => Segment {
                    start,
                    end,
                    line,
                    read: Arc::clone(&known.list[i].read),
                },
                _ => Segment::read((start, end, line), text.to_string(), &mut vocabulary),
            })
        });
        let earlier = known.map(|k| Earlier {
            answers: Arc::clone(&k.answers),
            read_from,
        });
        Segments::new(list, vocabulary, earlier)
    }

    /// `list`, its tokens numbered in `vocabulary`, read again from `earlier`'s segments
    /// where given.
    pub fn new(list: Vec<Segment>, vocabulary: Vocabulary, earlier: Option<Earlier>) -> Self {
        Segments {
            list,
            vocabulary,
            answers: Arc::default(),
            earlier,
        }
    }

    /// The segments not in `removed`, with their indices and what the line test `test`
    /// finds on each under `limit`: `find`'s answer, or the one it gave on the same text
    /// in the table these segments were read from. A pass cleans its text further and reads
    /// most of its segments again (`of_text`); a test of a segment's text alone, whose
    /// answer nothing else changes, reads its earlier answers back.
    pub fn tested<'a>(
        &'a self,
        removed: &'a FxHashSet<usize>,
        test: u64,
        limit: Option<usize>,
        find: impl Fn(&Segment) -> Answer,
    ) -> Vec<(usize, &'a Segment, Answer)> {
        let key = (test, limit);
        // the earlier table's answers, read in place (its lock is not this table's)
        let earlier = self.earlier.as_ref().map(|earlier| {
            let answers = earlier.answers.lock().unwrap_or_else(|e| e.into_inner());
            (answers, &earlier.read_from)
        });
        let mut found: Vec<Option<Answer>> = vec![None; self.list.len()];
        let tested = self
            .kept(removed)
            .map(|(i, s)| {
                let before = earlier.as_ref().and_then(|(answers, read_from)| {
                    let answers = answers.get(&key)?;
                    read_from[i].and_then(|k| answers[k])
                });
                let answer = before.unwrap_or_else(|| find(s));
                found[i] = Some(answer);
                (i, s, answer)
            })
            .collect();
        let mut answers = self.answers.lock().unwrap_or_else(|e| e.into_inner());
        answers.insert(key, found);
        tested
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
