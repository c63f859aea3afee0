//! The line model's features and scorer: each line of a document read on its own (its
//! shape) and in its context (the document's language and prose, its neighbours, feeds of
//! timestamped items, its place in the HTML page where known), summed over learned weights.
//!
//! Training (Python, `cleanscrape.learned.training.train`) reads the same features through
//! `features`, so training and inference cannot disagree.

use crate::rows::Rows;
use crate::text::{ends_sentence, is_prose, tokenize, Tokens, Vocabulary};
use crate::unicode::{
    class_of, is_decimal, is_letter, is_space, is_upper, is_word, strip, CharCounts,
};
use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

const HASH_BUCKETS: u32 = 1 << 18;
const WORD_BINS: [f64; 9] = [0.0, 1.0, 2.0, 3.0, 5.0, 8.0, 12.0, 20.0, 40.0];
const SHARE_BINS: [f64; 5] = [0.0, 0.05, 0.15, 0.3, 0.5];
const CAPS_BINS: [f64; 4] = [0.2, 0.4, 0.6, 0.8];
const DOC_PROSE_BINS: [f64; 6] = [0.1, 0.2, 0.35, 0.5, 0.7, 0.85];
const DOC_LINES_BINS: [f64; 5] = [5.0, 15.0, 40.0, 100.0, 250.0];
const COHESION_BINS: [f64; 3] = [0.25, 0.5, 0.75];
const LIST_MARKS: [char; 7] = ['-', '–', '•', '*', '·', '▪', '►'];
const FEED_STAMPS: usize = 3; // timestamps, each within FEED_GAP lines of the next, make a feed
const FEED_GAP: usize = 6;
const COHESION_MIN_LEN: usize = 4;
const BAG_OF_WORDS_MAX: usize = 8;
const NEAR: usize = 3;
const FAR: usize = 10;
// A page dump is mostly short lines (menus, labels) with little prose among them.
const DENSE_PROSE_SHARE: f64 = 0.35;
const DUMP_SHORT_SHARE: f64 = 0.35;
/// A menu line's words at most (the decoder tells a page dump's opening by them too).
pub const SHORT_WORDS: usize = 3;
const MIN_HITS: usize = 5; // function words a language needs among a document's to be detected
pub const PAGE: &str = "page:"; // before every key of a line whose context in its page is known

/// How many of the ascending `bins` `value` reaches.
fn bin(value: f64, bins: &[f64]) -> usize {
    bins.iter().take_while(|&&b| b <= value).count()
}

fn python_bool(flag: bool) -> &'static str {
    if flag {
        "True"
    } else {
        "False"
    }
}

/// `regex` source of `word` matched as Python's `re.IGNORECASE` matches it.
fn ignoring_case(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'i' => "[iIİı]".to_string(),
            's' => "[sSſ]".to_string(),
            'k' => "[kKK]".to_string(),
            c if c.is_alphabetic() => format!("[{c}{}]", c.to_uppercase()),
            c => regex::escape(&c.to_string()),
        })
        .collect()
}

/// A date or a time alone on its line ("32M ago", "11/20/2019 01:14 PM", "20. November 2019",
/// "vor 3 Stunden", "hace 2 horas"): a word between a day and a year is a month in any language.
static TIMESTAMP: LazyLock<Regex> = LazyLock::new(|| {
    let any = |words: &[&str]| {
        words
            .iter()
            .map(|w| ignoring_case(w))
            .collect::<Vec<_>>()
            .join("|")
    };
    let pattern = format!(
        r"^(?:{d}{{1,3}}{s}*{l}{{1,8}}{s}+(?:{ago})|(?:{before}){s}+{d}{{1,3}}{s}+{l}{{1,10}}|(?:{d}{{1,2}}[/.-]{d}{{1,2}}[/.-]{d}{{2,4}}|{l}{{3,10}}\.?{s}+{d}{{1,2}},?{s}+{d}{{4}}|{d}{{1,2}}\.?{s}+(?:{de}{s}+)?{l}{{3,10}}\.?,?{s}+(?:{de}{s}+)?{d}{{4}})(?:,?{s}*(?:{at})?{s}*{d}{{1,2}}[:.hH]{d}{{2}}(?:{s}*[aApP]\.?{m}\.?)?(?:{s}*{l}{{2,4}})?)?)$",
        d = class_of(is_decimal),
        s = class_of(is_space),
        l = class_of(is_letter),
        ago = any(&["ago", "fa", "geleden", "temu", "siden", "sedan"]),
        before = any(&["vor", "il y a", "hace", "há"]),
        de = ignoring_case("de"),
        at = any(&["at", "um", "à", "a las", "alle", "om", "o"]),
        m = ignoring_case("m"),
    );
    Regex::new(&pattern).expect("the timestamp pattern compiles")
});

