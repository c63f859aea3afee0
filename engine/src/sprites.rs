//! Icon-sprite text: SVG icon titles glued into runs of UI words ("Icon FacebookIcon
//! LinkedinIcon Mail"), split at their glue points and judged by their share of icon words.

use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::FxHashSet;

use crate::pyregex::Pattern;
use crate::unicode::is_decimal;

pub struct IconRuns {
    icon_words: FxHashSet<String>,
    /// Strong markers ("Created with Sketch", "Icon …"), and the words one of which each
    /// holds (all looked for in one pass).
    markers: Pattern,
    marker_words: AhoCorasick,
}

/// How a run's thresholds are set: the fewest tokens, the least share of them naming
/// icons, the fewest glue points a run without strong markers needs.
pub struct Thresholds {
    pub min_tokens: usize,
    pub min_icon_share: f64,
    pub min_glue_points: usize,
}

impl From<(usize, f64, usize)> for Thresholds {
    /// From `(min_tokens, min_icon_share, min_glue_points)`.
    fn from((min_tokens, min_icon_share, min_glue_points): (usize, f64, usize)) -> Self {
        Thresholds {
            min_tokens,
            min_icon_share,
            min_glue_points,
        }
    }
}

impl IconRuns {
    pub fn new(
        icon_words: Vec<String>,
        markers: &str,
        marker_words: Vec<String>,
    ) -> Result<Self, String> {
        Ok(IconRuns {
            icon_words: icon_words.into_iter().collect(),
            markers: Pattern::new(markers, false)?,
            marker_words: AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostFirst) // for is_match: the vectorized prefilter
                .build(marker_words)
                .map_err(|e| e.to_string())?,
        })
    }

    /// Whether `text` reads as a run of icon titles rather than prose.
    pub fn is_run(&self, text: &str, at: &Thresholds) -> bool {
        if glue_points(text) < at.min_glue_points && !self.has_strong_markers(text) {
            return false;
        }
        let tokens = split_glued(text);
        if tokens.is_empty() || tokens.len() < at.min_tokens {
            return false;
        }
        let mut lower = String::new(); // each token lower-cased in turn, in one buffer
        let icons = tokens
            .iter()
            .filter(|t| {
                lower.clear();
                lower.push_str(t);
                lower.make_ascii_lowercase();
                self.icon_words.contains(lower.as_str())
            })
            .count();
        icons as f64 / tokens.len() as f64 >= at.min_icon_share
    }

    /// Two or more strong markers.
    fn has_strong_markers(&self, text: &str) -> bool {
        self.marker_words.is_match(text) && self.markers.find_all(text).len() >= 2
    }
}

/// Each byte's kind as glue points read it: a lower-case ASCII letter, a capital, an ASCII
/// digit, anything else (every byte of a character past ASCII is `OTHER`, as the character is).
const OTHER: u8 = 0;
const LOWER: u8 = 1;
const UPPER: u8 = 2;
const DIGIT: u8 = 3;
const KINDS: [u8; 256] = {
    let mut kinds = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        kinds[b] = match b as u8 {
            b'a'..=b'z' => LOWER,
            b'A'..=b'Z' => UPPER,
            b'0'..=b'9' => DIGIT,
            _ => OTHER,
        };
        b += 1;
    }
    kinds
};

/// Whether a byte of one kind (row) then one of another (column) is a glue point.
const GLUED: [[bool; 4]; 4] = {
    let mut glued = [[false; 4]; 4];
    glued[LOWER as usize][UPPER as usize] = true;
    glued[LOWER as usize][DIGIT as usize] = true;
    glued[UPPER as usize][DIGIT as usize] = true;
    glued
};

/// The places a run is glued at: a lower-case letter then a capital, or a letter then a
/// digit (ASCII), read byte by byte.
pub fn glue_points(text: &str) -> usize {
    let mut previous = OTHER;
    let mut count = 0;
    for &b in text.as_bytes() {
        let kind = KINDS[b as usize];
        count += usize::from(GLUED[previous as usize][kind as usize]);
        previous = kind;
    }
    count
}

/// The tokens of a run: runs of ASCII letters and of decimal digits, a run of letters cut
/// before a capital that follows a lower-case letter ("ChevronIcon" is two).
pub fn split_glued(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut start: Option<usize> = None;
    let mut previous = ' ';
    for (at, c) in text.char_indices() {
        let letter = c.is_ascii_alphabetic();
        let same_run = start.is_some()
            && ((letter
                && previous.is_ascii_alphabetic()
                && !(previous.is_ascii_lowercase() && c.is_ascii_uppercase()))
                || (!letter && is_decimal(c) && is_decimal(previous)));
        if !same_run {
            if let Some(s) = start.take() {
                tokens.push(&text[s..at]);
            }
            if letter || is_decimal(c) {
                start = Some(at);
            }
        }
        previous = c;
    }
    if let Some(s) = start {
        tokens.push(&text[s..]);
    }
    tokens
}
