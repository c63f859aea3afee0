//! What every match of a pattern holds: a short list of literals, one of which any text the
//! pattern matches contains. A line holding none of a rule's factors cannot match it, so
//! its pattern need not be searched there. This serves the rules whose openings are no
//! short list ("^[\w .,'&-]{1,200} contributed to this (report|story)$"), which would
//! otherwise be searched on every line.

use regex_syntax::hir::{Class, Hir, HirKind};

/// Most literals in a list; past this a node's list is unknown.
const MOST_LITERALS: usize = 256;
/// Most characters of a class spelled out as literals.
const MOST_CLASS_CHARS: usize = 4;

type Literals = Vec<Vec<u8>>;

/// Literals one of which every match of `hir` holds, or None where no short list is known
/// (a pattern that can match the empty text has none).
pub fn factors(hir: &Hir) -> Option<Literals> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => None,
        HirKind::Literal(_) | HirKind::Class(_) => exact(hir),
        HirKind::Repetition(rep) if rep.min >= 1 => factors(&rep.sub),
        HirKind::Repetition(_) => None,
        HirKind::Capture(capture) => factors(&capture.sub),
        HirKind::Alternation(branches) => union(branches, factors),
        HirKind::Concat(parts) => {
            // Any part's factors are the whole's; so are the texts of a run of parts each
            // matching one of a few texts, joined.
            let mut best = parts.iter().filter_map(factors).fold(None, better);
            let mut run: Option<Literals> = None;
            for part in parts {
                run = match (run, exact(part)) {
                    (Some(texts), Some(next)) => joined(&texts, &next).or(Some(next)),
                    (_, next) => next,
                };
                if let Some(texts) = &run {
                    best = better(best, texts.clone());
                }
            }
            best
        }
    }
}

/// The texts `hir` matches, where they are few.
fn exact(hir: &Hir) -> Option<Literals> {
    match hir.kind() {
        HirKind::Literal(literal) => Some(vec![literal.0.to_vec()]),
        HirKind::Class(Class::Unicode(class)) => {
            let chars = class.ranges().iter().flat_map(|r| r.start()..=r.end());
            let chars: Vec<char> = chars.take(MOST_CLASS_CHARS + 1).collect();
            (chars.len() <= MOST_CLASS_CHARS)
                .then(|| chars.iter().map(|c| c.to_string().into_bytes()).collect())
        }
        HirKind::Class(Class::Bytes(_)) | HirKind::Repetition(_) => None,
        // An assertion takes no text: the texts around it are joined in a match.
        HirKind::Empty | HirKind::Look(_) => Some(vec![Vec::new()]),
        HirKind::Capture(capture) => exact(&capture.sub),
        HirKind::Alternation(branches) => union(branches, exact),
        HirKind::Concat(parts) => parts.iter().try_fold(vec![Vec::new()], |texts, part| {
            joined(&texts, &exact(part)?)
        }),
    }
}

/// The lists `of` each branch gives, together, where every branch gives one and they make
/// few enough.
fn union(branches: &[Hir], of: fn(&Hir) -> Option<Literals>) -> Option<Literals> {
    let mut all = Vec::new();
    for branch in branches {
        all.extend(of(branch)?);
        if all.len() > MOST_LITERALS {
            return None;
        }
    }
    Some(dedup(all))
}

/// Each of `heads` followed by each of `tails`, where that makes few enough.
fn joined(heads: &Literals, tails: &Literals) -> Option<Literals> {
    if heads.len() * tails.len() > MOST_LITERALS {
        return None;
    }
    let texts = heads.iter().flat_map(|head| {
        tails
            .iter()
            .map(move |tail| [head.as_slice(), tail].concat())
    });
    Some(dedup(texts.collect()))
}

fn dedup(mut texts: Literals) -> Literals {
    texts.sort_unstable();
    texts.dedup();
    texts
}

/// The more selective of two lists: the longer shortest literal, then the fewer literals.
/// A list holding the empty literal says nothing.
fn better(known: Option<Literals>, other: Literals) -> Option<Literals> {
    let rank = |texts: &Literals| {
        let shortest = texts.iter().map(Vec::len).min().unwrap_or(0);
        (shortest, std::cmp::Reverse(texts.len()))
    };
    match known {
        _ if rank(&other).0 == 0 => known,
        Some(texts) if rank(&texts) >= rank(&other) => Some(texts),
        _ => Some(other),
    }
}
