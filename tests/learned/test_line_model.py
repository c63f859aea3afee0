"""The line model and its trainer: deterministic, data-only, and able to learn."""

from __future__ import annotations

import json
import math
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanscrape import clean
from cleanscrape._engine import in_feed, sigmoid
from cleanscrape.core.segment import segment_table, segment_text
from cleanscrape.core.text import word_count
from cleanscrape.core.types import NO_EVIDENCE, Document, InputState, Segment
from cleanscrape.errors import RuleError
from cleanscrape.learned.language import detect_language, stopwords_for
from cleanscrape.learned.line_model import (
    PAGE,
    LineModel,
    article_run,
    default_model,
    is_page_dump,
    line_features,
    smooth,
)
from cleanscrape.learned.training.train import CLASS_WORD_SITES, Example, _class_words_of_sites, train

PROSE = [
    "The council approved the budget on Tuesday after a debate that lasted six hours.",
    "Officials said the new bridge would open in the spring, two years later than planned.",
    "Residents who spoke at the meeting asked for more money for the central library.",
]
MENU = ["Home", "World", "Sport", "Log in", "Newsletters", "Contact us"]


def _example(name: str, lines: list[tuple[str, bool]]) -> Example:
    return Example(name, "\n".join(t for t, _ in lines) + "\n", [label for _, label in lines])


def _corpus() -> list[Example]:
    examples = []
    for k in range(6):
        lines = (
            [(m, False) for m in MENU[k % 3 :]]
            + [(p, True) for p in PROSE]
            + [(m, False) for m in MENU[: k % 4]]
        )
        examples.append(_example(f"page{k}", lines))
    return examples


def test_training_is_deterministic_and_written_as_data() -> None:
    a, b = train(_corpus()), train(_corpus())
    assert a.to_json() == b.to_json()
    assert a.to_json().startswith("{") and '"format": "cleanscrape-line-model/1"' in a.to_json()
    assert len(a.digest) == 64


def test_model_separates_menus_from_prose() -> None:
    model = train(_corpus())
    segments = segment_text("\n".join(["Home", "Sport", *PROSE, "Contact us"]))
    scores = model.scores(segments)
    assert min(scores[2:5]) > 0.5 > max(scores[0], scores[-1])


def test_model_round_trips_through_json(tmp_path: Path) -> None:
    model = train(_corpus())
    path = tmp_path / "model.json"
    path.write_text(model.to_json(), encoding="utf-8")
    loaded = LineModel.load(path)
    segments = segment_text("\n".join(PROSE))
    assert loaded.scores(segments) == pytest.approx(model.scores(segments), abs=1e-4)


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        "[1, 2]",
        '{"format": "other"}',
        '{"format": "cleanscrape-line-model/1"}',
        '{"format": "cleanscrape-line-model/1", "digest": "d", "threshold": 0.5, "weights": [1]}',
        '{"format": "cleanscrape-line-model/1", "digest": "d", "threshold": 0.5, "weights": {"bias": "x"}}',
        '{"format": "cleanscrape-line-model/1", "digest": "d", "threshold": 0.5, "weights": {}} trailing',
    ],
)
def test_malformed_model_file_is_a_clear_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RuleError, match=r"bad\.json"):
        LineModel.load(path)


def test_the_engine_reads_a_model_files_weights_as_python_reads_them() -> None:
    """The shipped model's weights, read by the engine, are Python's floats bit for bit."""
    from importlib import resources

    text = resources.files("cleanscrape").joinpath("data/line-model.json").read_text("utf-8")
    as_python = {k: float(v) for k, v in json.loads(text)["weights"].items()}
    weights = default_model().weights
    assert len(weights) == len(as_python)
    assert all(weights[k].hex() == w.hex() for k, w in as_python.items())


