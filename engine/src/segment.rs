//! Plain text cut into segments with exact offsets (in code points, as Python counts them):
//! each non-blank line, and each sentence of a line longer than any paragraph
//! (`GLUED_LINE_CHARS`), a whole text glued onto one line.

use crate::unicode::{count_bytes, is_digit, is_letter, is_lower, is_space, is_upper, opens_char};

pub const GLUED_LINE_CHARS: usize = 1000;
const STOPS: [char; 5] = ['.', '!', '?', '…', ':'];
const CLOSERS: [char; 7] = ['"', '\'', '”', '’', '»', ')', ']'];
const QUOTES_BEFORE: [char; 7] = ['"', '\'', '“', '„', '«', '(', '['];
const CJK_STOPS: [char; 3] = ['。', '！', '？'];
// What may stand between a full stop and the next sentence's first letter.
const OPENERS: [char; 11] = ['"', '\'', '“', '„', '«', '‹', '(', '[', '¿', '¡', ' '];
const ABBREVIATION_STOPS: [char; 4] = ['.', '!', '?', '…'];

/// What `str.splitlines` splits on.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\x0b'
            | '\x0c'
            | '\x1c'
            | '\x1d'
            | '\x1e'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// `(start, end, line number)` of each non-blank line of `source`, and of each sentence of
/// a glued line where `split_glued`.
pub fn text_spans(source: &str, split_glued: bool) -> Vec<(usize, usize, usize)> {
    let mut spans = Vec::new();
    for_each_span(source, split_glued, |start, end, line, _| {
        spans.push((start, end, line))
    });
    spans
}

/// Whether a byte may start a line break: an ASCII control character, or the first byte of
/// `\u{85}` (0xC2) or of `\u{2028}` and `\u{2029}` (0xE2).
static MAY_BREAK: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[0xc2] = true;
    table[0xe2] = true;
    table
};

/// Where the first line of `text` ends (a byte offset): at its first line break, else at
/// its end. Only the bytes a line break can start with are read as characters.
fn line_end(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = bytes[from..].iter().position(|&b| MAY_BREAK[b as usize]) {
        let at = from + at;
        if text[at..].chars().next().is_some_and(is_line_break) {
            return at;
        }
        from = at + 1;
    }
    text.len()
}

/// Call `emit(start, end, line number, text)` for each span of `text_spans`, in order,
/// reading `source` a line at a time (only a glued line is copied, as its characters).
pub fn for_each_span<'a>(
    source: &'a str,
    split_glued: bool,
    mut emit: impl FnMut(usize, usize, usize, &'a str),
) {
    let (mut byte, mut char_at, mut number) = (0, 0, 0);
    while byte < source.len() {
        let rest = &source[byte..];
        let body = &rest[..line_end(rest)];
        let body_bytes = body.len();
        let body_chars = body.chars().count();
        let mut next = body_bytes;
        if next < rest.len() {
            next += if rest[next..].starts_with("\r\n") {
                2
            } else {
                rest[next..].chars().next().map_or(1, char::len_utf8)
            };
        }
        let break_chars = rest[body_bytes..next].chars().count();
        if body.chars().any(|c| !is_space(c)) {
            if split_glued && body_chars > GLUED_LINE_CHARS {
                let bounds = if body.is_ascii() {
                    sentence_bounds(body.as_bytes()) // a byte a character: no copy
                } else {
                    sentence_bounds(&body.chars().collect::<Vec<char>>())
                };
                let mut bytes = ByteCursor::new(body);
                for (a, b) in bounds {
                    let (from, to) = (bytes.byte_of(a), bytes.byte_of(b));
                    emit(char_at + a, char_at + b, number, &body[from..to]);
                }
            } else {
                emit(char_at, char_at + body_chars, number, body);
            }
        }
        byte += next;
        char_at += body_chars + break_chars;
        number += 1;
    }
}

/// The last `n` characters of `text` (all of it if shorter): found by counting back the
/// bytes that open a character, a text of at most `n` bytes whole.
pub fn tail(text: &str, n: usize) -> &str {
    if text.len() <= n {
        return text;
    }
    if n == 0 {
        return "";
    }
    let starts = text
        .bytes()
        .enumerate()
        .rev()
        .filter(|&(_, b)| opens_char(b));
    starts
        .map(|(at, _)| at)
        .nth(n - 1)
        .map_or(text, |at| &text[at..])
}

