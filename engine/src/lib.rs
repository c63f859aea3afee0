//! cleanscrape's compiled engine. Python drives it; it holds the text path's hot loops.
//!
//! - `patterns`: the learned line patterns (training mines them, the model looks them up);
//! - `phrases`: users' literal phrase rules, all found in one pass;
//! - `provenance`: the features that tell what a text is;
//! - `related`: related blocks' cues, headers and teasers;
//! - `repeats`: exact repeats, and pull quotes, lines lifted verbatim from longer ones;
//! - `sprites`: runs of glued icon titles;
//! - `purity`: the share of an input that is article content;
//! - `pyregex` and `rules`: Python patterns with Python's meaning; a family's line rules;
//! - `chrome`: the chrome family's line tests;
//! - `linemodel`: the line model's features and scorer; `modelfile`: its file, read;
//!   `decoder`: its smoothing, page-dump tests and article run, and page layout's cut of a
//!   page dump by them;
//! - `segment`: lines and sentences, with offsets in code points; `table`: a pass's
//!   segments, which the families' line tests read;
//! - `text` and `unicode`: words, character classes and case folding as Python defines them;
//! - `wtf8`: text from UTF-8 that also encodes surrogates;
//! - `trust`: a removal's confidence, from the calibration table;
//! - `allocator`: where the engine's memory comes from.

mod allocator;
mod chrome;
mod credits;
mod decoder;
mod factors;
mod linemodel;
mod modelfile;
mod patterns;
mod phrases;
mod provenance;
mod purity;
mod pyregex;
mod related;
mod repeats;
mod rows;
mod rules;
mod segment;
mod sprites;
mod table;
mod text;
mod trust;
mod unicode;
mod unicode_tables;
mod wtf8;

#[global_allocator]
static ALLOCATOR: allocator::Allocator = allocator::Allocator;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString, PyTuple, PyType};
use rustc_hash::FxBuildHasher;
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

/// Code points of a long text read at a time (`text_of`).
const PIECE_CHARS: usize = 1 << 20;

/// A Python string as UTF-8. UTF-8 cannot hold a lone surrogate (a JSONL escape can put one
/// into a line): each is read as U+FFFD, one character for one, so offsets stay Python's.
/// A long text beyond ASCII is read a piece at a time (`each_piece`): Python keeps the UTF-8
/// it makes of a string for the string's life, which would double a long text's memory.
pub(crate) fn text_of<'a>(text: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
    if !read_in_pieces(text)? {
        return piece_of(text);
    }
    let mut whole = String::new();
    each_piece(text, |piece| {
        whole.reserve_exact(piece.len()); // not twice what is needed, as growing would
        whole.push_str(piece);
    })?;
    Ok(Cow::Owned(whole))
}

/// Whether `text` is read a piece at a time: it is long, and not ASCII (whose UTF-8 Python
/// holds anyway).
fn read_in_pieces(text: &Bound<'_, PyString>) -> PyResult<bool> {
    Ok(text.len()? > PIECE_CHARS && !text.call_method0("isascii")?.is_truthy()?)
}

/// Call `read` with each piece of `text` as UTF-8, in order: the whole text at once where
/// it is short or ASCII, else pieces of about `PIECE_CHARS` code points, each cut after a
/// "\n" (a piece holds whole lines, unless a line is the rest of the text).
fn each_piece(text: &Bound<'_, PyString>, mut read: impl FnMut(&str)) -> PyResult<()> {
    if !read_in_pieces(text)? {
        read(&piece_of(text)?);
        return Ok(());
    }
    let chars = text.len()?;
    let mut start = 0;
    while start < chars {
        let found: isize = text
            .call_method1(
                pyo3::intern!(text.py(), "find"),
                ("\n", start + PIECE_CHARS),
            )?
            .extract()?;
        let end = usize::try_from(found).map_or(chars, |newline| newline + 1);
        read(&piece_of(&substring(text, start, end)?)?);
        start = end;
    }
    Ok(())
}

/// `text_of` for a text read whole.
fn piece_of<'a>(text: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
    if let Ok(valid) = text.to_str() {
        return Ok(Cow::Borrowed(valid));
    }
    // Encoded with its surrogates (three bytes each, ED A0..BF xx), then each turned into
    // U+FFFD (EF BF BD, three bytes too): one copy of the text's UTF-8 size.
    let encoded = text.call_method1("encode", ("utf-8", "surrogatepass"))?;
    let mut bytes = encoded.cast::<PyBytes>()?.as_bytes().to_vec();
    let mut at = 0;
    while at + 2 < bytes.len() {
        if bytes[at] == 0xED && (0xA0..=0xBF).contains(&bytes[at + 1]) {
            bytes[at..at + 3].copy_from_slice("\u{FFFD}".as_bytes());
            at += 3;
        } else {
            at += 1;
        }
    }
    String::from_utf8(bytes)
        .map(Cow::Owned)
        .map_err(|e| PyValueError::new_err(e.to_string()))
}