def test_weights_read_from_a_file_are_a_mapping_of_exactly_what_it_gives() -> None:
    text = json.dumps(
        {"format": "cleanscrape-line-model/1", "digest": "d", "threshold": 0.5,
         "weights": {"h5": 0.0, "page:h7": -1.5, "bias": 2, "h007": 0.25, "h5 ": 1.0}}
    )  # fmt: skip
    weights = LineModel.from_json(text).weights
    assert dict(weights) == {"h5": 0.0, "page:h7": -1.5, "bias": 2.0, "h007": 0.25, "h5 ": 1.0}
    assert "h6" not in weights and 5 not in weights and weights.get("page:h5") is None
    with pytest.raises(KeyError):
        weights["h6"]


def test_a_model_read_from_its_file_pickles_whole() -> None:
    """A ``--jobs`` worker gets the model by pickle: the same weights, the same scores."""
    import pickle

    model = default_model()
    copy = pickle.loads(pickle.dumps(model))
    segments = segment_text("\n".join([*MENU, *PROSE]))
    assert copy.raw_scores(segments) == model.raw_scores(segments)
    assert (copy.threshold, copy.digest, copy.patterns) == (model.threshold, model.digest, model.patterns)
    assert copy.weights == model.weights
    trained = train(_corpus())  # weights in a dict: pickled as the engine holds them
    assert pickle.loads(pickle.dumps(trained)).weights == trained.weights


def test_labels_must_match_lines() -> None:
    with pytest.raises(ValueError, match="labels for"):
        train([Example("x", "one\ntwo\n", [True])])


def test_features_see_neighbours_and_document() -> None:
    segments = segment_text("Home\n" + PROSE[0])
    feats = line_features(segments)[1]
    assert any(k.startswith("prev:") for k in feats) and any(k.startswith("doc_prose=") for k in feats)
    assert "next:none" in feats and "span=inside" in feats


def test_language_picks_the_stoplist() -> None:
    german = "Der Rat hat am Dienstag die Pläne für das neue Bad und die Straße gebilligt, sagte er."
    assert detect_language(german.split()) == "de"
    assert "und" in stopwords_for("de") and "und" not in stopwords_for("en")
    assert stopwords_for(None) >= stopwords_for("fr") | stopwords_for("de")
    shape = line_features(segment_text(german))[0]
    assert any(k.startswith("stop=") and k != "stop=0" for k in shape)


def test_cohesion_sees_list_items_that_share_the_articles_words() -> None:
    text = "\n".join([
        "Whisk the eggs with the sugar, then fold in the flour and bake the batter for forty minutes.",
        "- eggs and sugar", "- flour", "Newsletters",
    ])  # fmt: skip
    feats = line_features(segment_text(text))
    cohesion = [next(k.split("&")[0] for k in line if k.startswith("cohesion=")) for line in feats]
    assert cohesion[1:] == ["cohesion=3", "cohesion=3", "cohesion=0"]  # shares of 1.0, 1.0 and 0.0


def test_only_page_dumps_are_decoded() -> None:
    dump = segment_text("\n".join([*MENU * 5, *PROSE, *MENU * 2]))
    extracted = segment_text("\n".join([*PROSE, *PROSE, *MENU * 8, *PROSE]))
    short = segment_text("\n".join([*MENU, *PROSE]))
    assert is_page_dump(dump) and not is_page_dump(extracted) and not is_page_dump(short)


def test_shipped_model_keeps_the_article_of_a_page_dump() -> None:
    segments = segment_text("\n".join([*MENU * 5, *PROSE, *MENU * 2]))
    model = default_model()
    keep = article_run(model.scores(segments), segments, model.threshold)
    assert [s.text for s, k in zip(segments, keep, strict=True) if k] == PROSE


def test_an_article_region_is_no_page_dump_for_the_model() -> None:
    from cleanscrape import Pipeline
    from cleanscrape.core.types import Evidence
    from cleanscrape.filters import PageLayout

    menu = ["Quartier", "Marktplatz", "Stadtteile", "Vereine", "Termine", "Leserbriefe"]  # no mined pattern
    text = "\n".join([*MENU, *menu * 5, *PROSE, *menu * 2])  # a site's own menu below the common one
    pipeline = Pipeline([PageLayout()], safety_net=False)

    def by_model(evidence: Evidence) -> list[str]:
        return [r.rule for r in pipeline.removals(text, evidence) if r.rule.startswith("line-model:")]

    assert str(pipeline.decide(text).input_state) == "page_dump"
    assert by_model(Evidence())  # as a page dump, the model takes its menus
    assert str(pipeline.decide(text, Evidence(article_region=True)).input_state) == "extracted"
    assert by_model(Evidence(article_region=True)) == []


