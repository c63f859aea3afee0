"""Hypothesis properties of cleaning, over arbitrary text and over noisy articles."""

from __future__ import annotations

import json
import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleanscrape
from cleanscrape import Pipeline
from cleanscrape.core.spans import apply_removals
from cleanscrape.reading.decode import binary_kind
from conftest import ARTICLE_LINES, EVERY_PROPOSAL, PARAGRAPHS

CASES = Path(__file__).parent / "filters" / "cases" / "filters.jsonl"
NOISE_LINES = sorted(
    {
        line
        for case in map(json.loads, CASES.read_text(encoding="utf-8").splitlines())
        for line in case["removed"]
    }
    | {"Read more »", "BREAKING NEWS", "Picture: REUTERS/KCNA", "Text size Aa Aa", "Similar News:"}
)
# Noise that is noise on its own, wherever it is injected. Block openers such as
# "You may also like" claim the lines after them, so they are tested as whole blocks.
STANDALONE_NOISE = [
    "You've got 2 free stories remaining this month.", "Your subscription has expired.",
    "Already a subscriber? Log in", "Ihr Probeabo ist abgelaufen",
    "Icon CloseIcon SearchIcon MenuChevron Down",
    "Weiterlesen »", "Read more »", "Image: BRIDGE-CONSTRUCTION-DELAY",
    "Share", "12 Comments", "Share on Facebook Share on Twitter Share via Email", "PUBLICIDAD", "Anzeige",
    "We use cookies to give you the best experience on our website.", "Inscrivez-vous à notre newsletter",
    "Join the conversation", "Opinion", "Canada Latest News, Canada Headlines", "Font size A A A",
    "Additional reporting by Tom Hale in Berlin", "Paid Post", "Presented by Acme Bank", "Contenu sponsorisé",
]  # fmt: skip
SEPARATORS = st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"])

dumps = st.lists(
    st.one_of(st.sampled_from(NOISE_LINES), st.sampled_from(ARTICLE_LINES), st.text(max_size=40)),
    max_size=25,
).flatmap(lambda lines: SEPARATORS.map(lambda sep: sep.join(lines)))
# A whole text glued onto one line, as single-line extractors hand it over: split into sentences.
glued = st.lists(st.one_of(st.sampled_from(NOISE_LINES), st.sampled_from(ARTICLE_LINES)), max_size=25).map(
    " ".join
)
any_text = st.one_of(st.text(), dumps, glued)
# Noise that is a sentence of its own, so it can be glued between an article's sentences.
GLUED_NOISE = [
    "You've got 2 free stories remaining this month.", "Your subscription has expired.",
    "We use cookies to give you the best experience on our website.",
    "These cookies will be stored in your browser only with your consent.",
    "By continuing to use this site you agree to our use of cookies.",
    "We need your help: readers like you keep this site running, so please donate today.",
    "An error has occurred, please try again later.",
    "Unless otherwise noted, content on this site is licensed under CC BY 4.0.",
    "We may receive compensation when you click on links to those products.",
    "Sign up for our newsletter",  # unpunctuated: it runs into the next sentence, which must stay
]  # fmt: skip
FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # examples: the profile


# The noise families' recall is tested on what they propose (EVERY_PROPOSAL). The
# calibrated gate only holds proposals back, so the default pipeline must keep every
# article line of the same texts.
def _kept_lines(lines: list[str], pipeline: Pipeline | None = None) -> list[str]:
    result = cleanscrape.clean("\n".join(lines) + "\n", kind="text", pipeline=pipeline)
    return [line for line in result.text.splitlines() if line.strip()]


def _proposed_and_kept(lines: list[str], article: list[str]) -> list[str]:
    """The lines every proposal keeps, once the default pipeline is shown to keep ``article``."""
    kept = _kept_lines(lines)
    assert all(line in kept for line in article), f"the gate lost {set(article) - set(kept)}"
    return _kept_lines(lines, EVERY_PROPOSAL)


@FAST
@given(any_text)
def test_cleaning_twice_equals_cleaning_once(text: str) -> None:
    once = cleanscrape.clean(text, kind="text")
    assert cleanscrape.clean(once.text, kind="text").text == once.text


@FAST
@given(any_text)
def test_output_is_input_minus_whole_removed_spans_in_order(text: str) -> None:
    result = cleanscrape.clean(text, kind="text")
    cursor = 0
    for r in result.removals:
        assert cursor <= r.start < r.end <= len(text)
        cursor = r.end
    assert apply_removals(text, result.removals) == result.text
    assert result.replay() == result.text
    # Every kept character appears in the input, in order.
    pos = 0
    for ch in result.text:
        pos = text.index(ch, pos) + 1


