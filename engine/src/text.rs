//! Words as the package counts them: runs of word characters, each Chinese or Japanese
//! character a word of its own (those scripts are written without spaces); and what a prose
//! line is, the one definition the line model, the safety net and HTML mode's split bodies
//! share (purity weighs kept lines by its sentence ends); and the vocabulary that numbers a
//! text's case-folded words, which a pass's table, the line model and pull quotes read.

use crate::rows::Rows;
use crate::unicode::{
    casefold, casefold_into, folds_past_ascii, is_ascii_word_byte, is_folded, is_space, is_word,
    nfkc, rstrip,
};
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::borrow::Cow;
use std::hash::BuildHasher;

/// The fewest words of a prose line.
pub const PROSE_WORDS: usize = 10;
const SENTENCE_END: [char; 14] = [
    '.', '!', '?', '"', '”', '’', '»', ':', ';', ')', '。', '！', '？', '」',
];

/// Hiragana, katakana, CJK extension A, unified ideographs, compatibility ideographs.
fn is_cjk(c: char) -> bool {
    c >= '\u{3040}' // most text is below, and is read with one test
        && matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// The word tokens of `text`, in order.
pub fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    each_word(text, |word| out.push(word));
    out
}

/// Each word token of `text`, in order, handed to `found` (`words` without their list).
pub fn each_word<'a>(text: &'a str, mut found: impl FnMut(&'a str)) {
    if text.is_ascii() {
        // no Chinese or Japanese, and a byte is a character
        let mut start: Option<usize> = None;
        for (at, &b) in text.as_bytes().iter().enumerate() {
            match (is_ascii_word_byte(b), start) {
                (true, None) => start = Some(at),
                (false, Some(s)) => {
                    found(&text[s..at]);
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            found(&text[s..]);
        }
        return;
    }
    let mut start: Option<usize> = None;
    for (at, c) in text.char_indices() {
        let cjk = is_cjk(c);
        if cjk || !is_word(c) {
            if let Some(s) = start.take() {
                found(&text[s..at]);
            }
            if cjk {
                found(&text[at..at + c.len_utf8()]);
            }
        } else if start.is_none() {
            start = Some(at);
        }
    }
    if let Some(s) = start {
        found(&text[s..]);
    }
}

const BYTES_A_DISTINCT_WORD: usize = 32;
const NO_WORD: u32 = u32::MAX;

/// Case-folded words (`str.casefold()`), each numbered once, in order of first appearance:
/// words compare and hash as numbers. The words are held end to end in one string, found by
/// their hash (words of one hash chained by number).
#[derive(Clone)]
pub struct Vocabulary {
    first_of_hash: FxHashMap<u64, u32>,
    next_of_hash: Vec<u32>, // each number's next number of the same hash, or NO_WORD
    held: String,           // every word, end to end
    ends: Vec<usize>,       // where each number's word ends in `held`
    folded: String,         // a word folded here is looked up without a copy of its own
}

impl Vocabulary {
    /// An empty vocabulary with room for the words of a text of `bytes` bytes, as many
    /// distinct words as a page's text holds (a few a hundred bytes), without growing.
    pub fn for_text(bytes: usize) -> Self {
        let room = bytes / BYTES_A_DISTINCT_WORD;
        Vocabulary {
            first_of_hash: FxHashMap::with_capacity_and_hasher(room, Default::default()),
            next_of_hash: Vec::with_capacity(room),
            held: String::with_capacity(bytes / 4),
            ends: Vec::with_capacity(room),
            folded: String::new(),
        }
    }

    /// The number of `word` case-folded, numbered here where it is new.
    pub fn number(&mut self, word: &str) -> u32 {
        let folded = if is_folded(word) {
            word
        } else {
            self.folded.clear();
            casefold_into(word, &mut self.folded);
            self.folded.as_str()
        };
        let hash = FxBuildHasher.hash_one(folded);
        let first = self.first_of_hash.get(&hash).copied().unwrap_or(NO_WORD);
        let mut id = first;
        while id != NO_WORD {
            if self.word(id) == folded {
                return id;
            }
            id = self.next_of_hash[id as usize];
        }
        let id = self.ends.len() as u32;
        self.held.push_str(folded);
        self.ends.push(self.held.len());
        self.next_of_hash.push(first);
        self.first_of_hash.insert(hash, id);
        id
    }

    /// The case-folded word numbered `id`.
    pub fn word(&self, id: u32) -> &str {
        let id = id as usize;
        let start = if id == 0 { 0 } else { self.ends[id - 1] };
        &self.held[start..self.ends[id]]
    }

    /// How many distinct words it holds.
    pub fn len(&self) -> usize {
        self.ends.len()
    }
}

/// The word tokens of each of `lines` (`words`), and their numbers in the vocabulary of
/// `lines`' case-folded words, made here.
pub fn tokenize<'a>(lines: &[&'a str]) -> (Tokens<'a>, Vocabulary) {
    let mut vocabulary = Vocabulary::for_text(lines.iter().map(|line| line.len()).sum());
    let mut tokens = Tokens::with_capacity(lines.len(), 0);
    for line in lines {
        tokens.open();
        each_word(line, |word| tokens.push(word, vocabulary.number(word)));
    }
    (tokens, vocabulary)
}