def test_the_model_leaves_an_extractors_output_alone() -> None:
    """Text that opens with its article is an extractor's output, whatever lists it holds."""
    from cleanscrape import Pipeline
    from cleanscrape.filters import PageLayout

    listing = ["Quartier", "Marktplatz", "Stadtteile", "Vereine", "Termine", "Leserbriefe"] * 8
    text = "\n".join([*PROSE, *listing, *PROSE])
    decision = Pipeline([PageLayout()], safety_net=False).decide(text)
    assert str(decision.input_state) == "extracted"
    assert [r for r in decision.removals if r.rule.startswith("line-model:")] == []


@pytest.mark.parametrize("in_page", [False, True])
@pytest.mark.parametrize("lines", [[*MENU * 5, *PROSE, *MENU * 2], [*PROSE, "Home", *PROSE], ["Home"]])
def test_scoring_sums_the_same_features_as_training(lines: list[str], in_page: bool) -> None:
    """The scorer tables each shape's terms and sums other groups once a document: the same sums."""
    model = default_model()
    segments = segment_text("\n".join(lines))
    page = [("tag=p", "in=nav", f"links={i % 4}") for i in range(len(segments))] if in_page else []
    expected = [
        sigmoid(sum(model.weights.get(k, 0.0) * v for k, v in feats.items()))
        for feats in line_features(segments, page)
    ]
    assert model.raw_scores(segments, page) == pytest.approx(expected, abs=1e-12)


def test_a_page_context_must_give_one_entry_a_line() -> None:
    segments = segment_text("\n".join(PROSE))
    with pytest.raises(ValueError, match="2 page contexts for 3 lines"):
        default_model().raw_scores(segments, [("tag=p",), ("tag=p",)])


IN_NAV, IN_PARAGRAPH = ("tag=li", "in=nav", "links=3"), ("tag=p", "links=0")


def _render(name: str, site: str) -> Example:
    """A page render whose teasers, in a nav, repeat the prose of its paragraphs: only the
    lines' context in the page tells them apart."""
    lines = [*MENU, *PROSE, *PROSE]
    page = [IN_NAV] * (len(MENU) + len(PROSE)) + [IN_PARAGRAPH] * len(PROSE)
    labels = [False] * (len(MENU) + len(PROSE)) + [True] * len(PROSE)
    return Example(name, "\n".join(lines) + "\n", labels, site, page)


def test_page_renders_train_weights_of_their_own() -> None:
    dumps = _corpus()
    with_pages = train([*dumps, *(_render(f"page/{k}", f"site{k}.example") for k in range(4))])
    segments = segment_text("\n".join(["Home", *PROSE, "Contact us"]))
    assert with_pages.raw_scores(segments) == train(dumps).raw_scores(segments)  # text dumps: unchanged
    line = segment_text(PROSE[0])
    in_nav, in_paragraph = with_pages.raw_scores(line, [IN_NAV]), with_pages.raw_scores(line, [IN_PARAGRAPH])
    assert in_nav[0] < 0.5 < in_paragraph[0]
    assert any(k.startswith(PAGE) for k in with_pages.weights)


def test_class_words_are_learned_only_from_several_sites() -> None:
    renders = [
        Example(f"p{k}", "Home\n", [False], f"site{k}.example", [("tag=li", "cls=footer", f"cls=brand{k}")])
        for k in range(CLASS_WORD_SITES)
    ]
    assert _class_words_of_sites(renders) == {"cls=footer"}
    assert _class_words_of_sites(renders[1:]) == set()


def test_smoothing_keeps_length_and_range() -> None:
    values = smooth([0.0, 1.0, 0.0, 1.0])
    assert len(values) == 4 and all(0.0 <= v <= 1.0 for v in values)
    assert smooth([]) == []


