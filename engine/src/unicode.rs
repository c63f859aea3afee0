//! Character classes and case folding as this package's Python defines them (`re`'s `\w`,
//! `\d`, `\s` and `IGNORECASE`; `str.isupper`, `str.islower`, `str.isdigit`,
//! `str.casefold`), from tables generated from Python's Unicode data (`unicode_tables.rs`),
//! not the Rust standard library's.

use crate::unicode_tables::{
    CASED, CASEFOLD, DECIMAL, DIGIT, EXTRA_CASES, LOWER, RUNS, SIMPLE_LOWER, SPACE, UNASSIGNED,
    UPPER, WORD,
};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// Each code point's class bits, one byte a code point (1.1 MB, built on first use).
static FLAGS: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let mut flags = vec![0u8; 0x110000];
    for (run, bits) in class_runs() {
        flags[run.start as usize..run.end as usize].fill(bits);
    }
    flags
});

/// The runs of code points of the same class bits (`RUNS`), each with its bits.
fn class_runs() -> impl Iterator<Item = (Range<u32>, u8)> {
    RUNS.iter().enumerate().map(|(n, &(start, bits))| {
        let end = RUNS.get(n + 1).map_or(0x110000, |next| next.0);
        (start..end, bits)
    })
}

/// The class bits of the ASCII characters, read without touching `FLAGS` (most text is ASCII).
static ASCII_FLAGS: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut n = 0;
    while n < RUNS.len() && RUNS[n].0 < 128 {
        let end = if n + 1 < RUNS.len() && RUNS[n + 1].0 < 128 {
            RUNS[n + 1].0
        } else {
            128
        };
        let mut c = RUNS[n].0;
        while c < end {
            table[c as usize] = RUNS[n].1;
            c += 1;
        }
        n += 1;
    }
    table
};

/// Whether a byte is an ASCII word character (`\w`); no byte past ASCII is.
static ASCII_WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = ASCII_FLAGS[b] & WORD != 0;
        b += 1;
    }
    table
};

/// Whether a byte of UTF-8 opens a character (continues none).
pub fn opens_char(b: u8) -> bool {
    (b as i8) >= -0x40
}

/// The first bytes of the spaces past ASCII in UTF-8 (U+00A0 opens with C2, U+2009 with E2).
static WIDE_SPACE_LEADS: [bool; 256] = {
    let mut leads = [false; 256];
    let mut n = 0;
    while n < RUNS.len() {
        let end = if n + 1 < RUNS.len() {
            RUNS[n + 1].0
        } else {
            0x110000
        };
        let mut c = if RUNS[n].0 < 128 { 128 } else { RUNS[n].0 };
        while RUNS[n].1 & SPACE != 0 && c < end {
            let lead = match c {
                ..0x800 => 0xC0 | (c >> 6),
                0x800..0x10000 => 0xE0 | (c >> 12),
                _ => 0xF0 | (c >> 18),
            };
            leads[lead as usize] = true;
            c += 1;
        }
        n += 1;
    }
    leads
};

/// Whether an ASCII byte is a space (`is_space`), by comparisons that a loop over bytes
/// runs many at a time (checked against `ASCII_FLAGS` when the crate builds).
const fn is_ascii_space_byte(b: u8) -> bool {
    b == b' ' || (b >= b'\t' && b <= b'\r') || (b >= 0x1C && b <= 0x1F)
}

const _: () = {
    let mut b = 0;
    while b < 128 {
        assert!(is_ascii_space_byte(b as u8) == (ASCII_FLAGS[b] & SPACE != 0));
        b += 1;
    }
};

/// How many of `bytes` pass `test`, summed in byte-wide counts that a loop adds up many at
/// a time.
pub fn count_bytes(bytes: &[u8], test: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(u8::MAX as usize)
        .map(|run| {
            run.iter()
                .fold(0u8, |n, &b| n.wrapping_add(u8::from(test(b)))) as usize
        })
        .sum()
}

/// How many characters of `text` are not spaces (`is_space`), counted over its bytes: each
/// byte that opens a character and is no ASCII space, less the spaces past ASCII, looked
/// for only at the bytes that open one.
pub fn count_not_space(text: &str) -> usize {
    let bytes = text.as_bytes();
    let opening_no_space = count_bytes(bytes, |b| opens_char(b) && !is_ascii_space_byte(b));
    if text.is_ascii() {
        return opening_no_space;
    }
    opening_no_space - wide_spaces(text)
}

/// How many spaces past ASCII `text` holds, looked for at the bytes that open one (eight
/// ASCII bytes are passed over at a time).
fn wide_spaces(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut at, mut count) = (0, 0);
    while at < bytes.len() {
        if let Some(eight) = bytes.get(at..at + 8) {
            let eight = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
            if eight & 0x8080_8080_8080_8080 == 0 {
                at += 8;
                continue;
            }
        }
        if WIDE_SPACE_LEADS[bytes[at] as usize] && text[at..].chars().next().is_some_and(is_space) {
            count += 1;
        }
        at += 1;
    }
    count
}