/// Bytes `ByteCursor` counts the characters of at once.
const SKIPPED_BYTES: usize = 64;

/// The byte offsets of code-point offsets into a text, found in one pass where they ascend.
pub struct ByteCursor<'a> {
    text: &'a str,
    char_at: usize,
    byte_at: usize,
}

impl<'a> ByteCursor<'a> {
    pub fn new(text: &'a str) -> Self {
        ByteCursor {
            text,
            char_at: 0,
            byte_at: 0,
        }
    }

    /// The byte offset of code point `k`, found from the last one asked for (from the
    /// start, where `k` comes before that one).
    pub fn byte_of(&mut self, k: usize) -> usize {
        if k < self.char_at {
            (self.char_at, self.byte_at) = (0, 0);
        }
        let bytes = self.text.as_bytes();
        let mut left = k - self.char_at;
        // Whole runs of bytes whose characters all come before `k`, each counted at once (a
        // character is a byte that continues none); a run may end inside a character it
        // counted, which is then stepped over.
        while let Some(run) = bytes.get(self.byte_at..self.byte_at + SKIPPED_BYTES) {
            let chars = count_bytes(run, opens_char);
            if chars > left {
                break;
            }
            left -= chars;
            self.byte_at += SKIPPED_BYTES;
            while !self.text.is_char_boundary(self.byte_at) {
                self.byte_at += 1;
            }
        }
        let skipped = self.text[self.byte_at..].chars().take(left);
        self.byte_at += skipped.map(char::len_utf8).sum::<usize>();
        self.char_at = k;
        self.byte_at
    }
}

/// Each span of `text_spans` with its text: `(start, end, line number, text)`.
pub fn span_texts(source: &str, split_glued: bool) -> Vec<(usize, usize, usize, &str)> {
    let mut spans = Vec::new();
    for_each_span(source, split_glued, |start, end, line, text| {
        spans.push((start, end, line, text))
    });
    spans
}

/// Where a sentence may end in `line`, as `(end of the sentence, start of what follows)`:
/// a run of stops (. ! ? … :) and closing quotes or brackets before spaces and a letter,
/// perhaps behind an opening quote ("wish. Accept"); a stop glued straight onto the next
/// sentence's capital ("wish.Accept"); a run of CJK full stops, which need no space.
fn sentence_ends<C: Copy + Into<char>>(line: &[C], from: usize) -> Vec<(usize, usize)> {
    let at = |i: usize| line.get(i).map(|&c| c.into());
    let char_at = |i: usize| -> char { line[i].into() };
    let mut ends = Vec::new();
    let mut p = from;
    while p < line.len() {
        let c = char_at(p);
        if STOPS.contains(&c) && (p == 0 || !STOPS.contains(&char_at(p - 1))) {
            let mut q = p;
            while at(q).is_some_and(|c| STOPS.contains(&c)) {
                q += 1;
            }
            while at(q).is_some_and(|c| CLOSERS.contains(&c)) {
                q += 1;
            }
            let end = q;
            while at(q).is_some_and(is_space) {
                q += 1;
            }
            let letter_at = |i: usize| at(i).is_some_and(is_letter);
            let opens = |i: usize| {
                letter_at(i)
                    || (at(i).is_some_and(|c| QUOTES_BEFORE.contains(&c))
                        && (letter_at(i + 1)
                            || (at(i + 1).is_some_and(is_space) && letter_at(i + 2))))
            };
            if q > end && opens(q) {
                ends.push((end, q));
                p = q;
                continue;
            }
        } else if p >= 3
            && is_letter(char_at(p - 3))
            && is_letter(char_at(p - 2))
            && ['.', '!', '?'].contains(&char_at(p - 1))
            && c.is_ascii_uppercase()
            && at(p + 1).is_some_and(|c| c.is_ascii_lowercase())
        {
            ends.push((p, p));
        } else if CJK_STOPS.contains(&c) {
            let mut q = p;
            while at(q).is_some_and(|c| CJK_STOPS.contains(&c)) {
                q += 1;
            }
            ends.push((q, q));
            p = q;
            continue;
        }
        p += 1;
    }
    ends
}