/// Python strings as UTF-8, each borrowed (one holding a lone surrogate is refused).
fn strs<'a>(texts: &'a [Bound<'_, PyString>]) -> PyResult<Vec<&'a str>> {
    texts.iter().map(|t| t.to_str()).collect()
}

fn texts_of<'a>(lines: &'a [Bound<'_, PyString>]) -> PyResult<Vec<Cow<'a, str>>> {
    lines.iter().map(text_of).collect()
}

/// The line model's scorer: its weights and the stoplists it reads a document's language by.
#[pyclass(frozen, module = "cleanscrape._engine")]
struct LineScorer {
    weights: linemodel::Weights,
    stoplists: linemodel::Stoplists,
}

#[pymethods]
impl LineScorer {
    #[new]
    fn new(
        weights: HashMap<String, f64, FxBuildHasher>,
        stoplists: Vec<(String, Vec<String>)>,
    ) -> Self {
        LineScorer {
            weights: linemodel::Weights::new(weights),
            stoplists: linemodel::Stoplists::new(stoplists),
        }
    }

    /// The weight given to `key`, if one was.
    fn weight(&self, key: &str) -> Option<f64> {
        self.weights.get(key)
    }

    /// Every key given a weight.
    fn weight_keys(&self) -> Vec<String> {
        self.weights
            .entries()
            .into_iter()
            .map(|(key, _)| key)
            .collect()
    }

    /// Its weights as a JSON object, each number written to read back as the same float.
    fn weights_json(&self) -> PyResult<String> {
        let entries = self.weights.entries();
        if let Some((key, weight)) = entries.iter().find(|(_, w)| !w.is_finite()) {
            return Err(PyValueError::new_err(format!(
                "weight of {key:?} is {weight}"
            )));
        }
        Ok(modelfile::object_of(&entries))
    }

    /// Each line's feature keys, in the order training sums them.
    fn features(
        &self,
        py: Python<'_>,
        lines: Vec<Bound<'_, PyString>>,
        page: Vec<Vec<String>>,
    ) -> PyResult<Vec<Vec<String>>> {
        let texts = texts_of(&lines)?;
        let lines: Vec<&str> = texts.iter().map(|t| t.as_ref()).collect();
        check_page(&lines, &page)?;
        Ok(py.detach(|| linemodel::features(&lines, &page, &self.stoplists)))
    }

    /// P(content) of each line, before smoothing.
    fn raw_scores(
        &self,
        py: Python<'_>,
        lines: Vec<Bound<'_, PyString>>,
        page: Vec<Vec<String>>,
    ) -> PyResult<Vec<f64>> {
        let texts = texts_of(&lines)?;
        let lines: Vec<&str> = texts.iter().map(|t| t.as_ref()).collect();
        check_page(&lines, &page)?;
        Ok(py.detach(|| self.weights.raw_scores(&lines, &page, &self.stoplists)))
    }

    /// Smoothed scores of `lines` of `words` words each when they are a page dump
    /// (`decoder::page_scores`), else None; `page` as for `features`.
    fn page_scores(
        &self,
        py: Python<'_>,
        lines: Vec<Bound<'_, PyString>>,
        words: Vec<usize>,
        page: Vec<Vec<String>>,
    ) -> PyResult<Option<Vec<f64>>> {
        let texts = texts_of(&lines)?;
        let lines: Vec<&str> = texts.iter().map(|t| t.as_ref()).collect();
        check_page(&lines, &page)?;
        if words.len() != lines.len() {
            return Err(PyValueError::new_err("a word count for each line"));
        }
        Ok(py.detach(|| {
            decoder::page_scores(&words, || {
                self.weights.raw_scores(&lines, &page, &self.stoplists)
            })
        }))
    }

    /// Page layout's cut of a page dump (`decoder::page_cut`): `(segment index, inside the
    /// article's run, score band)` of each segment of `table` (cut from `source`) to drop,
    /// none where its lines are no page dump. `page` gives each line of `source` its context
    /// in its HTML page (empty where no page was rendered); `removed`, `interface`, `matched`
    /// and `attribution` number segments, as `decoder::PageLines` says.
    #[allow(clippy::too_many_arguments)]
    fn page_cut(
        &self,
        py: Python<'_>,
        table: &Bound<'_, SegmentTable>,
        source: &Bound<'_, PyString>,
        page: Vec<Vec<String>>,
        removed: Vec<usize>,
        interface: Vec<usize>,
        matched: Vec<usize>,
        attribution: Vec<usize>,
        threshold: f64,
    ) -> PyResult<Vec<(usize, bool, usize)>> {
        let segments = &table.get().0;
        let source = text_of(source)?;
        let groups = segments.line_groups();
        let texts = segments.line_texts(&groups, &source);
        let words = segments.line_words(&groups, &texts);
        let in_page = |g: &Range<usize>| {
            let line = segments.list[g.start].line;
            page.get(line)
                .cloned()
                .ok_or_else(|| PyValueError::new_err(format!("no page context for line {line}")))
        };
        let page: Vec<Vec<String>> = match page.is_empty() {
            true => Vec::new(),
            false => groups.iter().map(in_page).collect::<PyResult<_>>()?,
        };
        let flags = |indices: Vec<usize>| {
            let mut flags = vec![false; segments.list.len()];
            for i in indices {
                *flags
                    .get_mut(i)
                    .ok_or_else(|| PyValueError::new_err("no such segment"))? = true;
            }
            Ok::<_, PyErr>(flags)
        };
        let (removed, interface) = (flags(removed)?, flags(interface)?);
        let (matched, attribution) = (flags(matched)?, flags(attribution)?);
        Ok(py.detach(|| {
            let raw = || {
                // each line's tokens, its segments' (a glued line's sentences hold its words)
                let mut tokens = text::Tokens::with_capacity(groups.len(), words.iter().sum());
                for group in &groups {
                    tokens.open();
                    for segment in &segments.list[group.clone()] {
                        for (word, &id) in segment.token_texts().zip(&segment.ids) {
                            tokens.push(word, id);
                        }
                    }
                }
                let vocabulary = &segments.vocabulary;
                self.weights
                    .raw_scores_of(&texts, &tokens, vocabulary, &page, &self.stoplists)
            };
            let Some(scores) = decoder::page_scores(&words, raw) else {
                return Vec::new();
            };
            let lines = decoder::PageLines {
                groups: &groups,
                words: &words,
                removed: &removed,
                interface: &interface,
                matched: &matched,
                attribution: &attribution,
            };
            decoder::page_cut(&lines, &scores, threshold)
        }))
    }
}

/// A line model's file (JSON) read (`modelfile`): a scorer of its `weights` with
/// `stoplists` (none where it has no `weights`), and its other members as a JSON object.
#[pyfunction]
fn read_line_model(
    py: Python<'_>,
    text: &Bound<'_, PyString>,
    stoplists: Vec<(String, Vec<String>)>,
) -> PyResult<(Option<LineScorer>, String)> {
    let text = text_of(text)?;
    let file = py
        .detach(|| modelfile::read(&text))
        .map_err(PyValueError::new_err)?;
    let scorer = file.weights.map(|weights| LineScorer {
        weights: linemodel::Weights::new(weights),
        stoplists: linemodel::Stoplists::new(stoplists),
    });
    Ok((scorer, serde_json::Value::Object(file.rest).to_string()))
}

/// Each score averaged with its neighbours' (`decoder::smooth`).
#[pyfunction]
fn smooth(scores: Vec<f64>) -> Vec<f64> {
    decoder::smooth(&scores)
}

/// Whether lines of these word counts look like a page dump (`decoder::is_page_dump`).
#[pyfunction]
fn is_page_dump(words: Vec<usize>, short_words: usize, share: f64) -> bool {
    decoder::is_page_dump(&words, short_words, share)
}

/// Which lines the article's run keeps (`decoder::article_run`).
#[pyfunction]
fn article_run(scores: Vec<f64>, words: Vec<usize>, threshold: f64) -> PyResult<Vec<bool>> {
    if scores.len() != words.len() {
        return Err(PyValueError::new_err("a word count for each score"));
    }
    Ok(decoder::article_run(&scores, &words, threshold))
}

fn check_page(lines: &[&str], page: &[Vec<String>]) -> PyResult<()> {
    if page.is_empty() || page.len() == lines.len() {
        return Ok(());
    }
    Err(PyValueError::new_err(format!(
        "{} page contexts for {} lines",
        page.len(),
        lines.len()
    )))
}

/// A family's line rules, searched together: the first that fires on a line, and where.
#[pyclass(frozen, module = "cleanscrape._engine")]
struct LineRules {
    rules: rules::LineRules,
    /// Its number as a line test whose answers a later pass reads back (`Segments::tested`).
    id: u64,
}

#[pymethods]
impl LineRules {
    /// From `(pattern, ignore case, needs, max chars, max words)` per rule, in order.
    #[new]
    fn new(rules: Vec<rules::RuleSource>) -> PyResult<Self> {
        let rules = rules::LineRules::new(rules).map_err(PyValueError::new_err)?;
        Ok(LineRules {
            rules,
            id: table::test_id(),
        })
    }

    /// `(rule index, match end in code points)` of the first rule matching `line` of
    /// `n_words` words, or None.
    fn first(
        &self,
        line: &Bound<'_, PyString>,
        n_words: usize,
    ) -> PyResult<Option<(usize, usize)>> {
        Ok(self.rules.first(&text_of(line)?, n_words))
    }

    /// `(segment index, rule index, match end)` of the first rule matching the normalized
    /// text of each segment of `table` not in `removed` and of at most `max_words` words.
    #[pyo3(signature = (table, removed, max_words=None))]
    fn first_each(
        &self,
        py: Python<'_>,
        table: &Bound<'_, SegmentTable>,
        removed: Vec<usize>,
        max_words: Option<usize>,
    ) -> Vec<(usize, usize, usize)> {
        let removed = removed.into_iter().collect();
        let segments = &table.get().0;
        // a segment's answer: (rule, match end, 0), as `Segments::tested` keeps answers
        let first = |s: &table::Segment| {
            if max_words.is_some_and(|m| s.words > m) {
                return None;
            }
            let (rule, end) = self.rules.first_in(s, s.words)?;
            Some((rule, end, 0))
        };
        py.detach(|| {
            segments
                .tested(&removed, self.id, max_words, first)
                .into_iter()
                .filter_map(|(i, _, found)| found.map(|(rule, end, _)| (i, rule, end)))
                .collect()
        })
    }
}

/// Users' patterns, all found in a line in one call.
#[pyclass(frozen, module = "cleanscrape._engine")]
struct LinePatterns {
    matcher: rules::LinePatterns,
    sources: Vec<(String, bool)>,
}

#[pymethods]
impl LinePatterns {
    /// From `(pattern, ignore case)` pairs.
    #[new]
    fn new(patterns: Vec<(String, bool)>) -> PyResult<Self> {
        let matcher = rules::LinePatterns::new(&patterns).map_err(PyValueError::new_err)?;
        Ok(LinePatterns {
            matcher,
            sources: patterns,
        })
    }

    /// Pickled as its patterns (workers of a `--jobs` run compile their own).
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> (Bound<'py, PyType>, (Vec<(String, bool)>,)) {
        (slf.get_type(), (slf.get().sources.clone(),))
    }

    /// `(pattern, start, end)` of every match in `line`, by pattern, then start.
    fn find(
        &self,
        py: Python<'_>,
        line: &Bound<'_, PyString>,
    ) -> PyResult<Vec<(usize, usize, usize)>> {
        let line = text_of(line)?;
        Ok(py.detach(|| self.matcher.find(&line)))
    }
}

/// A Python `re` pattern with Python's meaning, searched in linear time (a family's
/// pattern that is searched, not tried as a line rule).
#[pyclass(frozen, name = "Pattern", module = "cleanscrape._engine")]
struct SearchPattern {
    pattern: pyregex::Pattern,
    source: (String, bool),
}

#[pymethods]
impl SearchPattern {
    /// `pattern` (with `re.IGNORECASE` where `ignore_case`).
    #[new]
    #[pyo3(signature = (pattern, ignore_case=false))]
    fn new(pattern: String, ignore_case: bool) -> PyResult<Self> {
        let compiled =
            pyregex::Pattern::new(&pattern, ignore_case).map_err(PyValueError::new_err)?;
        Ok(SearchPattern {
            pattern: compiled,
            source: (pattern, ignore_case),
        })
    }

    /// Pickled as its source.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> (Bound<'py, PyType>, (String, bool)) {
        (slf.get_type(), slf.get().source.clone())
    }

    /// The pattern's source.
    #[getter]
    fn pattern(&self) -> &str {
        &self.source.0
    }

    /// Where `re.search` finds the pattern in `text` from `pos` on (code points), or None.
    #[pyo3(signature = (text, pos=0))]
    fn search(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
        pos: usize,
    ) -> PyResult<Option<usize>> {
        let text = text_of(text)?;
        Ok(py.detach(|| self.pattern.search_from(&text, pos)))
    }
}

/// A model's learned line patterns, looked up by a line's `line_keys`.
#[pyclass(frozen, module = "cleanscrape._engine")]
struct LearnedPatterns(patterns::LearnedPatterns);

#[pymethods]
impl LearnedPatterns {
    /// From `(kind, tokens)` per pattern, in order.
    #[new]
    fn new(patterns: Vec<(String, Vec<String>)>) -> Self {
        LearnedPatterns(patterns::LearnedPatterns::new(patterns))
    }

    /// `(segment index, pattern index)` of each segment of `table` not in `removed` whose
    /// text matches a pattern, with the first it matches.
    fn first_each(
        &self,
        py: Python<'_>,
        table: &Bound<'_, SegmentTable>,
        removed: Vec<usize>,
    ) -> Vec<(usize, usize)> {
        let removed = removed.into_iter().collect();
        let segments = &table.get().0;
        py.detach(|| {
            segments
                .kept(&removed)
                .filter_map(|(i, s)| {
                    let folded = s.ids.iter().map(|&id| segments.vocabulary.word(id));
                    Some((i, self.0.first(&s.text, s.words, folded)?))
                })
                .collect()
        })
    }
}

/// The patterns a line can match, as `(kind, tokens)`.
#[pyfunction]
fn line_keys<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyString>,
) -> PyResult<Vec<(&'static str, Bound<'py, PyTuple>)>> {
    patterns::line_keys(&text_of(text)?)
        .into_iter()
        .map(|(kind, tokens)| Ok((kind, PyTuple::new(py, tokens)?)))
        .collect()
}

