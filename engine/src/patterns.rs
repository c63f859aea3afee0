//! Learned line patterns: the whole of a short line, or the first words of one, in
//! case-folded word tokens (mined across sites by training, shipped in the model file).

use rustc_hash::FxHashMap;

use crate::text::words;
use crate::unicode::{casefold, is_digit};

const MAX_LINE_WORDS: usize = 6; // a whole-line pattern: a label, not a sentence
const MAX_PREFIX_LINE_WORDS: usize = 8; // a prefix pattern only applies to lines this short
const PREFIX_LENGTHS: [usize; 3] = [2, 3, 4];
const MAX_PREFIX: usize = PREFIX_LENGTHS[PREFIX_LENGTHS.len() - 1];
const MIN_CHARS: usize = 3;
pub const LINE: &str = "line";
pub const PREFIX: &str = "prefix";

/// The patterns a line can match, as `(kind, tokens)`: the whole line, then its first 2, 3
/// and 4 words. None for a line holding a digit (dates and counts are one crawl's, not
/// boilerplate) or of under `MIN_CHARS` letters.
pub fn line_keys(text: &str) -> Vec<(&'static str, Vec<String>)> {
    let tokens: Vec<String> = words(text)
        .into_iter()
        .map(|w| casefold(w).into_owned())
        .collect();
    if text.chars().any(is_digit)
        || tokens.iter().map(|t| t.chars().count()).sum::<usize>() < MIN_CHARS
    {
        return Vec::new();
    }
    let mut keys = Vec::new();
    if !tokens.is_empty() && tokens.len() <= MAX_LINE_WORDS {
        keys.push((LINE, tokens.clone()));
    }
    if tokens.len() <= MAX_PREFIX_LINE_WORDS {
        for k in PREFIX_LENGTHS.into_iter().filter(|&k| tokens.len() > k) {
            keys.push((PREFIX, tokens[..k].to_vec()));
        }
    }
    keys
}

/// A model's patterns, looked up by a line's `line_keys`: each kind's by its tokens
/// joined with spaces (tokens hold none).
pub struct LearnedPatterns {
    lines: FxHashMap<String, usize>,
    prefixes: FxHashMap<String, usize>,
}

impl LearnedPatterns {
    pub fn new(patterns: Vec<(String, Vec<String>)>) -> Self {
        let (mut lines, mut prefixes) = (FxHashMap::default(), FxHashMap::default());
        for (n, (kind, tokens)) in patterns.into_iter().enumerate() {
            let index = if kind == PREFIX {
                &mut prefixes
            } else {
                &mut lines
            };
            index.entry(tokens.join(" ")).or_insert(n);
        }
        LearnedPatterns { lines, prefixes }
    }

    /// The first pattern, by `line_keys` order, that `text` (of `n_words` words, as
    /// `word_count` counts them) matches; `folded` reads its case-folded word tokens.
    pub fn first<'a>(
        &self,
        text: &str,
        n_words: usize,
        folded: impl ExactSizeIterator<Item = &'a str> + Clone,
    ) -> Option<usize> {
        if n_words > MAX_PREFIX_LINE_WORDS || n_words == 0 || text.chars().any(is_digit) {
            return None;
        }
        let count = folded.len();
        if folded.clone().map(|t| t.chars().count()).sum::<usize>() < MIN_CHARS {
            return None;
        }
        // the tokens looked up joined once: a prefix's key is where its last token ends
        let whole = count <= MAX_LINE_WORDS;
        let read = if whole { count } else { MAX_PREFIX };
        let size = folded.clone().take(read).map(|t| t.len() + 1).sum();
        let (mut joined, mut ends) = (String::with_capacity(size), [0; MAX_LINE_WORDS + 1]);
        for (k, token) in folded.take(read).enumerate() {
            if k > 0 {
                joined.push(' ');
            }
            joined.push_str(token);
            ends[k + 1] = joined.len();
        }
        if whole {
            if let Some(&n) = self.lines.get(joined.as_str()) {
                return Some(n);
            }
        }
        PREFIX_LENGTHS
            .into_iter()
            .filter(|&k| count > k)
            .find_map(|k| self.prefixes.get(&joined[..ends[k]]).copied())
    }
}