@FAST
@given(any_text)
def test_empty_pipeline_is_identity(text: str) -> None:
    result = cleanscrape.clean(text, kind="text", pipeline=Pipeline([]))
    assert result.text == text and result.removals == ()


@FAST
@given(st.one_of(any_text, st.binary(max_size=200)))
def test_purity_in_unit_interval_and_no_crash(raw: str | bytes) -> None:
    try:
        result = cleanscrape.clean(raw)
    except cleanscrape.InputError:  # only for what is plainly a binary file
        assert isinstance(raw, bytes) and binary_kind(raw) is not None
        return
    assert 0.0 <= result.purity <= 1.0
    assert isinstance(result.text, str)


@FAST
@given(st.lists(st.sampled_from(ARTICLE_LINES), min_size=1, max_size=12), st.sampled_from(STANDALONE_NOISE))
def test_injected_noise_goes_and_article_lines_stay(article: list[str], noise: str) -> None:
    kept = _proposed_and_kept([*article[:1], noise, *article[1:]], article)
    assert noise not in kept
    for line in article:
        assert line in kept


HEADERS = ["You may also like", "Mehr zum Thema", "Related stories", "À lire aussi", "Te puede interesar"]
headlines = st.lists(
    st.sampled_from(["Council", "Budget", "Steel", "Bridge", "Delays", "Vote", "Rise"]),
    min_size=2,
    max_size=7,
)


@FAST
@given(
    st.lists(st.sampled_from(ARTICLE_LINES), min_size=1, max_size=10),
    st.sampled_from(HEADERS),
    st.lists(headlines.map(" ".join), min_size=1, max_size=5),
)
def test_related_block_after_article_goes_whole(article: list[str], header: str, items: list[str]) -> None:
    kept = _proposed_and_kept([*article, header, *items], article)
    assert header not in kept
    assert all(item not in kept or item in article for item in items)
    assert all(line in kept for line in article)


NAMES = st.sampled_from(["Facebook", "Linkedin", "Mail", "Twitter", "Whatsapp", "Print", "Close", "Search"])
AGENCIES = st.sampled_from(["REUTERS", "AP", "AFP", "dpa", "Getty Images", "EPA"])
PEOPLE = st.sampled_from(["Evan Vucci", "KCNA", "Jane Smith", "Kim Hong-Ji"])
PLATFORMS = st.sampled_from(
    ["Facebook", "Twitter", "LinkedIn", "Email", "WhatsApp", "Pinterest", "Reddit", "X"]
)
share_bars = st.one_of(
    st.tuples(
        st.sampled_from(["Share on {}", "Teilen auf {}", "Partager sur {}", "Compartir en {}"]),
        st.lists(PLATFORMS, min_size=2, max_size=5, unique=True),
    ).map(lambda fp: " ".join(fp[0].format(p) for p in fp[1])),
    st.tuples(
        st.sampled_from(["Share", "Share this article", "Share this story", "Teilen", "Partager"]),
        st.sampled_from([": ", " ", " | "]),
        st.sampled_from([", ", " ", " | "]),
        st.lists(PLATFORMS, min_size=2, max_size=5, unique=True),
    ).map(lambda t: t[0] + t[1] + t[2].join(t[3])),
)
CALLS = st.sampled_from(["Subscribe", "Sign up", "Register", "Log in", "Become a member", "Join today"])
GRANTS = st.sampled_from(
    ["to continue reading", "to read the full article", "to keep reading", "for unlimited access",
     "to read this story", "to unlock this article", "to get full access"]
)  # fmt: skip
paywall_prompts = st.one_of(  # paraphrases: a call to act and what it grants, in either order
    st.tuples(CALLS, GRANTS, st.sampled_from(["", ".", " now.", " today!"])).map(
        lambda t: f"{t[0]} {t[1]}{t[2]}"
    ),
    st.tuples(GRANTS, CALLS, st.sampled_from(["", ".", "!"])).map(
        lambda t: f"{t[0][0].upper()}{t[0][1:]}, {t[1].lower()}{t[2]}"
    ),
)
noise_variants = st.one_of(
    share_bars,
    paywall_prompts,
    st.integers(1, 20).map(lambda n: f"You have {n} free articles left this month."),
    st.lists(NAMES, min_size=2, max_size=5).map(lambda ns: "".join(f"Icon {n}" for n in ns)),
    st.tuples(AGENCIES, PEOPLE).map(lambda ap: f"Picture: {ap[0]}/{ap[1]}"),
    AGENCIES.map(lambda a: f"© {a}"),
    st.from_regex(r"[a-z][A-Za-z]{2,12}", fullmatch=True).map(lambda name: f"{{{{{name}}}}}"),
    st.sampled_from(["Text size", "Font size", "Schriftgröße"]).map(lambda label: f"{label} Aa Aa"),
    st.sampled_from(["Sponsored Content", "Paid Post", "Anzeige", "PUBLICIDAD", "Advertisement"]),
)