/// Per line, whether it lies in a feed: from the first to the last of `FEED_STAMPS` or more
/// timestamp lines at a regular spacing, each within `FEED_GAP` lines of the next. Teaser
/// lists and comment threads stamp every item alike; an article states its date once.
pub fn in_feed(lines: &[&str]) -> Vec<bool> {
    let mut flags = vec![false; lines.len()];
    let stamps: Vec<usize> = (0..lines.len())
        .filter(|&i| TIMESTAMP.is_match(strip(lines[i])))
        .collect();
    for run in runs(&stamps, FEED_GAP) {
        if run.len() < FEED_STAMPS {
            continue;
        }
        let mut gaps: Vec<usize> = run.windows(2).map(|w| w[1] - w[0]).collect();
        gaps.sort_unstable();
        let spacing = gaps[(gaps.len() - 1) / 2] + 1; // the low median
        for regular in runs(&run, spacing) {
            if regular.len() >= FEED_STAMPS {
                flags[regular[0]..=regular[regular.len() - 1]].fill(true);
            }
        }
    }
    flags
}

/// `positions` (ascending) cut where one lies more than `gap` past the one before.
fn runs(positions: &[usize], gap: usize) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    for &i in positions {
        match out.last_mut() {
            Some(run) if i - run[run.len() - 1] <= gap => run.push(i),
            _ => out.push(vec![i]),
        }
    }
    out
}

/// The function-word lists of the languages the model knows.
pub struct Stoplists {
    names: Vec<String>,
    lists: Vec<FxHashSet<String>>,
    languages_of: FxHashMap<String, Vec<usize>>,
    all: FxHashSet<String>,
}

impl Stoplists {
    pub fn new(mut lists: Vec<(String, Vec<String>)>) -> Self {
        lists.sort();
        let mut languages_of: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (n, (_, words)) in lists.iter().enumerate() {
            for word in words {
                let langs = languages_of.entry(word.clone()).or_default();
                if !langs.contains(&n) {
                    langs.push(n);
                }
            }
        }
        let all = lists
            .iter()
            .flat_map(|(_, words)| words.iter().cloned())
            .collect();
        let (names, lists) = lists
            .into_iter()
            .map(|(name, words)| (name, words.into_iter().collect()))
            .unzip();
        Stoplists {
            names,
            lists,
            languages_of,
            all,
        }
    }

    /// The list of the language whose function words are most frequent among a document's
    /// `words` (case-folded, each as often as `counts` says; ties to the last name), or
    /// every list together when none has `MIN_HITS`.
    fn of_document(&self, words: &[&str], counts: &[usize]) -> &FxHashSet<String> {
        let mut hits = vec![0usize; self.names.len()];
        for (&word, &count) in words.iter().zip(counts) {
            for &lang in self.languages_of.get(word).map_or(&[][..], Vec::as_slice) {
                hits[lang] += count;
            }
        }
        let best = (0..hits.len()).max_by_key(|&n| (hits[n], &self.names[n]));
        match best {
            Some(n) if hits[n] >= MIN_HITS => &self.lists[n],
            _ => &self.all,
        }
    }
}

/// The fields of a line's shape, by name; the boolean ones print as Python prints a bool.
const SHAPE_FIELDS: [(&str, bool); 9] = [
    ("words", false),
    ("end_sentence", true),
    ("stop", false),
    ("digits", false),
    ("caps", false),
    ("punct", false),
    ("links", true),
    ("list", true),
    ("table", true),
];
const SHAPE_VALUES: usize = WORD_BINS.len() + 1; // the most values a field takes

/// A line on its own, binned (`SHAPE_FIELDS`): its size, whether it ends a sentence, its
/// shares of function words, digits, capitalised words and punctuation, link, list and table marks.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Shape([usize; 9]);