def test_learn_cli_is_deterministic_on_the_project_corpus(tmp_path: Path) -> None:
    from conftest import ROOT, run_cli

    first, second = tmp_path / "a.json", tmp_path / "b.json"
    for out in (first, second):
        proc = run_cli("learn", str(ROOT / "corpus"), "-o", str(out))
        assert proc.returncode == 0, proc.stderr
    assert first.read_bytes() == second.read_bytes()
    assert LineModel.load(first).digest in first.read_text()
    assert first.stat().st_mode & 0o044  # readable beyond the owner, as any output file


def test_learn_reads_an_aeb_style_half(tmp_path: Path) -> None:
    import gzip
    import json

    from cleanscrape.learned.training.train import load_corpora

    half = tmp_path / "aeb-dev"
    (half / "output").mkdir(parents=True)
    body = " ".join(PROSE)
    (half / "ground-truth.json").write_text(json.dumps({"p1": {"articleBody": body, "url": "u"}}))
    dump = "\n".join([*MENU, *PROSE])
    for system in ("html-text", "trafilatura"):
        (half / "output" / f"{system}.json").write_text(json.dumps({"output": {"p1": {"articleBody": dump}}}))
    nav = "".join(f"<li><a href='/{n}'>{item}</a></li>" for n, item in enumerate(MENU))
    page = f"<html><body><nav><ul>{nav}</ul></nav>{''.join(f'<p>{p}</p>' for p in PROSE)}</body></html>"
    (half / "html").mkdir()
    (half / "html" / "p1.html.gz").write_bytes(gzip.compress(page.encode()))
    examples = load_corpora([half])
    assert [e.name for e in examples] == ["html-text/p1", "trafilatura/p1", "page/p1"]
    assert examples[0].labels == [False] * len(MENU) + [True] * len(PROSE)
    render = examples[2]  # the raw page's render, each line with its context in the page
    assert render.text.splitlines() == [*MENU, *PROSE] and render.labels == examples[0].labels
    assert all("in=nav" in keys for keys in render.page_context[: len(MENU)])
    assert not any("in=nav" in keys for keys in render.page_context[len(MENU) :])


def test_learn_rejects_a_folder_that_is_no_corpus(tmp_path: Path) -> None:
    from conftest import run_cli

    proc = run_cli("learn", str(tmp_path), "-o", str(tmp_path / "m.json"))
    assert proc.returncode == 2
    assert b"not a corpus" in proc.stderr and b"Traceback" not in proc.stderr


def test_patterns_need_several_sites_and_high_precision() -> None:
    from cleanscrape.learned.patterns import mine

    lines = [(f"site{k}", "Privacy Policy", False) for k in range(5)]
    lines += [(f"site{k}", "Follow us on Mastodon today", False) for k in range(5)]
    lines += [("site0", "Only here", False)] * 9  # one site: not a pattern
    lines += [(f"site{k}", "Weather", False) for k in range(5)] + [("site9", "Weather", True)]
    lines += [(f"site{k}", "November 18, 2019", False) for k in range(6)]  # dates are not boilerplate
    found = {(p.kind, " ".join(p.tokens)): p for p in mine(lines)}
    assert found[("line", "privacy policy")].sites == 5 and found[("line", "privacy policy")].precision == 1.0
    assert ("prefix", "follow us") in found and ("line", "only here") not in found
    assert ("line", "weather") not in found  # 5 of 6 is below the precision bar
    assert not any("november" in " ".join(p.tokens) for p in found.values())


