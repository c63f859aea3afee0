//! How sure a removal is (Python's `learned.calibration`): its confidence read from a
//! calibration table's cells, each level of its reason, input, page and rule shrunk
//! towards the level above it.

use pyo3::prelude::*;
use pyo3::types::PyType;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::decoder::{band_of, SCORE_BANDS};

/// The keys of a removal's cells, broadest first: its reason, its reason on such input
/// (`state`), on such a page (`page_type`, "" where no page said it, and then left out),
/// and its rule there.
#[pyfunction]
pub fn cell_keys(reason: &str, state: &str, page_type: &str, rule: &str) -> Vec<String> {
    let on_input = format!("{reason}|{state}");
    if page_type.is_empty() {
        let for_rule = format!("{on_input}|{rule}");
        return vec![reason.to_string(), on_input, for_rule];
    }
    let on_page = format!("{on_input}|{page_type}");
    let for_rule = format!("{on_page}|{rule}");
    vec![reason.to_string(), on_input, on_page, for_rule]
}

/// A calibration table's cells (per key, the noise and article shingles such removals took),
/// with the prior a level's evidence is weighed against and what the user asked for.
#[pyclass(frozen, module = "cleanscrape._engine")]
pub struct Trust {
    cells: FxHashMap<String, (f64, f64)>,
    prior_weight: f64,
    unseen_prior: f64,
    user_prefix: String,
    chosen: FxHashSet<String>,
}

#[pymethods]
impl Trust {
    /// From the cells, the weight of the prior in shingles, the prior of a reason never
    /// seen, the prefix of users' rule ids and the families a user chooses.
    #[new]
    fn new(
        cells: FxHashMap<String, (f64, f64)>,
        prior_weight: f64,
        unseen_prior: f64,
        user_prefix: String,
        chosen: FxHashSet<String>,
    ) -> Self {
        Trust {
            cells,
            prior_weight,
            unseen_prior,
            user_prefix,
            chosen,
        }
    }

    /// Pickled as what it is made from (workers of a `--jobs` run get their own).
    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> (
        Bound<'py, PyType>,
        (
            FxHashMap<String, (f64, f64)>,
            f64,
            f64,
            String,
            FxHashSet<String>,
        ),
    ) {
        let t = slf.get();
        let made = (
            t.cells.clone(),
            t.prior_weight,
            t.unseen_prior,
            t.user_prefix.clone(),
            t.chosen.clone(),
        );
        (slf.get_type(), made)
    }

    /// P(noise) for a removal by `family`, for `reason`, by `rule`, on input in `state`
    /// from a page of `page_type`; 1 for what the user asked for. A line the line model cut
    /// is never surer noise than one it cut in a band nearer noise, for the same reason: a
    /// band seen on few lines would take its reason's confidence, which those bands made.
    pub fn confidence(
        &self,
        family: &str,
        reason: &str,
        rule: &str,
        state: &str,
        page_type: &str,
    ) -> f64 {
        if rule.starts_with(&self.user_prefix) || self.chosen.contains(family) {
            return 1.0;
        }
        let own = self.shrunk(reason, state, page_type, rule);
        let Some((stem, band)) = band_of(rule) else {
            return own;
        };
        (band + 1..SCORE_BANDS)
            .map(|nearer| self.shrunk(reason, state, page_type, &format!("{stem}{nearer}")))
            .fold(own, f64::min)
    }
}

impl Trust {
    /// What the cells of a removal's keys say, each level shrunk towards the one above.
    fn shrunk(&self, reason: &str, state: &str, page_type: &str, rule: &str) -> f64 {
        let mut p = self.unseen_prior;
        for key in cell_keys(reason, state, page_type, rule) {
            let (noise, article) = self.cells.get(&key).copied().unwrap_or((0.0, 0.0));
            p = (noise + self.prior_weight * p) / (noise + article + self.prior_weight);
        }
        p
    }
}