impl Shape {
    fn of(text: &str, tokens: &[&str], folded: &[u32], is_stop: &[bool]) -> Shape {
        let per_token = |count: usize| count as f64 / tokens.len().max(1) as f64;
        let stripped = strip(text);
        let CharCounts {
            chars,
            letters,
            digits,
            marks: punct,
        } = CharCounts::of(stripped);
        let letters = letters.max(1);
        let stop = folded.iter().filter(|&&id| is_stop[id as usize]).count();
        let caps = tokens
            .iter()
            .filter(|t| t.chars().next().is_some_and(is_upper))
            .count();
        Shape([
            bin(tokens.len() as f64, &WORD_BINS),
            usize::from(ends_sentence(stripped)),
            bin(per_token(stop), &SHARE_BINS),
            bin(digits as f64 / chars.max(1) as f64, &SHARE_BINS),
            bin(per_token(caps), &CAPS_BINS),
            bin(punct as f64 / letters as f64, &SHARE_BINS),
            usize::from(has_link_marks(stripped)),
            usize::from(is_list_item(stripped)),
            usize::from(stripped.starts_with('|') && stripped.ends_with('|')),
        ])
    }

    /// Its word-count bin, which other groups pair their keys with.
    fn size(&self) -> usize {
        self.0[0]
    }

    /// Its feature keys, the first of them its size.
    fn keys(&self) -> Vec<String> {
        self.0
            .iter()
            .enumerate()
            .map(|(field, &value)| shape_key(field, value))
            .collect()
    }
}

fn shape_key(field: usize, value: usize) -> String {
    match SHAPE_FIELDS[field] {
        (name, true) => format!("{name}={}", python_bool(value == 1)),
        (name, false) => format!("{name}={value}"),
    }
}

/// A line's hashed lexical features (by bucket), as the last of `keys`' rows: its first and
/// last words, its first two, and every word of a short line.
fn lexical(ids: &[u32], words: &[&str], memo: &mut WordBuckets, keys: &mut Rows<u32>) {
    keys.open();
    let mut push = |bucket: u32| {
        if !keys.last().contains(&bucket) {
            keys.push(bucket);
        }
    };
    if let (Some(&first), Some(&last)) = (ids.first(), ids.last()) {
        push(memo.of(FIRST, first, words));
        push(memo.of(LAST, last, words));
    }
    if ids.len() <= BAG_OF_WORDS_MAX {
        // menu and footer vocabulary ("contact", "impressum") carries across sites
        ids.iter().for_each(|&id| push(memo.of(TOKEN, id, words)));
    }
    if ids.len() >= 2 {
        let (a, b) = (words[ids[0] as usize], words[ids[1] as usize]);
        push(bucket(&["first2=", a, " ", b]));
    }
}

/// The hash bucket of a feature key written in `parts`.
fn bucket(parts: &[&str]) -> u32 {
    let mut hasher = crc32fast::Hasher::new();
    parts.iter().for_each(|part| hasher.update(part.as_bytes()));
    hasher.finalize() % HASH_BUCKETS
}

/// The keys a single word makes ("first=", "last=", "tok=" and the word), by `WordBuckets`.
const WORD_KEYS: [&str; 3] = ["first=", "last=", "tok="];
const FIRST: usize = 0;
const LAST: usize = 1;
const TOKEN: usize = 2;

/// Each word's bucket for each of `WORD_KEYS`, by the word's number, hashed the first time
/// a document's line asks for it.
struct WordBuckets(Vec<[Option<u32>; 3]>);

impl WordBuckets {
    fn of(&mut self, key: usize, id: u32, words: &[&str]) -> u32 {
        *self.0[id as usize][key]
            .get_or_insert_with(|| bucket(&[WORD_KEYS[key], words[id as usize]]))
    }
}

/// What marks a link: a pipe, a guillemet or arrow, `@` or `#`, a URL's scheme or `www.`,
/// and `.com` (a domain where no word character follows it).
const LINK_MARKS: [&str; 10] = [
    "|", "»", "›", "→", "@", "#", "http:", "https:", "www.", ".com",
];
const DOT_COM: usize = 9;

/// `LINK_MARKS`, all looked for in one pass: no mark can start inside another's match, so
/// the leftmost matches, one after another, are every mark the text holds.
static LINK_FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(LINK_MARKS)
        .expect("the link marks make an automaton")
});