def test_patterns_travel_in_the_model_file_and_remove_lines_anywhere() -> None:
    from cleanscrape import Pipeline
    from cleanscrape.core.spans import apply_removals
    from cleanscrape.filters import PageLayout

    examples = [
        Example(f"p{k}", "\n".join([*MENU, *PROSE]) + "\n", [False] * len(MENU) + [True] * 3, f"site{k}")
        for k in range(5)
    ]
    model = LineModel.from_json(train(examples).to_json())
    assert ("line", ("newsletters",)) in [(p.kind, p.tokens) for p in model.patterns]
    text = f"{PROSE[0]}\nNewsletters\n{PROSE[1]}\n"
    removals = Pipeline([PageLayout(model)]).removals(text)
    assert apply_removals(text, removals) == f"{PROSE[0]}\n{PROSE[1]}\n"
    assert removals[0].rule == "pattern:line:newsletters" and removals[0].reason.value == "learned_pattern"


def test_a_catalogue_that_stays_menu_shaped_is_left_to_the_rules() -> None:
    from cleanscrape import Pipeline
    from cleanscrape.filters import PageLayout

    # A model that likes two-word lines and dislikes one-word lines: it would cut the
    # single words, but what it keeps is still a column of short fields, not an article.
    model = LineModel({"bias": 10.0, "words=2": -20.0}, 0.5, "test")
    row = ("Item {}", "Lot {}", "Ref {}", "Oak", "Boxed", "Pine")
    text = "\n".join(line.format(k) for k in range(20) for line in row) + "\n"
    segments = segment_text(text)
    assert is_page_dump(segments)
    assert not all(article_run(model.scores(segments), segments, model.threshold))
    assert Pipeline([PageLayout(model)]).removals(text) == []


def test_the_model_reads_the_page_as_given_even_when_rules_cleared_its_menu() -> None:
    # Chrome removes every line of this head, so what the rules leave starts
    # with prose; the model must still see a page dump and cut its footer.
    head = [
        "Menu",
        "Search",
        "Log in",
        "Share",
        "Print",
        "Home",
        "Advertisement",
        "Close",
        "Sign in",
        "Subscribe",
    ]
    prose = [
        *PROSE,
        "Work on the bridge is expected to begin in March, weather permitting, the engineers said.",
    ]
    footer = ["Regional desk", "Weekend edition", "Crossword puzzles", "Reader photos", "Archive search"] * 6
    kept = clean("\n".join([*head, *prose, *footer]) + "\n", kind="text").text.splitlines()
    assert all(line in kept for line in prose)
    assert not {"Crossword puzzles", "Reader photos", "Archive search"} & set(kept)


def test_a_short_head_must_read_as_chrome_to_open_the_gate() -> None:
    # Both heads are ten short lines; only the menu reads as chrome to the model.
    method = [
        "Whisk the eggs with the sugar until pale, then fold in the flour and the baking powder.",
        "Melt the butter and stir it into the batter with the salt, then pour it into the tin.",
        "Bake for forty minutes, until a skewer pushed into the middle comes out clean and dry.",
    ] * 12
    ingredients = ["Ingredients", "200 g flour", "2 eggs", "100 g sugar", "1 tsp baking powder",
                   "50 g butter", "Pinch of salt", "Method", "Prep: 20 min", "Serves 4"]  # fmt: skip
    menu = [
        "Home",
        "World",
        "Sport",
        "Log in",
        "Newsletters",
        "Contact us",
        "Search",
        "Menu",
        "Subscribe",
        "Video",
    ]
    recipe, page = segment_text("\n".join(ingredients + method)), segment_text("\n".join(menu + method))
    assert is_page_dump(recipe) and is_page_dump(page)
    model = default_model()
    assert model.page_scores(recipe) is None and model.page_scores(page) is not None


