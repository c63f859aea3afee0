//! Words as the package counts them: runs of word characters, each Chinese or Japanese
//! character a word of its own (those scripts are written without spaces); and what a prose
//! line is, the one definition the line model, the safety net and HTML mode's split bodies
//! share (purity weighs kept lines by its sentence ends).

use crate::unicode::{
    casefold, casefold_into, is_ascii_word_byte, is_folded, is_space, is_word, nfkc, rstrip,
};
use rustc_hash::FxHashMap;
use std::borrow::Cow;

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
    if text.is_ascii() {
        // no Chinese or Japanese, and a byte is a character
        let mut start: Option<usize> = None;
        for (at, &b) in text.as_bytes().iter().enumerate() {
            match (is_ascii_word_byte(b), start) {
                (true, None) => start = Some(at),
                (false, Some(s)) => {
                    out.push(&text[s..at]);
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            out.push(&text[s..]);
        }
        return out;
    }
    let mut start: Option<usize> = None;
    for (at, c) in text.char_indices() {
        let cjk = is_cjk(c);
        if cjk || !is_word(c) {
            if let Some(s) = start.take() {
                out.push(&text[s..at]);
            }
            if cjk {
                out.push(&text[at..at + c.len_utf8()]);
            }
        } else if start.is_none() {
            start = Some(at);
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

const BYTES_A_DISTINCT_WORD: usize = 32;

/// A text's distinct case-folded words (`str.casefold()`), each numbered once, in order of
/// first appearance, and how often each occurs: words compare and hash as numbers. A word
/// that folding leaves as it is is held as the text's own slice.
pub struct Vocabulary<'t> {
    number: FxHashMap<Cow<'t, str>, u32>,
    counts: Vec<usize>,
    folded: String, // a word folded here is looked up without a copy of its own
}

impl<'t> Vocabulary<'t> {
    /// An empty vocabulary with room for the words of a text of `bytes` bytes, as many
    /// distinct words as a page's text holds (a few a hundred bytes), without growing.
    pub fn for_text(bytes: usize) -> Self {
        let room = bytes / BYTES_A_DISTINCT_WORD;
        Vocabulary {
            number: FxHashMap::with_capacity_and_hasher(room, Default::default()),
            counts: Vec::with_capacity(room),
            folded: String::new(),
        }
    }

    /// The number of `word` case-folded, numbered here where it is new.
    pub fn number(&mut self, word: &'t str) -> u32 {
        let unchanged = is_folded(word);
        let found = if unchanged {
            self.number.get(word)
        } else {
            self.folded.clear();
            casefold_into(word, &mut self.folded);
            self.number.get(self.folded.as_str())
        };
        let id = match found {
            Some(&id) => id,
            None => {
                let id = self.counts.len() as u32;
                let key = match unchanged {
                    true => Cow::Borrowed(word),
                    false => Cow::Owned(self.folded.clone()),
                };
                self.number.insert(key, id);
                self.counts.push(0);
                id
            }
        };
        self.counts[id as usize] += 1;
        id
    }

    /// How many distinct words it holds.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// How often each word occurs, by number.
    pub fn counts(&self) -> &[usize] {
        &self.counts
    }

    /// Each case-folded word, by number.
    pub fn words(&self) -> Vec<&str> {
        let mut by_number = vec![""; self.counts.len()];
        for (word, &id) in &self.number {
            by_number[id as usize] = word;
        }
        by_number
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
    // ASCII case-folds to its lower case, done below as each character is copied.
    let folded = if composed.is_ascii() {
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