/// Whether `text` holds a mark of a link (`LINK_MARKS`).
fn has_link_marks(text: &str) -> bool {
    LINK_FINDER.find_iter(text).any(|found| {
        found.pattern().as_usize() != DOT_COM
            || !text[found.end()..].chars().next().is_some_and(is_word)
    })
}

/// A bullet, or a number of up to three digits and `.` or `)`, then a space.
fn is_list_item(text: &str) -> bool {
    let body = text.trim_start_matches(is_space);
    let mut chars = body.chars();
    let first = chars.next();
    let after_mark = match first {
        Some(c) if LIST_MARKS.contains(&c) => chars.next(),
        Some(c) if is_decimal(c) => {
            let digits = body.chars().take_while(|&c| is_decimal(c)).count();
            let mut rest = body.chars().skip(digits);
            match rest.next() {
                Some('.' | ')') if digits <= 3 => rest.next(),
                _ => None,
            }
        }
        _ => None,
    };
    after_mark.is_some_and(is_space)
}

/// What the features of every line need to know about the whole document.
struct Context<'a> {
    shapes: Vec<Shape>,
    lexical: Rows<u32>,       // each line's hashed lexical features
    doc: (usize, usize),      // bins of its share of prose lines and of its length
    dense: bool,              // mostly prose already, like an extractor's output
    prose_before: Vec<usize>, // prose lines before each index (prefix sums, one longer)
    first_prose: Option<usize>,
    last_prose: Option<usize>,
    cohesion: Vec<f64>,
    feed: Vec<bool>,
    page: &'a [Vec<String>], // each line's context in its HTML page, where known
}

/// The context of `lines`, whose word tokens and their numbers in `vocabulary` are `tokens`.
fn context<'a>(
    lines: &[&str],
    tokens: &Tokens<'_>,
    vocabulary: &Vocabulary,
    page: &'a [Vec<String>],
    stoplists: &Stoplists,
) -> Context<'a> {
    let Tokens {
        words: tokens,
        ids: folded,
    } = tokens;
    let mut counts = vec![0; vocabulary.len()];
    for &id in folded.iter().flatten() {
        counts[id as usize] += 1;
    }
    let folded_words: Vec<&str> = (0..vocabulary.len() as u32)
        .map(|id| vocabulary.word(id))
        .collect();
    let stopwords = stoplists.of_document(&folded_words, &counts);
    let is_stop: Vec<bool> = folded_words
        .iter()
        .map(|w| stopwords.contains(*w))
        .collect();
    let shapes = (0..lines.len())
        .map(|i| Shape::of(lines[i], tokens.get(i), folded.get(i), &is_stop))
        .collect();
    let prose: Vec<bool> = (0..lines.len())
        .map(|i| is_prose(lines[i], tokens.get(i).len()))
        .collect();
    let mut prose_before = vec![0];
    for &flag in &prose {
        prose_before.push(prose_before[prose_before.len() - 1] + usize::from(flag));
    }
    let n = lines.len().max(1) as f64;
    let share = prose_before[lines.len()] as f64 / n;
    let short = tokens.iter().filter(|t| t.len() <= SHORT_WORDS).count() as f64 / n;
    Context {
        shapes,
        lexical: {
            let mut memo = WordBuckets(vec![[None; 3]; folded_words.len()]);
            let mut keys = Rows::with_capacity(lines.len(), 4 * lines.len());
            for f in folded.iter() {
                lexical(f, &folded_words, &mut memo, &mut keys);
            }
            keys
        },
        doc: (
            bin(share, &DOC_PROSE_BINS),
            bin(lines.len() as f64, &DOC_LINES_BINS),
        ),
        dense: share >= DENSE_PROSE_SHARE || short < DUMP_SHORT_SHARE,
        prose_before,
        first_prose: prose.iter().position(|&p| p),
        last_prose: prose.iter().rposition(|&p| p),
        cohesion: cohesion(tokens, folded, &prose, &is_stop, vocabulary.len()),
        feed: in_feed(lines),
        page,
    }
}

