//! Caption credits: where a credit starts in a line ("Kim Jong-un. Picture: REUTERS/KCNA"),
//! and which rule found it: a labelled credit, a copyright notice or an agency's name. A
//! credit ends its line, so only the line's last characters are searched.

use crate::pyregex::Pattern;
use crate::segment::ByteCursor;
use crate::unicode::rstrip;
use crate::Needles;

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
    /// What a line's end holds where each rule's credit may be, by rule: a label's colon, a
    /// copyright sign or word, an agency's first word.
    pub needs: [&'a Needles; 3],
    /// The last characters of a line a labelled credit or a notice is looked for in.
    pub last_chars: usize,
    /// The last characters of a line an agency credit is looked for in.
    pub agency_last_chars: usize,
}

impl CreditTests<'_> {
    /// Where a credit starts in `text` (code points, the spaces before it included) and the
    /// number of the rule that found it: a labelled credit or a notice, else an agency
    /// credit, each looked for only where the line's end holds its `needs`; each must start
    /// the line or follow a sentence's end or a separator.
    pub fn start(&self, text: &str) -> Option<(usize, usize)> {
        let chars = text.chars().count();
        let window = chars.saturating_sub(self.last_chars);
        for (rule, pattern) in [(LABELLED, self.labelled), (COPYRIGHT, self.copyright)] {
            let Some(start) = self.needs[rule]
                .held_by(text)
                .then(|| pattern.search_from(text, window))
                .flatten()
            else {
                continue;
            };
            let before = before(text, start);
            if follows_break(before) {
                return Some((with_spaces_before(start, before), rule));
            }
        }
        if !self.needs[AGENCY].held_by(text) {
            return None;
        }
        let start = self
            .agency_tail
            .search_from(text, chars.saturating_sub(self.agency_last_chars))?;
        let before = before(text, start);
        let credit = &text[before.len()..];
        (follows_break(before) && is_agency_credit(before, credit))
            .then(|| (with_spaces_before(start, before), AGENCY))
    }
}

/// What comes before code point `start` of `text`.
fn before(text: &str, start: usize) -> &str {
    &text[..ByteCursor::new(text).byte_of(start)]
}

/// Whether what comes `before` a credit is only spaces, or ends with a sentence's end and a
/// space, or with a separator.
fn follows_break(before: &str) -> bool {
    let kept = rstrip(before);
    kept.is_empty()
        || (kept.len() < before.len() && kept.ends_with(SENTENCE_ENDS))
        || kept.ends_with(SEPARATORS)
}

/// Whether an agency's name that starts `credit`, after `before`, is its line's credit:
/// alone on the line, holding a slash, a bracket or "Photo", or after a stop or a separator.
fn is_agency_credit(before: &str, credit: &str) -> bool {
    let kept = rstrip(before);
    kept.is_empty()
        || credit.contains(['/', '('])
        || credit.contains("Photo")
        || kept.ends_with(AGENCY_LEADS)
}

/// A credit's `start` (code points) moved left over the spaces that end what comes `before` it.
fn with_spaces_before(start: usize, before: &str) -> usize {
    start - before[rstrip(before).len()..].chars().count()
}