def test_a_feed_is_the_regular_run_of_timestamped_items() -> None:
    article = ["Son of former president dies", "By Staff", "NOVEMBER 20, 2019 10:43", *PROSE[:2]]
    titles = [
        "Liberman blames both parties",
        "Strikes on Syria condemned",
        "Eleven dead in strike",
        "Gantz speaks",
    ]
    feed = [line for title in titles for line in (title, "By REUTERS", "11/20/2019 01:14 PM")]
    flags = in_feed([*article, *feed, "About us", "Contact"])
    first_stamp = len(article) + 2
    assert flags == [False] * first_stamp + [True] * (len(feed) - 2) + [False, False]
    # Two stamps are no feed, nor are stamps further apart than items are.
    assert not any(in_feed(["May 2, 2019", *PROSE, "3 hours ago", "Home"]))
    assert not any(in_feed(["1 day ago", *PROSE, *PROSE, "2 days ago", *PROSE, *PROSE, "3 days ago"]))
    # German and Spanish stamps count too, in any case.
    assert all(in_feed(["vor 3 Stunden", "Titel", "20. November 2019", "Titel", "hace 2 horas"]))
    assert all(in_feed(["İL Y A 3 JOURS", "Titre", "IL Y A 5 JOURS", "Titre", "5 MİNS AGO"]))
    # A stamp that heads the article stands further from the feed's than they stand apart.
    stamped = ["Story", "Title A", "2 hours ago", "Title B", "5 hours ago", "Title C", "1 day ago", "End"]
    assert in_feed(stamped) == [False, False, True, True, True, True, True, False]
    lines = ["May 2, 2019", "Prose.", "Prose.", "A", "1h ago", "B", "2h ago", "C", "3h ago"]
    assert in_feed(lines) == [False] * 4 + [True] * 5


def _reference_cut(
    model: LineModel, doc: Document, interface: set[int], matched: set[int], attribution: set[int]
) -> list[tuple[int, bool, int]]:
    """What ``LineModel.page_cut`` means, stated in Python: the model scores each line (a glued
    line's sentences together), smoothed; a page dump whose head reads as chrome has its
    article's run kept, lines the rules removed as interface counting as no article and an
    embedded post's attribution as neutral; each segment of every other line goes, with the
    band of its line's score, unless the lines left still open like a menu."""
    groups: list[list[Segment]] = []
    for seg in doc.segments:
        if groups and groups[-1][-1].line == seg.line:
            groups[-1].append(seg)
        else:
            groups.append([seg])
    texts = [g[0].text if len(g) == 1 else doc.source[g[0].start : g[-1].end] for g in groups]
    words = [word_count(t) for t in texts]
    page = [doc.evidence.page_context[g[0].line] for g in groups] if doc.evidence.page_context else []
    if not (len(words) >= 40 and sum(w <= 5 for w in words[:10]) >= 0.4 * len(words[:10])):
        return []
    raw = model.raw_scores([Segment(i, 0, 0, 0, t, "", 0, 0) for i, t in enumerate(texts)], page)
    n = len(raw)
    scores = [0.2 * raw[max(i - 1, 0)] + 0.6 * raw[i] + 0.2 * raw[min(i + 1, n - 1)] for i in range(n)]
    dump = sum(w <= 3 for w in words[:10]) >= 0.6 * len(words[:10])
    if sum(scores[:10]) / len(scores[:10]) >= (0.35 if dump else 0.2):
        return []
    evidence = [
        0.0 if all(s.index in interface for s in g)
        else max(x, model.threshold) if g[0].index in attribution
        else x
        for g, x in zip(groups, scores, strict=True)
    ]  # fmt: skip
    best, total, start, run = -math.inf, 0.0, 0, range(0)
    for i, (x, w) in enumerate(zip(evidence, words, strict=True)):
        value = (x - model.threshold) * math.sqrt(max(w, 1))
        total, start = (value, i) if total <= 0 else (total + value, start)
        if total > best:
            best, run = total, range(start, i + 1)
    keep = [(i in run and x >= 0.15) or x >= 0.92 for i, x in enumerate(evidence)]
    survivors = [w for g, w, k in zip(groups, words, keep, strict=True)
                 if k and any(s.index not in doc.removed and s.index not in matched for s in g)]  # fmt: skip
    if len(survivors) >= 40 and sum(w <= 3 for w in survivors[:10]) >= 0.6 * len(survivors[:10]):
        return []
    kept = [i for i, k in enumerate(keep) if k] or [n, -1]
    return [
        (s.index, kept[0] < i < kept[-1], min(int((1.0 - scores[i]) * 10), 9))
        for i, (g, k) in enumerate(zip(groups, keep, strict=True))
        if not k
        for s in g
        if s.index not in doc.removed
    ]