/// The `(start, end)` of each sentence of `line`, spaces between them left out. A full stop
/// after a short capitalised word or an initial ("Mr.", "J.", "U.S.") ends no sentence,
/// nor does one before a lower-case word.
pub fn sentence_bounds<C: Copy + Into<char>>(line: &[C]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = line.iter().take_while(|&&c| is_space(c.into())).count();
    for (end, next) in sentence_ends(line, start) {
        let follower = line[next..]
            .iter()
            .map(|&c| c.into())
            .find(|c| !OPENERS.contains(c));
        if follower.is_some_and(is_lower) || is_abbreviation(&line[start..end]) {
            continue;
        }
        if end > start {
            spans.push((start, end));
        }
        start = next;
    }
    let last = line.len()
        - line
            .iter()
            .rev()
            .take_while(|&&c| is_space(c.into()))
            .count();
    if last > start {
        spans.push((start, last));
    }
    spans
}

/// Whether `sentence` ends on an abbreviation's full stop rather than a sentence's.
fn is_abbreviation<C: Copy + Into<char>>(sentence: &[C]) -> bool {
    let sentence: Vec<char> = sentence.iter().map(|&c| c.into()).collect();
    let trimmed =
        &sentence[..sentence.len() - sentence.iter().rev().take_while(|&&c| is_space(c)).count()];
    let unclosed = trimmed
        .iter()
        .rposition(|c| !CLOSERS.contains(c))
        .map_or(&trimmed[..0], |n| &trimmed[..=n]);
    if unclosed.last() != Some(&'.') {
        return false;
    }
    // The last word: the sentence's last run without spaces.
    let token = &trimmed[trimmed
        .iter()
        .rposition(|&c| is_space(c))
        .map_or(0, |n| n + 1)..];
    let closers = token
        .iter()
        .rev()
        .take_while(|c| CLOSERS.contains(c))
        .count();
    let before_closers = &token[..token.len() - closers];
    if !before_closers
        .last()
        .is_some_and(|c| ABBREVIATION_STOPS.contains(c))
    {
        return false;
    }
    // All of it but its last stop and its closers ("for..." is "for..", "e.g." is "e.g").
    let word = &before_closers[..before_closers.len() - 1];
    if word.is_empty() {
        return false;
    }
    let has_stop = word.contains(&'.');
    let digits_only = word.iter().filter(|&&c| c != '.').collect::<Vec<_>>();
    if has_stop && !digits_only.is_empty() && digits_only.iter().all(|&&c| is_digit(c)) {
        return false; // a decimal number ends the sentence: "… licensed under CC BY 4.0."
    }
    word.len() == 1 || has_stop || (word.len() <= 3 && is_upper(word[0]))
}

/// Spans `(start, end, judged)` that cover a text (in code points): runs of whole lines
/// (split at "\n" only) of at most `most_lines` lines or about `most_chars` characters; a
/// line longer than `giant` stands alone, unjudged. The text is read a piece at a time
/// (`read`), so that a long one need not be held whole as UTF-8.
pub struct Windows {
    most_chars: usize,
    most_lines: usize,
    giant: usize,
    spans: Vec<(usize, usize, bool)>,
    start: usize, // of the window being filled
    lines: usize, // in it
    line: usize,  // where the current line starts
    chars: usize, // read so far
}

impl Windows {
    pub fn new(most_chars: usize, most_lines: usize, giant: usize) -> Self {
        Self {
            most_chars,
            most_lines,
            giant,
            spans: Vec::new(),
            start: 0,
            lines: 0,
            line: 0,
            chars: 0,
        }
    }

    /// Read the text's next piece.
    pub fn read(&mut self, piece: &str) {
        for &byte in piece.as_bytes() {
            self.chars += usize::from(byte & 0xC0 != 0x80); // a code point starts at each non-continuation byte
            if byte == b'\n' {
                self.take_line(self.chars);
            }
        }
    }

    /// The spans, once the whole text has been read.
    pub fn spans(mut self) -> Vec<(usize, usize, bool)> {
        if self.line < self.chars {
            self.take_line(self.chars);
        }
        if self.start < self.chars {
            self.spans.push((self.start, self.chars, true));
        }
        self.spans
    }

    /// The line from `self.line` to `end` ends.
    fn take_line(&mut self, end: usize) {
        let pos = std::mem::replace(&mut self.line, end);
        if end - pos > self.giant {
            if pos > self.start {
                self.spans.push((self.start, pos, true));
            }
            self.spans.push((pos, end, false));
            (self.start, self.lines) = (end, 0);
        } else {
            self.lines += 1;
            if self.lines >= self.most_lines || end - self.start >= self.most_chars {
                self.spans.push((self.start, end, true));
                (self.start, self.lines) = (end, 0);
            }
        }
    }
}