/// Per line, the share of its content words that the document's other prose lines use.
/// A list of ingredients shares words with the recipe around it; a menu does not.
/// `folded` holds each line's tokens by number, `is_stop` says which of the `distinct`
/// numbers are function words.
fn cohesion(
    tokens: &Rows<&str>,
    folded: &Rows<u32>,
    prose: &[bool],
    is_stop: &[bool],
    distinct: usize,
) -> Vec<f64> {
    let mut vocab = Rows::with_capacity(tokens.len(), folded.items());
    for (line, folded) in tokens.iter().zip(folded.iter()) {
        vocab.open();
        for (token, &f) in line.iter().zip(folded) {
            if is_long_word(token) && !is_stop[f as usize] {
                vocab.push(f);
            }
        }
        vocab.sort_last();
    }
    let mut lines_using = vec![0usize; distinct];
    for (words, &flag) in vocab.iter().zip(prose) {
        if flag {
            for &w in words {
                lines_using[w as usize] += 1;
            }
        }
    }
    vocab
        .iter()
        .zip(prose)
        .map(|(words, &flag)| {
            if words.is_empty() {
                return -1.0;
            }
            let used = words
                .iter()
                .filter(|&&w| lines_using[w as usize] > usize::from(flag));
            used.count() as f64 / words.len() as f64
        })
        .collect()
}

/// Whether a word has `COHESION_MIN_LEN` code points or more: counted only where its bytes
/// do not tell (a code point is one to four bytes).
fn is_long_word(word: &str) -> bool {
    word.len() >= 4 * COHESION_MIN_LEN
        || (word.len() >= COHESION_MIN_LEN && word.chars().count() >= COHESION_MIN_LEN)
}

/// A group of shallow features that recurs from line to line (so scoring weighs each once).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Group<'a> {
    Position(usize),
    Own(Shape),
    Document((usize, usize), usize),
    Span(&'static str, usize),
    Near(usize, usize),
    Cohesion(Option<usize>, usize),
    Neighbour(&'static str, Option<Shape>),
    Feed(usize),
    Page(&'a [String], usize),
}

/// Where a line sits among a document's prose lines: before the first, after the last,
/// between them, or in a document without any.
const SPANS: [&str; 4] = ["before", "after", "inside", "none"];

impl Group<'_> {
    /// The same group, where it reads nothing of a page: every group but `Page`.
    fn fixed(&self) -> Option<Group<'static>> {
        Some(match *self {
            Group::Position(p) => Group::Position(p),
            Group::Own(shape) => Group::Own(shape),
            Group::Document(doc, size) => Group::Document(doc, size),
            Group::Span(span, size) => Group::Span(span, size),
            Group::Near(near, far) => Group::Near(near, far),
            Group::Cohesion(bin, size) => Group::Cohesion(bin, size),
            Group::Neighbour(name, shape) => Group::Neighbour(name, shape),
            Group::Feed(size) => Group::Feed(size),
            Group::Page(..) => return None,
        })
    }

    /// Every group a line can have, but those of shapes (tabled apart, field by field) and
    /// of a page: its position, its document, its span, the prose near it, its cohesion, a
    /// missing neighbour, a feed; each with every line size it comes with.
    fn all_fixed() -> Vec<Group<'static>> {
        let sizes = || 0..=WORD_BINS.len();
        let mut all: Vec<Group<'static>> = (0..10).map(Group::Position).collect();
        for prose in 0..=DOC_PROSE_BINS.len() {
            for lines in 0..=DOC_LINES_BINS.len() {
                all.extend(sizes().map(|size| Group::Document((prose, lines), size)));
            }
        }
        for span in SPANS {
            all.extend(sizes().map(|size| Group::Span(span, size)));
        }
        for near in 0..=SHARE_BINS.len() {
            all.extend((0..=SHARE_BINS.len()).map(|far| Group::Near(near, far)));
        }
        for bin in std::iter::once(None).chain((0..=COHESION_BINS.len()).map(Some)) {
            all.extend(sizes().map(|size| Group::Cohesion(bin, size)));
        }
        all.extend(["prev", "next"].map(|name| Group::Neighbour(name, None)));
        all.extend(sizes().map(Group::Feed));
        all
    }

    /// Its feature keys, in the order training and scoring sum them.
    fn keys(&self) -> Vec<String> {
        let sized = |words: usize| format!("words={words}");
        match self {
            Group::Position(p) => vec!["bias".to_string(), format!("pos={p}")],
            Group::Own(shape) => shape.keys(),
            Group::Document((prose, lines), words) => {
                let size = sized(*words);
                let (prose, lines) = (format!("doc_prose={prose}"), format!("doc_lines={lines}"));
                vec![
                    prose.clone(),
                    format!("{prose}&{size}"),
                    lines.clone(),
                    format!("{lines}&{size}"),
                ]
            }
            Group::Span(span, words) => vec![
                format!("span={span}"),
                format!("span={span}&{}", sized(*words)),
            ],
            Group::Near(near, far) => {
                vec![format!("near{NEAR}={near}"), format!("near{FAR}={far}")]
            }
            Group::Cohesion(bin, words) => {
                let bin = bin.map_or("none".to_string(), |b| b.to_string());
                vec![format!("cohesion={bin}&{}", sized(*words))]
            }
            Group::Neighbour(name, shape) => match shape {
                Some(shape) => shape.keys().iter().map(|k| format!("{name}:{k}")).collect(),
                None => vec![format!("{name}:none")],
            },
            Group::Feed(words) => vec!["feed".to_string(), format!("feed&{}", sized(*words))],
            Group::Page(keys, words) => {
                let size = sized(*words);
                let with_size = keys
                    .iter()
                    .filter(|k| !k.starts_with("cls="))
                    .map(|k| format!("{k}&{size}"));
                keys.iter().cloned().chain(with_size).collect()
            }
        }
    }
}