EMBED_CREDIT = "— Ann Lee (@annlee) May 2, 2021"
PAGE_LINES = st.sampled_from([*MENU, *PROSE, "Share", "Read more", EMBED_CREDIT, "© 2024"])


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.sampled_from(MENU), min_size=8, max_size=14),
    st.lists(st.lists(PAGE_LINES, min_size=1, max_size=30), min_size=30, max_size=60),
    st.randoms(use_true_random=False),
)
def test_the_engines_page_cut_means_what_the_decoder_says(
    menu: list[str], lines: list[list[str]], rng: random.Random
) -> None:
    """On made-up page dumps (a menu, then short lines, prose and glued lines of many
    sentences; some segments removed before, some as interface text, some matched by
    patterns), the engine cuts what the decoder, stated in Python, cuts: the same segments,
    reasons and bands."""
    body = [" ".join(parts) if rng.random() < 0.9 else ". ".join(parts * 12) + "." for parts in lines]
    text = "\n".join([*menu, *body])
    segments, table = segment_table(text)
    removed = {s.index: rng.choice(["chrome", "related"]) for s in segments if rng.random() < 0.2}
    interface = {i for i, name in removed.items() if name == "chrome"}
    matched = {s.index for s in segments if rng.random() < 0.1}
    attribution = {s.index for s in segments if "(@" in s.text}
    doc = Document(text, segments, removed, NO_EVIDENCE, InputState.PAGE_DUMP, table)
    model = default_model()
    cut = model.page_cut(doc, interface, matched, attribution)
    assert cut == _reference_cut(model, doc, interface, matched, attribution)


def test_a_page_dumps_menus_and_footer_are_cut_around_its_article() -> None:
    text = "\n".join([*MENU * 3, *PROSE * 6, *MENU * 4, "© 2024"])
    segments, table = segment_table(text)
    doc = Document(text, segments, {}, NO_EVIDENCE, InputState.PAGE_DUMP, table)
    model = default_model()
    cut = model.page_cut(doc, (), (), ())
    assert cut == _reference_cut(model, doc, set(), set(), set())
    assert {segments[i].text for i, _, _ in cut} == {*MENU, "© 2024"}


def test_a_page_whose_kept_lines_still_open_like_a_menu_is_not_cut() -> None:
    """Steps kept around each paragraph leave a run that opens like a menu: a table or a list,
    not an article in chrome, so nothing is cut; once page layout's own patterns took the
    steps, what is left reads as an article, and its menus go."""
    body = [line for k in range(20) for line in (PROSE[k % 3], "Step one", "Step two")]
    text = "\n".join([*MENU * 2, *body, *MENU])
    segments, table = segment_table(text)
    doc = Document(text, segments, {}, NO_EVIDENCE, InputState.PAGE_DUMP, table)
    steps = {s.index for s in segments if s.text.startswith("Step")}
    model = default_model()
    assert model.page_cut(doc, (), (), ()) == _reference_cut(model, doc, set(), set(), set()) == []
    cut = model.page_cut(doc, (), steps, ())
    assert cut == _reference_cut(model, doc, set(), steps, set())
    assert {segments[i].text for i, _, _ in cut} >= set(MENU)


def _has_link_marks(text: str) -> bool:
    """Python's reading of a line's link marks: a pipe, guillemet or arrow, @ or #, a URL's
    scheme or www., or a .com no word character follows."""
    if any(mark in text for mark in ("|", "»", "›", "→", "@", "#", "http:", "https:", "www.")):
        return True
    return any(not (text[m.end() : m.end() + 1].isalnum() or text[m.end() : m.end() + 1] == "_")
               for m in re.finditer(r"\.com", text))  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["www", ".", "com", "http", "s", ":", "|", "»", "@", "x", " ", "é", "_"]), max_size=10
    )
)
def test_a_line_s_link_marks_are_found_as_python_finds_them(pieces: list[str]) -> None:
    line = "word " + "".join(pieces)
    (features,) = line_features(segment_text(line))
    assert ("links=True" in features) == _has_link_marks(line.strip()), line