/// Lines' word tokens (`words`), and each token's number in a `Vocabulary` (`ids`), a row
/// a line.
pub struct Tokens<'a> {
    pub words: Rows<&'a str>,
    pub ids: Rows<u32>,
}

impl<'a> Tokens<'a> {
    /// No lines, with room for `lines` lines of `tokens` tokens in all.
    pub fn with_capacity(lines: usize, tokens: usize) -> Self {
        Tokens {
            words: Rows::with_capacity(lines, tokens),
            ids: Rows::with_capacity(lines, tokens),
        }
    }

    /// Opens a new, empty last line.
    pub fn open(&mut self) {
        self.words.open();
        self.ids.open();
    }

    /// Adds `word`, numbered `id`, to the last line.
    pub fn push(&mut self, word: &'a str, id: u32) {
        self.words.push(word);
        self.ids.push(id);
    }
}

/// The number of `words` of `text`.
pub fn word_count(text: &str) -> usize {
    if text.is_ascii() {
        // no Chinese or Japanese, and a byte is a character
        let mut count = 0;
        let mut in_word = false;
        for &b in text.as_bytes() {
            let word = is_ascii_word_byte(b);
            count += usize::from(word && !in_word);
            in_word = word;
        }
        return count;
    }
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars() {
        let cjk = is_cjk(c);
        let word = !cjk && is_word(c);
        count += usize::from(cjk || (word && !in_word));
        in_word = word;
    }
    count
}

/// True when `text`, trailing spaces aside, ends like a sentence (or a quote or aside closing one).
pub fn ends_sentence(text: &str) -> bool {
    rstrip(text).ends_with(SENTENCE_END)
}

/// A prose line: `PROSE_WORDS` words or more (`n_words`, counted by `word_count`), ending
/// like a sentence.
pub fn is_prose(text: &str, n_words: usize) -> bool {
    n_words >= PROSE_WORDS && ends_sentence(text)
}

/// Punctuation and spaces that `normalize` trims from both ends of a line.
const EDGE_PUNCTUATION: &str = " \t\u{a0}\u{200b}:;,.!?|·•*-–—»«›‹>]<[()\"'“”‘’→↗➔▶►";

/// A line as rules compare it: NFKC, case-folded, single-spaced, edge punctuation trimmed.
pub fn normalize(text: &str) -> String {
    let composed = nfkc(text);
    // ASCII case-folds to its lower case, done below as each word is copied: a line whose
    // other characters fold to themselves is not folded first.
    let folded = if composed.is_ascii() || !folds_past_ascii(&composed) {
        Cow::Borrowed(composed.as_ref())
    } else {
        casefold(&composed)
    };
    let mut out = String::with_capacity(folded.len());
    for word in folded.split(is_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        let at = out.len();
        out.push_str(word);
        out[at..].make_ascii_lowercase();
    }
    let edge = |c| EDGE_PUNCTUATION.contains(c);
    out.truncate(out.trim_end_matches(edge).len()); // trimmed in place: a line may be huge
    let start = out.len() - out.trim_start_matches(edge).len();
    out.drain(..start);
    out
}