/// The provenance models: P(page dump) and P(page type) of a text's features.
#[pyclass(frozen, module = "cleanscrape._engine")]
struct ProvenanceReader(provenance::Reader);

#[pymethods]
impl ProvenanceReader {
    /// From the state weights and each page type's weights, in the models' order.
    #[new]
    fn new(
        state: HashMap<String, f64, FxBuildHasher>,
        types: Vec<(String, HashMap<String, f64, FxBuildHasher>)>,
    ) -> Self {
        ProvenanceReader(provenance::Reader::new(state, types))
    }

    fn page_dump_probability(&self, features: Vec<Bound<'_, PyString>>) -> PyResult<f64> {
        Ok(self.0.page_dump_probability(&strs(&features)?))
    }

    fn type_probabilities(
        &self,
        features: Vec<Bound<'_, PyString>>,
    ) -> PyResult<Vec<(String, f64)>> {
        Ok(self.0.type_probabilities(&strs(&features)?))
    }

    fn page_type(&self, features: Vec<Bound<'_, PyString>>) -> PyResult<String> {
        Ok(self.0.page_type(&strs(&features)?))
    }
}

/// Chrome's line tests: a bulleted contributor line, the family's rules, a share bar;
/// a paragraph of notices; a glued line's opening prompt.
#[pyclass(frozen, module = "cleanscrape._engine")]
struct ChromeLines(chrome::ChromeLines);

#[pymethods]
impl ChromeLines {
    /// From the bulleted line's pattern, the rules (as `LineRules` takes them), the share
    /// bar's words, verbs, places and networks, and the most words of a notice paragraph.
    #[new]
    fn new(
        bulleted: &str,
        rules: Vec<rules::RuleSource>,
        share_bar: (Vec<String>, Vec<String>, Vec<String>, Vec<String>),
        max_paragraph_words: usize,
    ) -> PyResult<Self> {
        let (words, verbs, places, networks) = share_bar;
        let share_bar = rules::ShareBar::new(words, verbs, places, networks);
        chrome::ChromeLines::new(bulleted, rules, share_bar, max_paragraph_words)
            .map(ChromeLines)
            .map_err(PyValueError::new_err)
    }

    /// `(test, end)` of the test firing on a line (`text`, normalized `norm`, of `n_words`
    /// words) of at most `max_words` words, or None.
    #[pyo3(signature = (text, norm, n_words, max_words))]
    fn classify(
        &self,
        text: &Bound<'_, PyString>,
        norm: &Bound<'_, PyString>,
        n_words: usize,
        max_words: Option<usize>,
    ) -> PyResult<Option<(usize, usize)>> {
        Ok(self
            .0
            .classify(&text_of(text)?, &text_of(norm)?, n_words, max_words))
    }

    /// `(segment index, test, end, how)` of each chrome segment of `table` not in
    /// `removed`; `how` is 0 for a line, 1 for a notice paragraph, 2 for a glued prompt.
    #[pyo3(signature = (table, removed, max_words))]
    fn each(
        &self,
        py: Python<'_>,
        table: &Bound<'_, SegmentTable>,
        removed: Vec<usize>,
        max_words: Option<usize>,
    ) -> Vec<(usize, usize, usize, usize)> {
        let removed = removed.into_iter().collect();
        let segments = &table.get().0;
        py.detach(|| self.0.each(segments, &removed, max_words))
    }

    /// The number of tests `classify` numbers.
    fn tests(&self) -> usize {
        self.0.tests()
    }
}

/// Related blocks' line tests: read-more cues, headers, teaser lines.
#[pyclass(frozen, module = "cleanscrape._engine")]
struct RelatedLines(related::RelatedLines);