/// The groups of line `i`, written to `out`: bias and position, the line's shape, the
/// document, where the line sits among the prose, how much prose is near, cohesion, the
/// previous and next lines' shapes, a feed it lies in, its context in the page.
fn groups<'a>(ctx: &Context<'a>, i: usize, out: &mut Vec<Group<'a>>) {
    let n = ctx.shapes.len();
    let own = ctx.shapes[i];
    let size = own.size();
    let [before, after, inside, none] = SPANS;
    let span = match (ctx.first_prose, ctx.last_prose) {
        (Some(first), _) if i < first => before,
        (_, Some(last)) if i > last => after,
        (Some(_), Some(_)) => inside,
        _ => none,
    };
    let near = |radius: usize| {
        let (lo, hi) = (i.saturating_sub(radius), (i + radius + 1).min(n));
        let pb = &ctx.prose_before;
        let others = pb[hi] - pb[lo] - (pb[i + 1] - pb[i]);
        bin(others as f64 / (hi - lo - 1).max(1) as f64, &SHARE_BINS)
    };
    let cohesion = ctx.cohesion[i];
    out.clear();
    out.extend([
        Group::Position((10 * i / n.max(1)).min(9)),
        Group::Own(own),
        Group::Document(ctx.doc, size),
        Group::Span(span, size),
        Group::Near(near(NEAR), near(FAR)),
        Group::Cohesion(
            (cohesion >= 0.0).then(|| bin(cohesion, &COHESION_BINS)),
            size,
        ),
        Group::Neighbour("prev", i.checked_sub(1).map(|j| ctx.shapes[j])),
        Group::Neighbour("next", ctx.shapes.get(i + 1).copied()),
    ]);
    if ctx.feed[i] {
        out.push(Group::Feed(size));
    }
    if !ctx.page.is_empty() {
        out.push(Group::Page(&ctx.page[i], size));
    }
}

/// Dense documents (extractor outputs) and page dumps get shallow weights of their own.
fn dialect(ctx: &Context) -> &'static str {
    if ctx.dense {
        "dense:"
    } else {
        "dump:"
    }
}

/// The features of each line: its shape, its neighbours', where it sits among the prose.
/// Each shallow feature appears twice, plain and under the document's `dialect`; hashed
/// lexical features appear once. Every key of a line with a page context starts with `PAGE`.
pub fn features(lines: &[&str], page: &[Vec<String>], stoplists: &Stoplists) -> Vec<Vec<String>> {
    let (tokens, vocabulary) = tokenize(lines);
    let ctx = context(lines, &tokens, &vocabulary, page, stoplists);
    let base = if page.is_empty() { "" } else { PAGE };
    let prefix = dialect(&ctx);
    (0..lines.len())
        .map(|i| {
            let mut found = Vec::new();
            groups(&ctx, i, &mut found);
            let groups: Vec<Vec<String>> = found.iter().map(Group::keys).collect();
            let lexical = ctx.lexical.get(i).iter().map(|bucket| format!("h{bucket}"));
            let plain = groups[..2]
                .iter()
                .flatten()
                .cloned()
                .chain(lexical)
                .chain(groups[2..].iter().flatten().cloned());
            let mut seen = FxHashSet::default();
            plain
                .map(|k| format!("{base}{k}"))
                .chain(
                    groups
                        .iter()
                        .flatten()
                        .map(|k| format!("{base}{prefix}{k}")),
                )
                .filter(|k| seen.insert(k.clone()))
                .collect()
        })
        .collect()
}

