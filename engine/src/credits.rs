//! Caption credits: where a credit starts in a line ("Kim Jong-un. Picture: REUTERS/KCNA"),
//! and which rule found it: a labelled credit, a copyright notice or an agency's name. A
//! credit ends its line, so only the line's last characters are searched.

use crate::pyregex::Pattern;
use crate::unicode::rstrip;

/// The rules, by number (as the family names them in this order).
const LABELLED: usize = 0;
const COPYRIGHT: usize = 1;
const AGENCY: usize = 2;

/// What a sentence ends with before the space that may come before a credit.
const SENTENCE_ENDS: [char; 7] = ['.', '!', '?', '"', '”', '’', ')'];
/// What may stand right before a credit.
const SEPARATORS: [char; 6] = ['-', '–', '—', '|', '/', '('];
/// What a line may end with before an agency's name that is its credit.
const AGENCY_LEADS: [char; 5] = ['.', '-', '–', '—', '|'];

/// The family's searched patterns and how far from a line's end each looks.
pub struct CreditTests<'a> {
    /// A credit label and its colon ("Picture: …").
    pub labelled: &'a Pattern,
    /// A copyright sign or word ("© Reuters").
    pub copyright: &'a Pattern,
    /// An agency's name ending the line ("(AP Photo/…)").
    pub agency_tail: &'a Pattern,
    /// The last characters of a line a labelled credit or a notice is looked for in.
    pub last_chars: usize,
    /// The last characters of a line an agency credit is looked for in.
    pub agency_last_chars: usize,
}

impl CreditTests<'_> {
    /// Where a credit starts in `text` (code points, the spaces before it included) and the
    /// number of the rule that found it: a labelled credit or a notice where the line's end
    /// holds a colon or a copyright sign or word, else an agency credit; each must start the
    /// line or follow a sentence's end or a separator.
    pub fn start(&self, text: &str) -> Option<(usize, usize)> {
        let chars = text.chars().count();
        let window = chars.saturating_sub(self.last_chars);
        let end = &text[byte_at(text, window)..];
        let notice = end.contains('©')
            || holds_ignoring_ascii_case(end, "copyright")
            || holds_ignoring_ascii_case(end, "(c)");
        let searched = [
            (LABELLED, self.labelled, end.contains(':')),
            (COPYRIGHT, self.copyright, notice),
        ];
        for (rule, pattern, possible) in searched {
            let found = possible
                .then(|| pattern.search_from(text, window))
                .flatten();
            if let Some(start) = found.filter(|&at| follows_break(text, at)) {
                return Some((with_spaces_before(text, start), rule));
            }
        }
        let from = chars.saturating_sub(self.agency_last_chars);
        let start = self.agency_tail.search_from(text, from)?;
        (follows_break(text, start) && is_agency_credit(text, start))
            .then(|| (with_spaces_before(text, start), AGENCY))
    }
}

/// The byte offset of code point `k` of `text` (its length at or past the end).
fn byte_at(text: &str, k: usize) -> usize {
    text.char_indices().nth(k).map_or(text.len(), |(at, _)| at)
}

/// Whether `text` holds `word` with its ASCII letters in either case.
fn holds_ignoring_ascii_case(text: &str, word: &str) -> bool {
    text.as_bytes()
        .windows(word.len())
        .any(|w| w.eq_ignore_ascii_case(word.as_bytes()))
}

/// Whether what comes before code point `start` of `text` is only spaces, or ends with a
/// sentence's end and a space, or with a separator.
fn follows_break(text: &str, start: usize) -> bool {
    let before = &text[..byte_at(text, start)];
    let kept = rstrip(before);
    kept.is_empty()
        || (kept.len() < before.len() && kept.ends_with(SENTENCE_ENDS))
        || kept.ends_with(SEPARATORS)
}

/// Whether an agency's name at code point `start` of `text` is its credit: alone on the
/// line, holding a slash, a bracket or "Photo", or after a stop or a separator.
fn is_agency_credit(text: &str, start: usize) -> bool {
    let (before, credit) = text.split_at(byte_at(text, start));
    let kept = rstrip(before);
    kept.is_empty()
        || credit.contains(['/', '('])
        || credit.contains("Photo")
        || kept.ends_with(AGENCY_LEADS)
}

/// `start` moved left over the spaces before it in `text`.
fn with_spaces_before(text: &str, start: usize) -> usize {
    let before = &text[..byte_at(text, start)];
    start - before[rstrip(before).len()..].chars().count()
}