/// Whether byte `b` is an ASCII word character: `is_word` of an ASCII text's bytes, read
/// without a test of the byte's range.
pub fn is_ascii_word_byte(b: u8) -> bool {
    ASCII_WORD_BYTES[b as usize]
}

fn flags(c: char) -> u8 {
    match ASCII_FLAGS.get(c as usize) {
        Some(&bits) => bits,
        None => FLAGS[c as usize],
    }
}

/// `re`'s `\w`: `str.isalnum()` or an underscore.
pub fn is_word(c: char) -> bool {
    flags(c) & WORD != 0
}

/// `re`'s `\d`: `str.isdecimal()`.
pub fn is_decimal(c: char) -> bool {
    flags(c) & DECIMAL != 0
}

/// `re`'s `\s` and what `str.strip()` strips: `str.isspace()`.
pub fn is_space(c: char) -> bool {
    flags(c) & SPACE != 0
}

/// `re`'s `[^\W\d_]`: a word character that is neither a decimal digit nor an underscore.
pub fn is_letter(c: char) -> bool {
    letter_by(c, flags(c))
}

/// `is_letter`, from `c`'s class bits.
fn letter_by(c: char, bits: u8) -> bool {
    bits & (WORD | DECIMAL) == WORD && c != '_'
}

/// A text's characters counted: all of them, its letters (`is_letter`), its decimal
/// digits (`is_decimal`) and its marks (neither word characters nor spaces).
#[derive(Default)]
pub struct CharCounts {
    pub chars: usize,
    pub letters: usize,
    pub digits: usize,
    pub marks: usize,
}

impl CharCounts {
    pub fn of(text: &str) -> CharCounts {
        let mut counts = CharCounts::default();
        let mut count = |c: char, bits: u8| {
            counts.chars += 1;
            counts.letters += usize::from(letter_by(c, bits));
            counts.digits += usize::from(bits & DECIMAL != 0);
            counts.marks += usize::from(bits & (WORD | SPACE) == 0);
        };
        if text.is_ascii() {
            // read byte by byte: no character to decode, no table past ASCII to touch
            text.bytes()
                .for_each(|b| count(char::from(b), ASCII_FLAGS[usize::from(b)]));
        } else {
            text.chars().for_each(|c| count(c, flags(c)));
        }
        counts
    }
}

/// `str.isupper()` of the one character.
pub fn is_upper(c: char) -> bool {
    flags(c) & UPPER != 0
}

/// `str.islower()` of the one character.
pub fn is_lower(c: char) -> bool {
    flags(c) & LOWER != 0
}

/// `str.isdigit()` of the one character: a decimal digit, or a digit such as `²`.
pub fn is_digit(c: char) -> bool {
    flags(c) & DIGIT != 0
}

/// Whether `re.IGNORECASE` matches `c` by its lower case (`_sre.unicode_iscased`).
pub fn is_cased(c: char) -> bool {
    flags(c) & CASED != 0
}

/// The simple lower case `re.IGNORECASE` compares (`_sre.unicode_tolower`).
pub fn simple_lower(c: char) -> char {
    SIMPLE_LOWER
        .binary_search_by_key(&c, |&(from, _)| from)
        .map_or(c, |n| SIMPLE_LOWER[n].1)
}

/// The lower cases `re.IGNORECASE` matches besides `lower` itself ("ı" for "i").
pub fn extra_cases(lower: char) -> &'static [char] {
    EXTRA_CASES
        .binary_search_by_key(&lower, |&(from, _)| from)
        .map_or(&[], |n| EXTRA_CASES[n].1)
}

/// Every character whose simple lower case is `lower` (`lower` itself among them where it
/// is its own lower case).
pub fn with_lower(lower: char) -> impl Iterator<Item = char> {
    static UPPERS: LazyLock<FxHashMap<char, Vec<char>>> = LazyLock::new(|| {
        let mut uppers: FxHashMap<char, Vec<char>> = FxHashMap::default();
        for &(from, to) in SIMPLE_LOWER.iter() {
            uppers.entry(to).or_default().push(from);
        }
        uppers
    });
    let own = (simple_lower(lower) == lower).then_some(lower);
    own.into_iter()
        .chain(UPPERS.get(&lower).into_iter().flatten().copied())
}