#[pymethods]
impl RelatedLines {
    /// From the cue, header, long header, header prefix and teaser rules (each as
    /// `LineRules` takes them), the most characters of a cue and of a header.
    #[new]
    fn new(
        rules: [Vec<rules::RuleSource>; 5],
        max_cue_chars: usize,
        max_header_chars: usize,
    ) -> PyResult<Self> {
        let [cues, headers, long_header, header_prefix, teasers] = rules;
        let rules = related::RelatedRules {
            cues,
            headers,
            long_header,
            header_prefix,
            teasers,
        };
        related::RelatedLines::new(rules, max_cue_chars, max_header_chars)
            .map(RelatedLines)
            .map_err(PyValueError::new_err)
    }

    /// `(segment index, part)` of each segment of `table` not in `removed` that is a cue
    /// (part 1), else a header (2, a header prefix followed by at most `max_rest_words`
    /// words), else a teaser line (3).
    fn each(
        &self,
        py: Python<'_>,
        table: &Bound<'_, SegmentTable>,
        removed: Vec<usize>,
        max_rest_words: usize,
    ) -> Vec<(usize, usize)> {
        let removed = removed.into_iter().collect();
        let segments = &table.get().0;
        py.detach(|| self.0.each(segments, &removed, max_rest_words))
    }
}

/// Icon-sprite runs: the vocabulary, and the test of a line.
#[pyclass(frozen, module = "cleanscrape._engine")]
struct IconRuns(sprites::IconRuns);

#[pymethods]
impl IconRuns {
    /// From the icon words, the strong markers' pattern and the words one of which each
    /// marker holds.
    #[new]
    fn new(icon_words: Vec<String>, markers: &str, marker_words: Vec<String>) -> PyResult<Self> {
        sprites::IconRuns::new(icon_words, markers, marker_words)
            .map(IconRuns)
            .map_err(PyValueError::new_err)
    }

    /// Whether `text` is a run of icon titles, at the thresholds `at` (`sprites::Thresholds`
    /// as a tuple).
    fn is_run(&self, text: &Bound<'_, PyString>, at: (usize, f64, usize)) -> PyResult<bool> {
        Ok(self.0.is_run(&text_of(text)?, &at.into()))
    }

    /// The indices of the segments of `table` not in `removed` that are runs at `at`.
    fn each(
        &self,
        py: Python<'_>,
        table: &Bound<'_, SegmentTable>,
        removed: Vec<usize>,
        at: (usize, f64, usize),
    ) -> Vec<usize> {
        let at = at.into();
        let removed = removed.into_iter().collect();
        let segments = &table.get().0;
        py.detach(|| {
            segments
                .kept(&removed)
                .filter(|(_, s)| self.0.is_run(&s.text, &at))
                .map(|(i, _)| i)
                .collect()
        })
    }
}

/// Per line, whether it lies in a feed of timestamped items.
#[pyfunction]
fn in_feed(lines: Vec<Bound<'_, PyString>>) -> PyResult<Vec<bool>> {
    let texts = texts_of(&lines)?;
    let lines: Vec<&str> = texts.iter().map(|t| t.as_ref()).collect();
    Ok(linemodel::in_feed(&lines))
}

/// `(start, end, line number)` of each non-blank line of `source` (of each sentence of a
/// glued line where `split_glued`), in code points.
#[pyfunction]
fn text_spans(
    py: Python<'_>,
    source: &Bound<'_, PyString>,
    split_glued: bool,
) -> PyResult<Vec<(usize, usize, usize)>> {
    let source = text_of(source)?;
    Ok(py.detach(|| segment::text_spans(&source, split_glued)))
}

/// A pass's segments as the engine holds them for the families' line tests.
#[pyclass(frozen, module = "cleanscrape._engine")]
struct SegmentTable(table::Segments);

#[pymethods]
impl SegmentTable {
    /// From `(start, end, line number, text, normalized text, word count)` per segment (its
    /// word tokens read here).
    #[new]
    fn new(rows: Vec<(usize, usize, usize, String, String, usize)>) -> Self {
        let bytes = rows.iter().map(|row| row.3.len()).sum();
        let mut vocabulary = text::Vocabulary::for_text(bytes);
        let list = rows
            .into_iter()
            .map(|(start, end, line, text, norm, words)| {
                table::Segment::given((start, end, line), text, norm, Some(words), &mut vocabulary)
            })
            .collect();
        SegmentTable(table::Segments::new(list, vocabulary, None))
    }

    fn __len__(&self) -> usize {
        self.0.list.len()
    }

    /// The numbers of the lines split into several segments (a glued line's sentences).
    fn glued_lines(&self) -> std::collections::HashSet<usize> {
        self.0.glued_lines().into_iter().collect()
    }

    /// `(start, end)` of each segment that is a prose line (`text::is_prose`).
    fn prose_spans(&self) -> Vec<(usize, usize)> {
        let segments = self.0.list.iter();
        segments
            .filter(|s| text::is_prose(&s.text, s.words))
            .map(|s| (s.start, s.end))
            .collect()
    }

    /// How many characters (code points) its segments cover, line breaks between them aside.
    fn chars(&self) -> usize {
        self.0.list.iter().map(|s| s.end - s.start).sum()
    }

    /// Each segment as a `cls` (Python's `Segment`, a named tuple of `(index, start, end,
    /// tail, text, normalized text, word count, line number)`), its text cut from `source`
    /// (which it was made from), its tail where the next one starts (or the end of `source`).
    fn rows<'py>(
        &self,
        source: &Bound<'py, PyString>,
        cls: &Bound<'py, PyType>,
    ) -> PyResult<Vec<Bound<'py, PyAny>>> {
        check_named_tuple(cls, SEGMENT_FIELDS, SEGMENT_SHAPE)?;
        let length = self.cut_from(source)?;
        (0..self.0.list.len())
            .map(|i| self.row(i, source, cls, length))
            .collect()
    }

    /// `rows`, each made the first time it is read (a pass's families read few of its
    /// segments: the ones they find) and kept: a `SegmentRows`.
    fn rows_as_read(
        slf: &Bound<'_, Self>,
        source: &Bound<'_, PyString>,
        cls: &Bound<'_, PyType>,
    ) -> PyResult<SegmentRows> {
        check_named_tuple(cls, SEGMENT_FIELDS, SEGMENT_SHAPE)?;
        let table = slf.get();
        table.cut_from(source)?;
        Ok(SegmentRows {
            table: slf.clone().unbind(),
            source: source.clone().unbind(),
            cls: cls.clone().unbind(),
            made: (0..table.0.list.len()).map(|_| OnceLock::new()).collect(),
        })
    }

    /// A `cls` (Python's `Removal`, a named tuple of `(start, end, family, reason, rule,
    /// confidence, text)`) of confidence 1 taking each of `drops`' segments whole, from its
    /// start to its tail (as `rows` gives it): `(segment index, reason number, rule number)`
    /// each, numbering `named`'s reasons and rules, all by `family`; made straight from their
    /// fields (`Filter.drop_line`, for many lines at once).
    fn line_removals<'py>(
        &self,
        source: &Bound<'py, PyString>,
        drops: Vec<(usize, usize, usize)>,
        named: (Vec<Bound<'py, PyAny>>, Vec<Bound<'py, PyAny>>),
        family: &Bound<'py, PyString>,
        cls: &Bound<'py, PyType>,
    ) -> PyResult<Vec<Bound<'py, PyAny>>> {
        check_named_tuple(cls, REMOVAL_FIELDS, REMOVAL_SHAPE)?;
        let (reasons, rules) = named;
        let py = source.py();
        let segments = &self.0.list;
        let length = source.len()?;
        let (one, empty) = (1.0f64.into_pyobject(py)?, PyString::new(py, ""));
        let mut removals = Vec::with_capacity(drops.len());
        for (i, reason, rule) in drops {
            let s = segments
                .get(i)
                .ok_or_else(|| PyValueError::new_err("no such segment"))?;
            let (reason, rule) = match (reasons.get(reason), rules.get(rule)) {
                (Some(reason), Some(rule)) => (reason.clone(), rule.clone()),
                _ => return Err(PyValueError::new_err("no such reason or rule")),
            };
            let tail = self.0.tail(i, length);
            let fields: [Bound<'py, PyAny>; REMOVAL_FIELDS] = [
                s.start.into_pyobject(py)?.into_any(),
                tail.into_pyobject(py)?.into_any(),
                family.clone().into_any(),
                reason,
                rule,
                one.clone().into_any(),
                empty.clone().into_any(),
            ];
            removals.push(atomic_tuple(cls, fields)?);
        }
        Ok(removals)
    }
}

