//! The line model's decoder: scores smoothed with the neighbouring lines, the tests that
//! tell a page dump, and the article's run among a page's menus and footers; and page
//! layout's cut of a page dump by them.

use std::ops::Range;

use crate::linemodel::SHORT_WORDS;

/// Weights of the previous line, the line and the next line in a smoothed score.
pub const SMOOTHING: [f64; 3] = [0.2, 0.6, 0.2];
/// Menu lines of a few words more, when the model reads them as chrome (`opens_like_page`).
pub const MENU_WORDS: usize = 5;
pub const MENU_HEAD_SHARE: f64 = 0.4;
pub const MENU_HEAD_SCORE: f64 = 0.2;
pub const DUMP_HEAD_SCORE: f64 = 0.35;
pub const HEAD_LINES: usize = 10;
pub const DUMP_MIN_LINES: usize = 40;
pub const HEAD_SHORT_SHARE: f64 = 0.6;
pub const IN_RUN_FLOOR: f64 = 0.15;
pub const OUT_OF_RUN_KEEP: f64 = 0.92;
/// A cut line's rule names its score in tenths (its band): bands are calibrated apart.
pub const SCORE_BANDS: usize = 10;
/// What a cut line's rule reads before its band: `line-model:<digest>:band3`.
pub const BAND_MARK: &str = ":band";

/// The rule named `rule` up to its band's number, and that number, where it names a band.
pub fn band_of(rule: &str) -> Option<(&str, usize)> {
    let at = rule.rfind(BAND_MARK)? + BAND_MARK.len();
    let band = rule[at..].parse().ok().filter(|&b| b < SCORE_BANDS)?;
    Some((&rule[..at], band))
}

/// Each score averaged with its neighbours' by `SMOOTHING` (the edges reuse the line's own).
pub fn smooth(scores: &[f64]) -> Vec<f64> {
    let [before, own, after] = SMOOTHING;
    let last = scores.len().saturating_sub(1);
    (0..scores.len())
        .map(|i| {
            before * scores[i.saturating_sub(1)]
                + own * scores[i]
                + after * scores[(i + 1).min(last)]
        })
        .collect()
}

/// Whether lines of these word counts look like a whole page flattened to text: at least
/// `DUMP_MIN_LINES` of them, and at least `share` of the first `HEAD_LINES` of at most
/// `short_words` words.
pub fn is_page_dump(words: &[usize], short_words: usize, share: f64) -> bool {
    let head = &words[..words.len().min(HEAD_LINES)];
    let short = head.iter().filter(|&&w| w <= short_words).count();
    words.len() >= DUMP_MIN_LINES && short as f64 >= share * head.len() as f64
}

/// Whether lines (glued lines whole) may be a page dump, for the model to judge: long, and
/// opening with lines of a few words (`MENU_WORDS`).
pub fn opens_like_page(words: &[usize]) -> bool {
    is_page_dump(words, MENU_WORDS, MENU_HEAD_SHARE)
}

/// Smoothed scores of lines of these word counts when they are a page dump (`raw` gives
/// their scores before smoothing, asked only then), else None. A dump's head of lines of up
/// to `SHORT_WORDS` words needs a mean score under `DUMP_HEAD_SCORE`; a head of lines running
/// to a few words more, a lower one (`MENU_HEAD_SCORE`).
pub fn page_scores(words: &[usize], raw: impl FnOnce() -> Vec<f64>) -> Option<Vec<f64>> {
    if !opens_like_page(words) {
        return None;
    }
    let scores = smooth(&raw());
    let head = &scores[..scores.len().min(HEAD_LINES)];
    let mean = head.iter().fold(0.0, |sum, s| sum + s) / head.len() as f64;
    let dump = is_page_dump(words, SHORT_WORDS, HEAD_SHORT_SHARE);
    let limit = if dump {
        DUMP_HEAD_SCORE
    } else {
        MENU_HEAD_SCORE
    };
    (mean < limit).then_some(scores)
}

/// Which lines to keep: the contiguous run with the most content evidence (each line adds
/// its score less `threshold`, weighted by the square root of its word count: a maximum-
/// subarray search), but for lines in it scoring under `IN_RUN_FLOOR`, and the lines outside
/// it scoring over `OUT_OF_RUN_KEEP`.
pub fn article_run(scores: &[f64], words: &[usize], threshold: f64) -> Vec<bool> {
    let (mut best, mut total, mut start) = (f64::NEG_INFINITY, 0.0, 0);
    let mut run = 0..0;
    for (i, (&score, &w)) in scores.iter().zip(words).enumerate() {
        let value = (score - threshold) * (w.max(1) as f64).sqrt();
        (total, start) = if total <= 0.0 {
            (value, i)
        } else {
            (total + value, start)
        };
        if total > best {
            best = total;
            run = start..i + 1;
        }
    }
    scores
        .iter()
        .enumerate()
        .map(|(i, &s)| (run.contains(&i) && s >= IN_RUN_FLOOR) || s >= OUT_OF_RUN_KEEP)
        .collect()
}

/// What a page dump's lines say, for `page_cut`: each line's segments and word count, and
/// what earlier filters and the page's own rules found there.
pub struct PageLines<'a> {
    /// Each line's segments (a glued line's sentences), as a range of segment indices.
    pub groups: &'a [Range<usize>],
    pub words: &'a [usize],
    /// By segment: removed by an earlier filter; removed by one that removes interface text
    /// (controls, prompts, ads); matched by page layout's own patterns; an embedded post's
    /// attribution line ("— Jane Doe (@janedoe) November 18, 2019").
    pub removed: &'a [bool],
    pub interface: &'a [bool],
    pub matched: &'a [bool],
    pub attribution: &'a [bool],
}

/// `(segment index, inside the article's run, score band)` of each segment, not removed
/// before, of each line of a page dump that `article_run` drops, by the smoothed `scores`
/// corrected where the rules know better: interface text is no article, whatever its shape,
/// and an embedded post's attribution line counts as neutral (`threshold`), so that it does
/// not break the article's run. Nothing where the lines left are still menu-shaped (a table
/// or a catalogue, not an article in chrome).
pub fn page_cut(lines: &PageLines, scores: &[f64], threshold: f64) -> Vec<(usize, bool, usize)> {
    let evidence: Vec<f64> = lines
        .groups
        .iter()
        .zip(scores)
        .map(|(group, &s)| {
            if group.clone().all(|i| lines.interface[i]) {
                0.0
            } else if lines.attribution[group.start] {
                s.max(threshold)
            } else {
                s
            }
        })
        .collect();
    let keep = article_run(&evidence, lines.words, threshold);
    let survivors: Vec<usize> = (0..keep.len())
        .filter(|&i| {
            keep[i]
                && lines.groups[i]
                    .clone()
                    .any(|s| !lines.removed[s] && !lines.matched[s])
        })
        .map(|i| lines.words[i])
        .collect();
    if is_page_dump(&survivors, SHORT_WORDS, HEAD_SHORT_SHARE) {
        return Vec::new();
    }
    let first = keep.iter().position(|&k| k).unwrap_or(keep.len());
    let last = keep.iter().rposition(|&k| k);
    let mut cut = Vec::new();
    for (i, group) in lines.groups.iter().enumerate().filter(|&(i, _)| !keep[i]) {
        let inside = first < i && last.is_some_and(|last| i < last);
        let band = (((1.0 - scores[i]) * SCORE_BANDS as f64) as usize).min(SCORE_BANDS - 1);
        cut.extend(
            group
                .clone()
                .filter(|&s| !lines.removed[s])
                .map(|s| (s, inside, band)),
        );
    }
    cut
}