/// Weights of the logistic line scorer, by feature key; the hashed lexical ones (`h` and a
/// bucket, plain and under `PAGE`) by bucket; and the terms of each shape field's keys, for
/// every view of a document (`PAGE` or not, each dialect) and every place the shape takes
/// (the line's own, the previous line's, the next line's).
pub struct Weights {
    by_key: FxHashMap<String, f64>,
    lexical: [Vec<f64>; 2],
    /// Which buckets of `lexical` were given a weight, a bit each (`keys`).
    given: [Vec<u64>; 2],
    shape_terms: Vec<[[f64; SHAPE_VALUES]; 9]>,
    /// What each of `Group::all_fixed` adds to a line's sum, by base and dialect.
    group_terms: FxHashMap<Group<'static>, [f64; BASES.len() * DIALECTS.len()]>,
}

const BASES: [&str; 2] = ["", PAGE];
const DIALECTS: [&str; 2] = ["dense:", "dump:"];
const PLACES: [&str; 3] = ["", "prev:", "next:"];

impl Weights {
    /// The weights of `weights`' keys (of a key given twice, the last).
    pub fn new(weights: impl IntoIterator<Item = (String, f64)>) -> Self {
        let mut lexical = [
            vec![0.0; HASH_BUCKETS as usize],
            vec![0.0; HASH_BUCKETS as usize],
        ];
        let mut given = [
            vec![0; HASH_BUCKETS.div_ceil(64) as usize],
            vec![0; HASH_BUCKETS.div_ceil(64) as usize],
        ];
        let mut by_key = FxHashMap::default();
        for (key, weight) in weights {
            match Weights::bucket_of(&key) {
                Some((table, bucket)) => {
                    lexical[table][bucket] = weight;
                    given[table][bucket / 64] |= 1 << (bucket % 64);
                }
                None => {
                    by_key.insert(key, weight);
                }
            }
        }
        let mut weights = Weights {
            by_key,
            lexical,
            given,
            shape_terms: Vec::new(),
            group_terms: FxHashMap::default(),
        };
        let mut buffer = String::new();
        for base in BASES {
            for dialect in DIALECTS {
                for place in PLACES {
                    let mut terms = [[0.0; SHAPE_VALUES]; 9];
                    for (field, values) in terms.iter_mut().enumerate() {
                        for (value, term) in values.iter_mut().enumerate() {
                            let key = format!("{place}{}", shape_key(field, value));
                            *term =
                                weights.term(&mut buffer, base, &format!("{base}{dialect}"), &key);
                        }
                    }
                    weights.shape_terms.push(terms);
                }
            }
        }
        for group in Group::all_fixed() {
            let terms = std::array::from_fn(|at| {
                let base = BASES[at / DIALECTS.len()];
                let prefix = format!("{base}{}", DIALECTS[at % DIALECTS.len()]);
                weights.group_term(&mut buffer, base, &prefix, &group)
            });
            weights.group_terms.insert(group, terms);
        }
        weights
    }

    /// The weight given to `key`, if one was.
    pub fn get(&self, key: &str) -> Option<f64> {
        match Weights::bucket_of(key) {
            Some((table, bucket)) => self
                .is_given(table, bucket)
                .then(|| self.lexical[table][bucket]),
            None => self.by_key.get(key).copied(),
        }
    }

    /// Every key given a weight, with its weight.
    pub fn entries(&self) -> Vec<(String, f64)> {
        let mut entries: Vec<(String, f64)> =
            self.by_key.iter().map(|(k, &w)| (k.clone(), w)).collect();
        for (table, base) in BASES.iter().enumerate() {
            let given = (0..HASH_BUCKETS as usize).filter(|&b| self.is_given(table, b));
            entries.extend(given.map(|b| (format!("{base}h{b}"), self.lexical[table][b])));
        }
        entries
    }