impl SegmentTable {
    /// The length of `source` in code points, where its segments lie in it; ValueError where
    /// they were not cut from it.
    fn cut_from(&self, source: &Bound<'_, PyString>) -> PyResult<usize> {
        let length = source.len()?;
        match self
            .0
            .list
            .iter()
            .any(|s| s.end > length || s.start > s.end)
        {
            true => Err(PyValueError::new_err("segments not cut from this source")),
            false => Ok(length),
        }
    }

    /// Segment `i` as a `cls` (`rows`), in a `source` of `length` code points that it was cut
    /// from (`cut_from`).
    fn row<'py>(
        &self,
        i: usize,
        source: &Bound<'py, PyString>,
        cls: &Bound<'py, PyType>,
        length: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = source.py();
        let s = &self.0.list[i];
        let fields: [Bound<'py, PyAny>; SEGMENT_FIELDS] = [
            i.into_pyobject(py)?.into_any(),
            s.start.into_pyobject(py)?.into_any(),
            s.end.into_pyobject(py)?.into_any(),
            self.0.tail(i, length).into_pyobject(py)?.into_any(),
            substring(source, s.start, s.end)?.into_any(),
            PyString::new(py, &s.norm).into_any(),
            s.words.into_pyobject(py)?.into_any(),
            s.line.into_pyobject(py)?.into_any(),
        ];
        atomic_tuple(cls, fields)
    }
}

/// A pass's segments as Python's `Segment`s (`SegmentTable.rows`), a sequence whose items are
/// made the first time they are read, and kept.
#[pyclass(frozen, sequence, module = "cleanscrape._engine")]
struct SegmentRows {
    table: Py<SegmentTable>,
    source: Py<PyString>,
    cls: Py<PyType>,
    made: Vec<OnceLock<Py<PyAny>>>,
}

impl SegmentRows {
    fn item<'py>(&self, py: Python<'py>, i: usize) -> PyResult<Bound<'py, PyAny>> {
        if let Some(made) = self.made[i].get() {
            return Ok(made.bind(py).clone());
        }
        let (source, cls) = (self.source.bind(py), self.cls.bind(py));
        let row = self.table.get().row(i, source, cls, source.len()?)?;
        Ok(self.made[i].get_or_init(|| row.unbind()).bind(py).clone())
    }

    fn all<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        (0..self.made.len()).map(|i| self.item(py, i)).collect()
    }
}

#[pymethods]
impl SegmentRows {
    fn __len__(&self) -> usize {
        self.made.len()
    }

    /// A segment by its index (from the end where negative), or a list of a slice's.
    fn __getitem__<'py>(&self, index: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = index.py();
        if let Ok(slice) = index.cast::<pyo3::types::PySlice>() {
            let found = slice.indices(self.made.len() as isize)?;
            let mut items = Vec::new();
            let mut at = found.start;
            while (found.step > 0 && at < found.stop) || (found.step < 0 && at > found.stop) {
                items.push(self.item(py, at as usize)?);
                at += found.step;
            }
            return Ok(pyo3::types::PyList::new(py, items)?.into_any());
        }
        let n = self.made.len() as isize;
        let i: isize = index.extract()?;
        let at = if i < 0 { i + n } else { i };
        if !(0..n).contains(&at) {
            return Err(pyo3::exceptions::PyIndexError::new_err(
                "segment index out of range",
            ));
        }
        self.item(py, at as usize)
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(pyo3::types::PyList::new(py, self.all(py)?)?
            .try_iter()?
            .into_any())
    }

    /// Equal to a sequence of the same segments, in order (a list of them, say).
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let py = other.py();
        let mine = pyo3::types::PyList::new(py, self.all(py)?)?;
        match other.try_iter() {
            Ok(items) => {
                let theirs: Vec<Bound<'_, PyAny>> = items.collect::<PyResult<_>>()?;
                mine.eq(pyo3::types::PyList::new(py, theirs)?)
            }
            Err(_) => Ok(false),
        }
    }
}

const SEGMENT_FIELDS: usize = 8;
const REMOVAL_FIELDS: usize = 7;
const SEGMENT_SHAPE: &str = "rows are made as a named tuple of eight fields";
const REMOVAL_SHAPE: &str = "removals are made as a named tuple of seven fields";

/// The seven fields of `removal` (Python's `Removal`), to read or to make a changed copy of
/// it from (`atomic_tuple`); TypeError for a tuple of another length.
fn removal_fields<'py>(
    removal: &Bound<'py, PyTuple>,
) -> PyResult<[Bound<'py, PyAny>; REMOVAL_FIELDS]> {
    if removal.len() != REMOVAL_FIELDS {
        return Err(PyTypeError::new_err(REMOVAL_SHAPE));
    }
    Ok([
        removal.get_item(0)?,
        removal.get_item(1)?,
        removal.get_item(2)?,
        removal.get_item(3)?,
        removal.get_item(4)?,
        removal.get_item(5)?,
        removal.get_item(6)?,
    ])
}

/// That `cls` is a named tuple of `fields` fields without an instance dict (`atomic_tuple`
/// makes one of its instances); TypeError saying `shape` where it is not.
fn check_named_tuple(cls: &Bound<'_, PyType>, fields: usize, shape: &str) -> PyResult<()> {
    let py = cls.py();
    let count = cls
        .getattr(pyo3::intern!(py, "_fields"))
        .and_then(|f| f.len())
        .ok();
    let no_dict = cls
        .getattr(pyo3::intern!(py, "__dictoffset__"))?
        .extract::<isize>()?
        == 0;
    if !cls.is_subclass_of::<PyTuple>()? || count != Some(fields) || !no_dict {
        return Err(PyTypeError::new_err(format!("{shape} (no instance dict)")));
    }
    Ok(())
}

/// `source` with `spans` (objects with a `start` and an `end`, sorted and disjoint) cut out
/// of it, as `spans.pieces` walks them: each stretch before a span, and the rest after the
/// last, joined.
#[pyfunction]
fn apply_removals<'py>(
    source: &Bound<'py, PyString>,
    spans: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyString>> {
    let py = source.py();
    let length = source.len()?;
    let kept = pyo3::types::PyList::empty(py);
    let mut cursor = 0;
    for span in spans.try_iter()? {
        let span = span?;
        let start: usize = span.getattr(pyo3::intern!(py, "start"))?.extract()?;
        if start > cursor {
            kept.append(substring(source, cursor, start)?)?; // clamped to the end, as a slice is
        }
        cursor = span.getattr(pyo3::intern!(py, "end"))?.extract()?;
    }
    if cursor < length {
        kept.append(substring(source, cursor, length)?)?;
    }
    PyString::new(py, "")
        .call_method1(pyo3::intern!(py, "join"), (kept,))?
        .cast_into::<PyString>()
        .map_err(Into::into)
}