@FAST
@given(
    st.lists(st.sampled_from(PARAGRAPHS), min_size=2, max_size=10, unique=True),
    st.lists(st.tuples(noise_variants, st.integers(0, 10)), min_size=1, max_size=4),
)
def test_noise_variants_at_random_places_go_and_article_lines_stay(
    article: list[str], noise: list[tuple[str, int]]
) -> None:
    lines = list(article)
    for text, place in noise:
        lines.insert(min(place, len(lines)), text)
    kept = _proposed_and_kept(lines, article)
    assert kept == article, f"noise kept or article lost: {sorted(set(kept) ^ set(article))}"


TOPIC_WORDS = [
    "Council",
    "budget",
    "steel",
    "Bridge",
    "delays",
    "vote",
    "Mayor",
    "school",
    "river",
    "flood",
    "storm",
]
teaser_titles = st.lists(st.sampled_from(TOPIC_WORDS), min_size=3, max_size=9).map(
    lambda ws: " ".join(ws).capitalize()
)
BLOCK_HEADERS = [
    "Similar news:", "Related articles", "Related stories", "You may also like", "You might also like",
    "More from Business", "Read more:", "Lesen Sie auch", "Mehr zum Thema", "À lire aussi",
    "Te puede interesar", "Recommended for you", "More stories", "Also read",
]  # fmt: skip
CUES = [
    "Read more »",
    "Read more",
    "Weiterlesen »",
    "Lire la suite",
    "Leer más",
    "More »",
    "Continue reading",
]
related_blocks = st.tuples(
    st.sampled_from(BLOCK_HEADERS),
    st.lists(teaser_titles, min_size=1, max_size=5, unique=True),
    st.one_of(st.none(), st.sampled_from(CUES)),  # each teaser followed by the same cue, or none
).map(lambda t: [t[0], *[line for title in t[1] for line in ([title, t[2]] if t[2] else [title])]])


@FAST
@given(
    st.lists(st.sampled_from(PARAGRAPHS), min_size=2, max_size=8, unique=True),
    related_blocks,
    st.integers(0, 8),
)
def test_related_blocks_anywhere_go_whole(article: list[str], block: list[str], place: int) -> None:
    place = min(place, len(article))
    assert _proposed_and_kept(article[:place] + block + article[place:], article) == article


@FAST
@given(
    st.lists(st.sampled_from(PARAGRAPHS), min_size=2, max_size=8, unique=True),
    st.integers(0, 7),
    st.integers(1, 3),
)
def test_a_paragraph_doubled_nearby_is_kept_once(article: list[str], which: int, gap: int) -> None:
    which %= len(article)
    lines = list(article)
    lines.insert(min(which + gap, len(lines)), article[which])  # a doubled caption, quote or banner
    assert _kept_lines(lines) == article


@FAST
@given(
    st.lists(st.sampled_from(PARAGRAPHS), min_size=2, max_size=8, unique=True),
    teaser_titles,
    st.integers(0, 1),
)
def test_a_headline_printed_twice_is_kept_at_most_once(article: list[str], headline: str, gap: int) -> None:
    kept = _kept_lines([headline, *article[:gap], headline, *article[gap:]])
    assert kept.count(headline) <= 1
    assert [line for line in kept if line != headline] == article


@FAST
@given(
    st.lists(st.sampled_from(PARAGRAPHS), min_size=8, max_size=14, unique=True),
    st.lists(st.sampled_from(GLUED_NOISE), min_size=1, max_size=3),
    st.randoms(use_true_random=False),
)
def test_noise_glued_into_a_one_line_article_goes_and_its_sentences_stay(
    article: list[str], noise: list[str], rnd: random.Random
) -> None:
    parts = list(article)
    for sentence in noise:
        parts.insert(rnd.randrange(len(parts) + 1), sentence)
    text = " ".join(parts) + "\n"
    gated = cleanscrape.clean(text, kind="text").text
    assert all(paragraph in gated for paragraph in article)
    result = cleanscrape.clean(text, kind="text", pipeline=EVERY_PROPOSAL)
    for sentence in noise:
        assert sentence not in result.text
    for paragraph in article:
        assert paragraph in result.text