    /// The lexical table (plain or `PAGE`) and bucket `key` names, if it names one: `h` and
    /// the bucket's number as Rust prints it.
    fn bucket_of(key: &str) -> Option<(usize, usize)> {
        let (table, rest) = key.strip_prefix(PAGE).map_or((0, key), |rest| (1, rest));
        let bucket = rest
            .strip_prefix('h')
            .filter(|n| is_canonical_number(n))
            .and_then(|n| n.parse::<u32>().ok())
            .filter(|&bucket| bucket < HASH_BUCKETS)?;
        Some((table, bucket as usize))
    }

    /// Whether a weight was given to bucket `bucket` of lexical table `table`.
    fn is_given(&self, table: usize, bucket: usize) -> bool {
        self.given[table][bucket / 64] & (1 << (bucket % 64)) != 0
    }

    /// What `group`'s keys add to a line's sum (`term` of each, in order).
    fn group_term(&self, buffer: &mut String, base: &str, prefix: &str, group: &Group) -> f64 {
        group
            .keys()
            .iter()
            .fold(0.0, |sum, k| sum + self.term(buffer, base, prefix, k))
    }

    /// What `key` adds to a line's sum: its plain weight and its weight in the dialect.
    fn term(&self, buffer: &mut String, base: &str, prefix: &str, key: &str) -> f64 {
        let mut get = |prefix: &str| {
            buffer.clear();
            buffer.push_str(prefix);
            buffer.push_str(key);
            self.by_key.get(buffer.as_str()).copied().unwrap_or(0.0)
        };
        get(base) + get(prefix)
    }

    /// P(content) of each line before smoothing: the weights of its `features`, summed (the
    /// lexical ones first, then each group's, in the order of Python's own sums). A shape's
    /// terms are tabled, and so is every other group's weight but a page's, which recurs
    /// from line to line and is summed once a document.
    pub fn raw_scores(
        &self,
        lines: &[&str],
        page: &[Vec<String>],
        stoplists: &Stoplists,
    ) -> Vec<f64> {
        let (tokens, vocabulary) = tokenize(lines);
        self.raw_scores_of(lines, &tokens, &vocabulary, page, stoplists)
    }

    /// `raw_scores` of `lines` already read into `tokens`, numbered in `vocabulary`.
    pub fn raw_scores_of(
        &self,
        lines: &[&str],
        tokens: &Tokens<'_>,
        vocabulary: &Vocabulary,
        page: &[Vec<String>],
        stoplists: &Stoplists,
    ) -> Vec<f64> {
        let ctx = context(lines, tokens, vocabulary, page, stoplists);
        let in_page = !page.is_empty();
        let (base, dialect) = (BASES[usize::from(in_page)], dialect(&ctx));
        let prefix = format!("{base}{dialect}");
        let reading = usize::from(in_page) * DIALECTS.len() + usize::from(dialect == DIALECTS[1]);
        let view = reading * PLACES.len();
        let shape_weight = |place: usize, shape: &Shape| {
            let terms = &self.shape_terms[view + place];
            shape
                .0
                .iter()
                .enumerate()
                .fold(0.0, |sum, (field, &value)| sum + terms[field][value])
        };
        let lexical = &self.lexical[usize::from(in_page)];
        let mut buffer = String::new();
        let mut known: FxHashMap<Group, f64> = FxHashMap::default();
        let mut line_groups = Vec::with_capacity(10); // a line's: eight, a feed's, a page's
        (0..lines.len())
            .map(|i| {
                let mut z = 0.0;
                for &bucket in ctx.lexical.get(i) {
                    z += lexical[bucket as usize];
                }
                groups(&ctx, i, &mut line_groups);
                for &group in &line_groups {
                    z += match group {
                        Group::Own(shape) => shape_weight(0, &shape),
                        Group::Neighbour(name, Some(shape)) => {
                            shape_weight(1 + usize::from(name == "next"), &shape)
                        }
                        _ => match group.fixed().and_then(|g| self.group_terms.get(&g)) {
                            Some(terms) => terms[reading],
                            None => *known.entry(group).or_insert_with_key(|group| {
                                self.group_term(&mut buffer, base, &prefix, group)
                            }),
                        },
                    };
                }
                sigmoid(z)
            })
            .collect()
    }
}

/// Whether `n` is a number as Rust prints one: decimal digits, no leading zero.
fn is_canonical_number(n: &str) -> bool {
    !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && (n == "0" || !n.starts_with('0'))
}

/// The logistic function, clamped so that no input overflows.
pub fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z.clamp(-30.0, 30.0)).exp())
}