/// The proposals that apply (`Pipeline._single_pass`): each of `proposals` (named tuples
/// of the class `cls`, Python's `Removal`) again, holding its confidence, where that reaches
/// `threshold`. A confidence is read from `judged` by the proposal's (family, reason, rule),
/// else from `reading`'s trust (for input in its state from a page of its page type) and
/// kept in `judged`.
/// Where `table` is given (a later filter reads what this one removes), each that takes one
/// of its segments whole marks it in `removed` (segment index → family) where no earlier
/// one has.
#[pyfunction]
fn judge<'py>(
    proposals: Vec<Bound<'py, PyTuple>>,
    judged: &Bound<'py, PyDict>,
    reading: (Bound<'py, trust::Trust>, String, String),
    threshold: f64,
    cls: &Bound<'py, PyType>,
    table: Option<&Bound<'py, SegmentTable>>,
    removed: &Bound<'py, PyDict>,
) -> PyResult<Vec<Bound<'py, PyAny>>> {
    check_named_tuple(cls, REMOVAL_FIELDS, REMOVAL_SHAPE)?;
    let (trust, state, page_type) = reading;
    let py = cls.py();
    let segments = table.map(|t| &t.get().0.list);
    let mut applied = Vec::new();
    // The confidences of the keys met in this call, by their objects: a filter's proposals
    // share a few, and an enum member (a reason) hashes by a call into Python.
    // (Objects `proposals` holds, alive for the call: none is freed and its address reused.)
    let mut met: Vec<([*mut ffi::PyObject; 3], Bound<'py, PyAny>)> = Vec::new();
    for proposed in &proposals {
        let mut fields = removal_fields(proposed)?;
        let parts = [fields[2].clone(), fields[3].clone(), fields[4].clone()];
        let objects = [parts[0].as_ptr(), parts[1].as_ptr(), parts[2].as_ptr()];
        let value = match met.iter().find(|(seen, _)| *seen == objects) {
            Some((_, value)) => value.clone(),
            None => {
                let key = PyTuple::new(py, parts)?;
                let value = match judged.get_item(&key)? {
                    Some(known) => known,
                    None => {
                        let text = |at: usize| fields[at].cast::<PyString>()?.to_str();
                        let confidence = trust.get().confidence(
                            text(2)?,
                            text(3)?,
                            text(4)?,
                            &state,
                            &page_type,
                        );
                        let value = confidence.into_pyobject(py)?.into_any();
                        judged.set_item(&key, &value)?;
                        value
                    }
                };
                met.push((objects, value.clone()));
                value
            }
        };
        if value.extract::<f64>()? < threshold {
            continue;
        }
        if let Some(segments) = segments {
            let (start, end): (usize, usize) = (fields[0].extract()?, fields[1].extract()?);
            if let Ok(i) = segments.binary_search_by_key(&start, |s| s.start) {
                if end >= segments[i].end && !removed.contains(i)? {
                    removed.set_item(i, &fields[2])?;
                }
            }
        }
        fields[5] = value;
        applied.push(atomic_tuple(cls, fields)?);
    }
    Ok(applied)
}

/// `removals` (named tuples of the class `cls`, Python's `Removal`) sorted by start, the
/// longer first among equal starts, each empty one left out and each overlapping one before
/// it absorbed by it: extended to its end where it reaches further (as a new `cls`, its
/// text left empty).
#[pyfunction]
fn merge<'py>(
    originals: Vec<Bound<'py, PyTuple>>,
    cls: &Bound<'py, PyType>,
) -> PyResult<Vec<Bound<'py, PyAny>>> {
    check_named_tuple(cls, REMOVAL_FIELDS, REMOVAL_SHAPE)?;
    let removals: Vec<[Bound<'py, PyAny>; REMOVAL_FIELDS]> = originals
        .iter()
        .map(removal_fields)
        .collect::<PyResult<_>>()?;
    let spans: Vec<(usize, usize)> = removals
        .iter()
        .map(|r| Ok((r[0].extract()?, r[1].extract()?)))
        .collect::<PyResult<_>>()?;
    let mut order: Vec<usize> = (0..removals.len()).collect();
    order.sort_by_key(|&i| (spans[i].0, std::cmp::Reverse(spans[i].1))); // stable: ties keep order
    let mut merged: Vec<(usize, usize)> = Vec::new(); // (removal, the end it reaches)
    for i in order {
        let (start, end) = spans[i];
        if start >= end {
            continue;
        }
        match merged.last_mut() {
            Some((_, last_end)) if start < *last_end => *last_end = end.max(*last_end),
            _ => merged.push((i, end)),
        }
    }
    merged
        .into_iter()
        .map(|(i, end)| {
            if end == spans[i].1 {
                return Ok(originals[i].clone().into_any());
            }
            let py = cls.py();
            let mut fields = removals[i].clone();
            fields[1] = end.into_pyobject(py)?.into_any();
            fields[6] = PyString::new(py, "").into_any();
            atomic_tuple(cls, fields)
        })
        .collect()
}

/// Each of `removals` (named tuples of the class `cls`, Python's `Removal`) again, holding
/// its text cut from `source`, `source[start:end]`.
#[pyfunction]
fn with_texts<'py>(
    removals: Vec<Bound<'py, PyTuple>>,
    source: &Bound<'py, PyString>,
    cls: &Bound<'py, PyType>,
) -> PyResult<Vec<Bound<'py, PyAny>>> {
    check_named_tuple(cls, REMOVAL_FIELDS, REMOVAL_SHAPE)?;
    let length = source.len()?;
    removals
        .iter()
        .map(|removal| {
            let mut fields = removal_fields(removal)?;
            let (start, end): (usize, usize) = (fields[0].extract()?, fields[1].extract()?);
            if start > end || end > length {
                return Err(PyValueError::new_err("a removal past its source's end"));
            }
            fields[6] = substring(source, start, end)?.into_any();
            atomic_tuple(cls, fields)
        })
        .collect()
}

/// An instance of the tuple subclass `cls` holding `fields`, made as `tuple.__new__(cls,
/// fields)` makes it, without the tuple that call takes; untracked by the garbage collector
/// where no field is tracked (ints, strings, floats), as CPython untracks a plain tuple of
/// such fields (nothing they hold can lead back to it), so that collections need not walk a
/// million lines' segments.
fn atomic_tuple<'py, const N: usize>(
    cls: &Bound<'py, PyType>,
    fields: [Bound<'py, PyAny>; N],
) -> PyResult<Bound<'py, PyAny>> {
    let py = cls.py();
    let size = N as ffi::Py_ssize_t;
    // SAFETY: `cls` is a subclass of tuple without an instance dict (checked by the caller),
    // so its allocation holds `N` item slots, all NULL, and the new object's one reference is
    // ours; `PyTuple_SetItem` takes over each field's reference and fills each slot once.
    // Untracking is sound for an object no cycle can pass through: it holds only untracked
    // objects (which refer to nothing that could lead back), and no dict.
    unsafe {
        let atomic = fields
            .iter()
            .all(|field| ffi::PyObject_GC_IsTracked(field.as_ptr()) == 0);
        let made =
            Bound::from_owned_ptr_or_err(py, ffi::PyType_GenericAlloc(cls.as_type_ptr(), size))?;
        for (at, field) in fields.into_iter().enumerate() {
            if ffi::PyTuple_SetItem(made.as_ptr(), at as ffi::Py_ssize_t, field.into_ptr()) != 0 {
                return Err(PyErr::fetch(py));
            }
        }
        if atomic {
            ffi::PyObject_GC_UnTrack(made.as_ptr().cast());
        }
        Ok(made)
    }
}

/// `text[start:end]`, in code points, as Python slices it (lone surrogates and all).
fn substring<'py>(
    text: &Bound<'py, PyString>,
    start: usize,
    end: usize,
) -> PyResult<Bound<'py, PyString>> {
    let (start, end) = (start as pyo3::ffi::Py_ssize_t, end as pyo3::ffi::Py_ssize_t);
    // SAFETY: `text` is a live str and the range lies within it (checked by the caller);
    // PyUnicode_Substring returns a new reference or NULL with an exception set.
    let sliced = unsafe { pyo3::ffi::PyUnicode_Substring(text.as_ptr(), start, end) };
    let sliced = unsafe { Bound::from_owned_ptr_or_err(text.py(), sliced)? };
    Ok(sliced.cast_into::<PyString>()?)
}

