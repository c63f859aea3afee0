//! Words as the package counts them: runs of word characters, each Chinese or Japanese
//! character a word of its own (those scripts are written without spaces).

use crate::unicode::is_word;

/// Hiragana, katakana, CJK extension A, unified ideographs, compatibility ideographs.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// The word tokens of `text`, in order.
pub fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
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