/// `unicodedata.normalize("NFKC", text)`: the `unicode-normalization` crate's NFKC, save
/// that a character this Python's Unicode has not assigned is left alone, as Python leaves
/// it (the crate's data is newer). Such a character is a starter that composes with
/// nothing, so normalizing the text between them is normalizing the whole; and the
/// mappings of assigned characters never change between versions (Unicode's stability
/// policy). Borrowed where the text is NFKC already by the quick check (ASCII, most
/// accented and curly-quoted text), whose "yes" holds for every piece of the text too.
pub fn nfkc(text: &str) -> Cow<'_, str> {
    if text.is_ascii()
        || text.chars().all(is_nfkc_starter)
        || is_nfkc_quick(text.chars()) == IsNormalized::Yes
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut start = 0;
    for (at, c) in text.char_indices() {
        if flags(c) & UNASSIGNED != 0 {
            out.extend(text[start..at].nfkc());
            out.push(c);
            start = at + c.len_utf8();
        }
    }
    out.extend(text[start..].nfkc());
    Cow::Owned(out)
}

/// A set of characters of the Basic Multilingual Plane, one bit each: one lookup a character.
pub struct PlaneSet(Vec<u64>);

impl PlaneSet {
    /// The set of `chars` (those past the plane left out).
    pub fn of(chars: impl Iterator<Item = char>) -> PlaneSet {
        let mut bits = vec![0u64; 0x10000 / 64];
        for c in chars.filter(|&c| (c as u32) < 0x10000) {
            bits[c as usize / 64] |= 1 << (c as usize % 64);
        }
        PlaneSet(bits)
    }

    /// Whether `c` is in the set; None for a character past the plane.
    pub fn get(&self, c: char) -> Option<bool> {
        let bits = self.0.get(c as usize / 64)?;
        Some(bits >> (c as usize % 64) & 1 == 1)
    }
}

/// Whether `c`, in the Basic Multilingual Plane, is a starter that NFKC keeps (its quick
/// check says yes): a text of such characters only is NFKC already. From the crate's data,
/// on first use; past the plane, false.
fn is_nfkc_starter(c: char) -> bool {
    static STARTERS: LazyLock<PlaneSet> = LazyLock::new(|| {
        PlaneSet::of((0..0x10000u32).filter_map(char::from_u32).filter(|&c| {
            is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes
                && canonical_combining_class(c) == 0
        }))
    });
    STARTERS.get(c).unwrap_or(false)
}

/// `str.strip()`: `text` without the spaces (`is_space`) at either end.
pub fn strip(text: &str) -> &str {
    text.trim_matches(is_space)
}

/// `str.rstrip()`.
pub fn rstrip(text: &str) -> &str {
    text.trim_end_matches(is_space)
}

/// `str.casefold()`: full case folding ("Straße" becomes "strasse"); borrowed where unchanged.
pub fn casefold(text: &str) -> Cow<'_, str> {
    if is_folded(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    casefold_into(text, &mut out);
    Cow::Owned(out)
}

/// Whether `str.casefold()` leaves `text` as it is.
pub fn is_folded(text: &str) -> bool {
    for (at, b) in text.bytes().enumerate() {
        if !b.is_ascii() {
            return !text[at..].chars().any(folds); // what comes before is ASCII, none upper case
        }
        if b.is_ascii_uppercase() {
            return false;
        }
    }
    true
}

/// Whether `str.casefold()` changes a character of `text` past ASCII.
pub fn folds_past_ascii(text: &str) -> bool {
    text.chars().any(|c| !c.is_ascii() && folds(c))
}

/// `text` case-folded (`casefold`), added to `out`.
pub fn casefold_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        let at = out.len();
        out.push_str(text);
        out[at..].make_ascii_lowercase();
        return;
    }
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if !folds(c) {
            out.push(c);
        } else {
            match CASEFOLD.binary_search_by_key(&c, |&(from, _)| from) {
                Ok(n) => out.push_str(CASEFOLD[n].1),
                Err(_) => out.push(c),
            }
        }
    }
}

/// Whether `str.casefold()` changes `c`: a bit for a character of the Basic Multilingual
/// Plane (from `CASEFOLD`, on first use), a lookup past it.
fn folds(c: char) -> bool {
    static FOLDING: LazyLock<PlaneSet> =
        LazyLock::new(|| PlaneSet::of(CASEFOLD.iter().map(|&(from, _)| from)));
    FOLDING
        .get(c)
        .unwrap_or_else(|| CASEFOLD.binary_search_by_key(&c, |&(from, _)| from).is_ok())
}

/// A `regex` class (`[...]`) of every code point `test` holds for, as ranges. `test` is asked
/// once for each run of code points of the same class bits (`RUNS`), at its first: it reads
/// no more than those bits and the underscore (a run of its own), as `is_letter` does.
pub fn class_of(test: fn(char) -> bool) -> String {
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for (run, _) in class_runs() {
        if !char::from_u32(run.start).is_some_and(test) {
            continue; // a surrogate is in no class
        }
        match ranges.last_mut() {
            Some(last) if last.1 + 1 == run.start => last.1 = run.end - 1,
            _ => ranges.push((run.start, run.end - 1)),
        }
    }
    let mut class = String::from("[");
    for (a, b) in ranges {
        class.push_str(&format!("\\x{{{a:x}}}-\\x{{{b:x}}}"));
    }
    class.push(']');
    class
}