/// Literal substrings a segment's text may hold (in its last characters, where given): a
/// family's cheap test of which segments its costlier tests need to read.
#[pyclass(frozen, module = "cleanscrape._engine")]
pub(crate) struct Needles {
    finder: aho_corasick::AhoCorasick,
    last_chars: Option<usize>,
}

#[pymethods]
impl Needles {
    /// Any of `needles`, within a text's last `last_chars` characters where given, ASCII
    /// letters in either case where `ascii_case`.
    #[new]
    #[pyo3(signature = (needles, last_chars=None, ascii_case=false))]
    fn new(needles: Vec<String>, last_chars: Option<usize>, ascii_case: bool) -> PyResult<Self> {
        let finder = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(ascii_case)
            .build(&needles)
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(Needles { finder, last_chars })
    }

    /// The indices of the segments of `table` not in `removed` whose text holds a needle.
    fn each(&self, table: &Bound<'_, SegmentTable>, removed: Vec<usize>) -> Vec<usize> {
        let removed = removed.into_iter().collect();
        table
            .get()
            .0
            .kept(&removed)
            .filter(|(_, s)| self.held_by(&s.text))
            .map(|(i, _)| i)
            .collect()
    }
}

impl Needles {
    /// Whether `text` holds a needle (in its last characters, where given).
    pub(crate) fn held_by(&self, text: &str) -> bool {
        self.finder
            .is_match(self.last_chars.map_or(text, |n| segment::tail(text, n)))
    }
}

/// Caption credits' test of a line: where a credit starts and which rule found it
/// (`credits`), searched only in the lines that hold one of its needles.
#[pyclass(frozen, module = "cleanscrape._engine")]
struct CreditLines {
    /// Its number as a test that keeps its answers for a later pass (`Segments::tested`).
    id: u64,
    labelled: Py<SearchPattern>,
    copyright: Py<SearchPattern>,
    agency_tail: Py<SearchPattern>,
    needs: [Py<Needles>; 3],
    last_chars: usize,
    agency_last_chars: usize,
}

#[pymethods]
impl CreditLines {
    /// From the patterns of a labelled credit, a copyright notice and an agency credit, the
    /// needles a line's end holds where each may be (in that order), and how far from a
    /// line's end a labelled credit or notice and an agency credit are looked for.
    #[new]
    fn new(
        labelled: Py<SearchPattern>,
        copyright: Py<SearchPattern>,
        agency_tail: Py<SearchPattern>,
        needs: [Py<Needles>; 3],
        last_chars: usize,
        agency_last_chars: usize,
    ) -> Self {
        CreditLines {
            id: table::test_id(),
            labelled,
            copyright,
            agency_tail,
            needs,
            last_chars,
            agency_last_chars,
        }
    }

    /// `(start, rule)` of the credit ending `text` (`credits::CreditTests::start`), or None.
    fn start(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
    ) -> PyResult<Option<(usize, usize)>> {
        let text = text_of(text)?;
        Ok(py.detach(|| self.tests().start(&text)))
    }

    /// `(segment index, start, rule)` of the credit of each segment of `table` not in
    /// `removed` that holds one.
    fn each(
        &self,
        py: Python<'_>,
        table: &Bound<'_, SegmentTable>,
        removed: Vec<usize>,
    ) -> Vec<(usize, usize, usize)> {
        let removed = removed.into_iter().collect();
        let segments = &table.get().0;
        py.detach(|| {
            let tests = self.tests();
            let credit = |s: &table::Segment| {
                let (start, rule) = tests.start(&s.text)?;
                Some((start, rule, 0))
            };
            segments
                .tested(&removed, self.id, None, credit)
                .into_iter()
                .filter_map(|(i, _, found)| found.map(|(start, rule, _)| (i, start, rule)))
                .collect()
        })
    }
}

impl CreditLines {
    fn tests(&self) -> credits::CreditTests<'_> {
        credits::CreditTests {
            labelled: &self.labelled.get().pattern,
            copyright: &self.copyright.get().pattern,
            agency_tail: &self.agency_tail.get().pattern,
            needs: self.needs.each_ref().map(|n| n.get()),
            last_chars: self.last_chars,
            agency_last_chars: self.agency_last_chars,
        }
    }
}

/// The segments of `source` (each sentence of a glued line one, where `split_glued`); a
/// segment whose text is one of `known`'s reads its normalized text, word count and tokens
/// there.
#[pyfunction]
#[pyo3(signature = (source, split_glued, known=None))]
fn text_segments(
    py: Python<'_>,
    source: &Bound<'_, PyString>,
    split_glued: bool,
    known: Option<&Bound<'_, SegmentTable>>,
) -> PyResult<SegmentTable> {
    let source = text_of(source)?;
    let known = known.map(|k| &k.get().0);
    Ok(SegmentTable(py.detach(|| {
        table::Segments::of_text(&source, split_glued, known)
    })))
}

/// Spans `(start, end, judged)` covering `source`: runs of whole lines of at most
/// `most_lines` lines or about `most_chars` characters, a line over `giant` alone and
/// unjudged.
#[pyfunction]
fn text_windows(
    source: &Bound<'_, PyString>,
    most_chars: usize,
    most_lines: usize,
    giant: usize,
) -> PyResult<Vec<(usize, usize, bool)>> {
    let mut windows = segment::Windows::new(most_chars, most_lines, giant);
    each_piece(source, |piece| windows.read(piece))?; // a long text is never copied whole
    Ok(windows.spans())
}

/// Return the engine's free memory to the operating system (after a long text's windows).
#[pyfunction]
fn return_free_memory() {
    allocator::return_free_memory();
}

/// `(start, end)` of each sentence of `line`, plus `offset`, in code points.
#[pyfunction]
fn sentence_spans(line: &Bound<'_, PyString>, offset: usize) -> PyResult<Vec<(usize, usize)>> {
    let chars: Vec<char> = text_of(line)?.chars().collect();
    Ok(segment::sentence_bounds(&chars)
        .into_iter()
        .map(|(a, b)| (offset + a, offset + b))
        .collect())
}

/// A line as rules compare it: NFKC, case-folded, single-spaced, edge punctuation trimmed.
#[pyfunction]
fn normalize(text: &Bound<'_, PyString>) -> PyResult<String> {
    Ok(text::normalize(&text_of(text)?))
}

/// The word tokens of `text`.
#[pyfunction]
fn words(text: &Bound<'_, PyString>) -> PyResult<Vec<String>> {
    Ok(text::words(&text_of(text)?)
        .into_iter()
        .map(str::to_string)
        .collect())
}

/// The number of word tokens of `text`.
#[pyfunction]
fn word_count(text: &Bound<'_, PyString>) -> PyResult<usize> {
    Ok(text::word_count(&text_of(text)?))
}

/// True when `text` is a prose line; `n_words` is its `word_count` where the caller has it.
#[pyfunction]
#[pyo3(signature = (text, n_words=None))]
fn is_prose(text: &Bound<'_, PyString>, n_words: Option<usize>) -> PyResult<bool> {
    let text = text_of(text)?;
    Ok(text::is_prose(
        &text,
        n_words.unwrap_or_else(|| text::word_count(&text)),
    ))
}

/// The provenance features of lines given as their texts, normalized texts and word counts.
#[pyfunction]
fn line_features(
    texts: Vec<Bound<'_, PyString>>,
    norms: Vec<Bound<'_, PyString>>,
    n_words: Vec<usize>,
) -> PyResult<Vec<String>> {
    let (texts, norms) = (texts_of(&texts)?, texts_of(&norms)?);
    if texts.len() != norms.len() || texts.len() != n_words.len() {
        return Err(PyValueError::new_err(
            "texts, norms and word counts differ in length",
        ));
    }
    let lines: Vec<provenance::Line<'_>> = (0..texts.len())
        .map(|i| provenance::Line {
            text: &texts[i],
            norm: &norms[i],
            words: n_words[i],
        })
        .collect();
    Ok(provenance::line_features(&lines))
}

