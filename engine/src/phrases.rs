//! `PhraseSet` finds many literal phrases in one pass over a line: an Aho-Corasick
//! automaton over case-folded text (`case_fold`), reporting for each phrase what a
//! left-to-right search for it alone finds (its leftmost matches, none overlapping
//! another of the same phrase), with offsets in code points.

use aho_corasick::{AhoCorasick, MatchKind};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyType};

use crate::text_of;

/// The one character every case variant of `c` folds to: its lower case where that is one
/// character, save where Unicode's simple case folding differs from lower case (Greek
/// symbol letters, final sigma, long s, micro sign, old Cyrillic forms) and the Turkish
/// dotted and dotless i, which fold with i here. So folding makes a symmetric relation of
/// the `regex` module's `IGNORECASE`, which matches `İ` to `i` but not `i` to `ı`.
fn fold(c: char) -> char {
    match c {
        'ı' | 'İ' => 'i',
        'ſ' => 's',
        'µ' => 'μ',
        '\u{0345}' | '\u{1FBE}' => 'ι',
        'ϐ' => 'β',
        'ϵ' => 'ε',
        'ϑ' | 'ϴ' => 'θ',
        'ϰ' => 'κ',
        'ϖ' => 'π',
        'ϱ' => 'ρ',
        'ς' => 'σ',
        'ϕ' => 'φ',
        'ẛ' => 'ṡ',
        '\u{1C80}' => 'в',
        '\u{1C81}' => 'д',
        '\u{1C82}' => 'о',
        '\u{1C83}' => 'с',
        '\u{1C84}' | '\u{1C85}' => 'т',
        '\u{1C86}' => 'ъ',
        '\u{1C87}' => 'ѣ',
        '\u{1C88}' => 'ꙋ',
        _ => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(only), None) => only,
                _ => c,
            }
        }
    }
}

/// `text` with each character folded (`fold`): as long as `text`, code point for code point.
#[pyfunction]
pub fn case_fold(text: &str) -> String {
    text.chars().map(fold).collect()
}

/// `text` folded, with the code-point offset of each of its bytes' character starts.
fn folded(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut char_at_byte = Vec::with_capacity(text.len() + 1);
    for (n, c) in text.chars().enumerate() {
        let f = fold(c);
        for _ in 0..f.len_utf8() {
            char_at_byte.push(n);
        }
        out.push(f);
    }
    char_at_byte.push(text.chars().count());
    (out, char_at_byte)
}

/// Literal phrases matched case-insensitively, all in one pass.
#[pyclass(frozen, module = "cleanscrape._engine")]
pub struct PhraseSet {
    automaton: AhoCorasick,
    phrases: Vec<String>,
}

#[pymethods]
impl PhraseSet {
    #[new]
    fn new(phrases: Vec<String>) -> PyResult<Self> {
        if let Some(n) = phrases.iter().position(|p| p.is_empty()) {
            return Err(PyValueError::new_err(format!("phrase {n} is empty")));
        }
        let folded_phrases: Vec<String> = phrases.iter().map(|p| case_fold(p)).collect();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&folded_phrases)
            .map_err(|e| {
                PyValueError::new_err(format!("cannot build the phrase automaton: {e}"))
            })?;
        Ok(PhraseSet { automaton, phrases })
    }

    fn __len__(&self) -> usize {
        self.phrases.len()
    }

    /// Pickled as its phrases (workers of a `--jobs` run get their own automaton).
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> (Bound<'py, PyType>, (Vec<String>,)) {
        (slf.get_type(), (slf.get().phrases.clone(),))
    }

    /// Every `(phrase, start, end)` found in `text`, by phrase, then start; offsets in code points.
    /// A lone surrogate in `text` (which UTF-8 cannot hold) is searched as U+FFFD.
    fn find(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
    ) -> PyResult<Vec<(usize, usize, usize)>> {
        let text = text_of(text)?;
        Ok(py.detach(|| self.find_all(&text)))
    }
}

impl PhraseSet {
    fn find_all(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let (haystack, char_at_byte) = folded(text);
        let mut hits: Vec<(usize, usize, usize)> = self
            .automaton
            .find_overlapping_iter(&haystack)
            .map(|m| {
                (
                    m.pattern().as_usize(),
                    char_at_byte[m.start()],
                    char_at_byte[m.end()],
                )
            })
            .collect();
        hits.sort_unstable();
        // Of one phrase's overlapping occurrences, a search left to right keeps the first
        // and the next that starts at or after its end, and so on.
        let mut kept: Vec<(usize, usize, usize)> = Vec::with_capacity(hits.len());
        for hit in hits {
            match kept.last() {
                Some(&(phrase, _, end)) if phrase == hit.0 && hit.1 < end => {}
                _ => kept.push(hit),
            }
        }
        kept
    }
}