/// `data` read as WTF-8 (`wtf8::from_wtf8`), or None where it is not.
#[pyfunction]
fn from_wtf8(py: Python<'_>, data: &Bound<'_, PyBytes>) -> Option<String> {
    let data = data.as_bytes();
    py.detach(|| wtf8::from_wtf8(data))
}

/// The provenance features of the opening lines of `text`.
#[pyfunction]
fn opening_features(py: Python<'_>, text: &Bound<'_, PyString>) -> PyResult<Vec<String>> {
    let text = text_of(text)?;
    Ok(py.detach(|| provenance::opening_features(&text)))
}

/// The provenance features of the opening lines of `source`, read from `table` (its
/// segments): the lines that start before code point `opening_end`.
#[pyfunction]
fn table_opening_features(
    py: Python<'_>,
    table: &Bound<'_, SegmentTable>,
    source: &Bound<'_, PyString>,
    opening_end: usize,
) -> PyResult<Vec<String>> {
    let source = text_of(source)?;
    let segments = &table.get().0;
    Ok(py.detach(|| provenance::table_opening_features(segments, &source, opening_end)))
}

/// The repeats among the segments of `table` not in `removed`: `(exact repeats of a line at
/// most `near` lines before (lines numbered among those segments), pull quotes among the
/// rest's lines of `shortest` words or more, as `PullQuotes::found` gives them, where
/// `shortest` is given)`.
#[pyfunction]
#[pyo3(name = "repeats", signature = (table, removed, near, shortest))]
fn repeats_of(
    py: Python<'_>,
    table: &Bound<'_, SegmentTable>,
    removed: Vec<usize>,
    near: Option<usize>,
    shortest: Option<usize>,
) -> (Vec<usize>, Option<repeats::Found>) {
    let removed = removed.into_iter().collect();
    let segments = &table.get().0;
    py.detach(|| {
        let (exact, lines) = repeats::near_repeats(segments, &removed, near);
        let pulled = shortest.map(|shortest| {
            // a line's tokens: its segment's own, or its segments' (as many as its words) joined
            let tokenized: Vec<Option<Cow<'_, [u32]>>> = lines
                .iter()
                .map(|line| {
                    let words: usize = line.iter().map(|&i| segments.list[i].words).sum();
                    (words >= shortest).then(|| match line {
                        [i] => Cow::Borrowed(segments.list[*i].ids.as_slice()),
                        _ => {
                            let mut ids = Vec::with_capacity(words);
                            for &i in line {
                                ids.extend_from_slice(&segments.list[i].ids);
                            }
                            Cow::Owned(ids)
                        }
                    })
                })
                .collect();
            repeats::pull_quotes(&tokenized).found(&lines)
        });
        (exact, pulled)
    })
}

/// The purity of `source` cleaned to `cleaned` by `removals` (Python's `Removal`s: their
/// start, end and confidence read, and whether their reason is one of `moved`, the reasons
/// of what went to the title or description, each an enum member, the same object). A long
/// text is read a piece at a time (`each_piece`).
#[pyfunction]
#[pyo3(name = "purity")]
fn purity_of(
    py: Python<'_>,
    source: &Bound<'_, PyString>,
    cleaned: &Bound<'_, PyString>,
    removals: Vec<Bound<'_, PyTuple>>,
    moved: Vec<Bound<'_, PyAny>>,
) -> PyResult<f64> {
    let removals = removals
        .iter()
        .map(|r| {
            let [start, end, _, reason, _, confidence, _] = removal_fields(r)?;
            let moved = moved.iter().any(|m| m.is(&reason));
            Ok((
                start.extract()?,
                end.extract()?,
                confidence.extract()?,
                moved,
            ))
        })
        .collect::<PyResult<Vec<purity::Removed>>>()?;
    let mut purity = purity::Purity::new(&removals);
    each_piece(source, |piece| py.detach(|| purity.read_source(piece)))?;
    each_piece(cleaned, |piece| py.detach(|| purity.read_cleaned(piece)))?;
    Ok(purity.score())
}

/// The logistic function, clamped so that no input overflows (training's and scoring's).
#[pyfunction]
fn sigmoid(z: f64) -> f64 {
    linemodel::sigmoid(z)
}

#[pymodule]
fn _engine(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<phrases::PhraseSet>()?;
    m.add_class::<trust::Trust>()?;
    m.add_function(wrap_pyfunction!(trust::cell_keys, m)?)?;
    m.add_class::<LineScorer>()?;
    m.add_class::<LineRules>()?;
    m.add_class::<SearchPattern>()?;
    m.add_class::<LinePatterns>()?;
    m.add_class::<LearnedPatterns>()?;
    m.add_class::<ProvenanceReader>()?;
    m.add_class::<ChromeLines>()?;
    m.add_class::<SegmentTable>()?;
    m.add_class::<SegmentRows>()?;
    m.add_class::<Needles>()?;
    m.add_class::<CreditLines>()?;
    m.add_class::<IconRuns>()?;
    m.add_class::<RelatedLines>()?;
    m.add_function(wrap_pyfunction!(line_keys, m)?)?;
    m.add_function(wrap_pyfunction!(read_line_model, m)?)?;
    m.add_function(wrap_pyfunction!(smooth, m)?)?;
    m.add_function(wrap_pyfunction!(is_page_dump, m)?)?;
    m.add_function(wrap_pyfunction!(article_run, m)?)?;
    m.add_function(wrap_pyfunction!(phrases::case_fold, m)?)?;
    m.add_function(wrap_pyfunction!(in_feed, m)?)?;
    m.add_function(wrap_pyfunction!(sigmoid, m)?)?;
    m.add_function(wrap_pyfunction!(normalize, m)?)?;
    m.add_function(wrap_pyfunction!(word_count, m)?)?;
    m.add_function(wrap_pyfunction!(words, m)?)?;
    m.add_function(wrap_pyfunction!(is_prose, m)?)?;
    m.add_function(wrap_pyfunction!(line_features, m)?)?;
    m.add_function(wrap_pyfunction!(opening_features, m)?)?;
    m.add_function(wrap_pyfunction!(from_wtf8, m)?)?;
    m.add_function(wrap_pyfunction!(repeats_of, m)?)?;
    m.add_function(wrap_pyfunction!(purity_of, m)?)?;
    m.add_function(wrap_pyfunction!(text_spans, m)?)?;
    m.add_function(wrap_pyfunction!(text_windows, m)?)?;
    m.add_function(wrap_pyfunction!(return_free_memory, m)?)?;
    m.add_function(wrap_pyfunction!(text_segments, m)?)?;
    m.add_function(wrap_pyfunction!(table_opening_features, m)?)?;
    m.add_function(wrap_pyfunction!(with_texts, m)?)?;
    m.add_function(wrap_pyfunction!(merge, m)?)?;
    m.add_function(wrap_pyfunction!(judge, m)?)?;
    m.add_function(wrap_pyfunction!(apply_removals, m)?)?;
    m.add_function(wrap_pyfunction!(sentence_spans, m)?)?;
    m.add("GLUED_LINE_CHARS", segment::GLUED_LINE_CHARS)?;
    m.add("HEAD_SHORT_SHARE", decoder::HEAD_SHORT_SHARE)?;
    m.add("SHORT_WORDS", linemodel::SHORT_WORDS)?;
    m.add("OPENING_LINES", provenance::MAX_LINES)?;
    m.add("PAGE", linemodel::PAGE)?;
    m.add("PROSE_WORDS", text::PROSE_WORDS)?;
    m.add("SCORE_BANDS", decoder::SCORE_BANDS)?;
    m.add("BAND_MARK", decoder::BAND_MARK)?;
    m.add("UNICODE_VERSION", unicode_tables::UNICODE_VERSION)?;
    Ok(())
}
