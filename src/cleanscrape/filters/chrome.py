"""Page chrome that leaks into text: UI controls, share bars, ad labels, prompts.

Each rule is a pattern over the normalized line, grouped by reason. Prompts
(cookies, newsletters, comments) must read as interface text: imperative or
addressed to the reader, in a short line, so prose that merely mentions
cookies or newsletters is left alone. On a page HTML mode read whole, the lines
of its ``<nav>`` and ``<footer>`` go too, by the page's own markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from .. import _engine
from ..core.segment import glued_lines, glued_tail
from ..core.text import normalize, whole_line, word_count
from ..core.types import Document, Family, Reason, Removal
from .base import Filter, LineRule, LineRules, in_landmark, runs_between, vocabulary

MAX_PROMPT_WORDS = 40
MAX_NOTICE_PARAGRAPH_WORDS = 120  # a paragraph of notices, each sentence chrome (see Chrome)
# A sign-up box: its pitch and messages sit between its prompts ("Pick Six Newsletter",
# "Get the day's big stories …", "Thanks for signing up!", "Sorry!", "There was an error …").
MAX_SIGNUP_GAP_LINES = 2
MAX_SIGNUP_FILLER_WORDS = 20
# The family's vocabulary (UI controls, ad and section labels, share words, verbs and
# places, networks) is data: ``data/phrases/chrome.json``, read by ``vocabulary`` when the
# rules are made. Share places are not networks but what a page is shared to ("email",
# "print", "link").

RESERVED = (
    "(all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|"
    "tutti i diritti riservati|alle rechten voorbehouden|wszelkie prawa zastrzeżone)"
)
# Labels of a post's metadata fields ("Filed under: …", "Tags: …") in a line of several fields.
_META_LABELS = (
    r"categories|category|tags|tagged|filed under|kategorien?|schlagwörter|schlagworte|"
    r"catégories?|étiquettes|etiquetas|categorías?"
)


def _rules() -> tuple[LineRule, ...]:
    words = vocabulary("chrome")
    return (
        LineRule(
            Reason.TEXT_SIZE_CONTROL,
            "text_size",
            (
                r"^(text|font) ?size\b|^(a ?a)( a ?a)*$|^a a a$|^(aa )+aa$|"
                r"^(schriftgrösse|taille du texte|tamaño (de )?(letra|texto)|dimensione testo)\b"
            ),
            max_chars=60,
        ),
        LineRule(Reason.UI_CONTROL, "lone_control", whole_line(words["ui_controls"]), max_chars=40),
        LineRule(
            Reason.UI_CONTROL,
            "counted_control",
            (
                r"^(\d+ )?(comments?|shares?|likes?|replies|kommentare|commentaires|comentarios)"
                r"( \(?\d+\)?)?$"
            ),
            max_chars=40,
        ),
        LineRule(Reason.AD_LABEL, "ad_label", whole_line(words["ad_labels"]), max_chars=80),
        LineRule(
            Reason.COOKIE_NOTICE,
            "cookie_consent",
            (
                r"\b(we|this (web)?site|our (web)?site|this page) (use|uses) cookies\b|"
                r"^(accept|reject|decline|manage|allow|refuse) (all )?(cookies|cookie settings)\b|"
                r"^cookie (settings|policy|preferences|consent)$|"
                r"\bby (continuing|using) (to (use|browse) )?(this|our) (web)?site\b"
                r".{0,60}\b(agree|consent|accept)|"
                r"\b(wir (verwenden|nutzen)|diese (web)?(seite|site) (verwendet|nutzt))\b.{0,20}\bcookies\b|"
                r"\b(nous utilisons|ce site utilise) des cookies\b|"
                r"\b(utilizamos|este sitio (web )?utiliza|usamos) cookies\b|"
                r"\b(utilizziamo|questo sito utilizza) (i )?cookie\b"
            ),
            needs=("cookie", "site"),
        ),
        LineRule(
            Reason.COOKIE_NOTICE,
            "cookie_policy",
            (
                r"\bcookies?\b.{0,120}\b(your (browser|consent|device|browsing experience)|"
                r"(this|our|the) (web)?site|opt(-| )?out)\b|"
                r"\b(your (browser|consent|device|browsing experience)|(this|our) (web)?site)\b"
                r".{0,120}\bcookies?\b"
            ),
            needs=("cookie",),
        ),
        LineRule(
            Reason.NEWSLETTER_PROMPT,
            "newsletter_signup",
            (
                r"^(sign up|subscribe|get|join|receive|enter your email|don't miss|never miss)\b"
                r".{0,80}\b(newsletters?|briefing|inbox|email updates|e-mail updates)\b|"
                r"\b(our|the daily|the weekly|free) newsletters?\b.{0,60}\b(sign up|subscribe|inbox)\b|"
                r"\bstraight to your inbox\b|\bdelivered to your inbox\b|^enter your e-?mail( address)?$|"
                r"\bnewsletter (abonnieren|bestellen)\b|"
                r"\b(melden sie sich|abonnieren sie|schauen sie|melde dich|abonniere)\b.{0,40}newsletter\b|"
                r"\b(inscrivez-vous|abonnez-vous)\b.{0,40}\b(newsletter|lettre d'information)\b|"
                r"\b(suscríbete|suscribete|suscríbase|suscribirse|apúntate)\b.{0,40}\b(newsletter|boletín)\b|"
                r"^sign up (to get|for) (the|our) (best|latest|top|weekly|daily)\b|"
                r"[.?!:] sign up (here|now|today)$|"
                r"\biscriviti\b.{0,40}\bnewsletter\b|^newsletter$|"
                r"^thanks? (you )?for (signing up|subscribing)\b|\bkeep an eye on your inbox\b|"
                r"\berror processing your subscription\b|\bcheck your inbox to confirm\b|"
                r"^[\w .'&-]{1,30} newsletters?$|\b(zum|für den) newsletter anmelden\b|^newsletter anmelden$"
            ),
            needs=("newsletter", "briefing", "inbox", "mail", "boletín", "lettre", "sign", "subscri"),
        ),
        LineRule(
            Reason.COMMENT_PROMPT,
            "comment_call",
            (
                r"\b(leave|add|post|write|share)( us)? (a|your) (comment|reply|thoughts)\b|"
                r"\b(let us know|tell us|have your say)\b.{0,40}\b(comments?|below)\b|"
                r"\bwe('d| would)? (want|love|like) to hear (what you think|your thoughts) (about|on|of) "
                r"(this|the|our) (article|story|piece|post|episode)\b|"
                r"\bsubmit a letter to the editor\b|"
                r"^(join|start) the (conversation|discussion|debate)$|^have your say$|"
                r"^comments (are|have been) (closed|disabled|open)|^be the first to comment$|"
                r"^(show|view|read|hide|load|see) (all )?(\d+ )?(comments|replies)$|"
                r"^(kommentar|kommentare) (schreiben|anzeigen|lesen)$|^laisser un commentaire$|"
                r"^(deja|escribe) (un|tu) comentario$|^lascia un commento$|^dodaj komentarz$|"
                r"\b(verraten|schreiben) (sie|du|uns)\b.{0,30}\bkommentar|"
                r"\b(cuéntanos|déjanos)\b.{0,30}\bcomentarios?\b"
            ),
            needs=(
                "comment",
                "repl",
                "thought",
                "let us know",
                "tell us",
                "say",
                "conversation",
                "discussion",
                "debate",
                "hear",
                "letter to the editor",
                "kommentar",
                "comentario",
                "komentarz",
            ),
        ),
        LineRule(
            Reason.DONATION_APPEAL,
            "donation_appeal",
            (
                r"^(please )?(donate|donate now|donate today|support us|jetzt spenden|spenden|faire un don|"
                r"donar|dona ahora|haz una donación|wesprzyj nas)$|"
                r"\bwe need your (help|support)\b.{0,80}\b(donat|contribut|support us)|"
                r"\b(support|help) us\b.{0,60}"
                r"\b(donation|donating|contribution|becoming a (member|supporter))\b|"
                r"\bsupport (our|independent) (journalism|reporting)\b|"
                r"^(please )?(consider )?(make|making) a (small |one-time |monthly |tax-deductible )?"
                r"(donation|contribution)\b|"
                r"\b(unterstütze|unterstützen sie) (uns|unser magazin|unsere arbeit|unseren journalismus|"
                r"unabhängigen journalismus)\b.{0,60}\b(spende|beitrag|abo)|"
                r"\bwesprzyj nas\b|\bsoutenez-nous\b.{0,60}\bdon\b|\bapóyanos\b.{0,60}\b(donación|aporte)\b"
            ),
            needs=(
                "donat",
                "support",
                "spende",
                "unterstütz",
                "don",
                "dona",
                "contribut",
                "wesprzyj",
                "apóyanos",
            ),
        ),
        LineRule(
            Reason.UI_CONTROL,
            "embed_consent",
            (
                r"\bclick (on )?the button (below )?to (load|show|display) (the )?(content|video|map|post)\b|"
                r"\bklicken sie auf den (unteren |folgenden )?button,? um (den|die) inhalte? von\b"
                r".{1,60}\bzu laden\b|"
                r"\bmit dem laden (des inhalts|der karte|des videos) akzeptieren sie\b"
            ),
            needs=("load", "laden"),
        ),
        LineRule(
            Reason.SECTION_LABEL, "lone_section_label", whole_line(words["section_labels"]), max_chars=30
        ),
        LineRule(
            Reason.SITE_TAGLINE,
            "site_tagline",
            (
                r"^[\w .'&-]{1,40} (latest|breaking|top|today's) (news|headlines)"
                r"( ?[,|–-] ?[\w .'&-]{1,40} (headlines|news|updates))?$|"
                r"^(latest|breaking|top) news,? [\w .'&-]{1,40}$|"
                rf"^{RESERVED}$|"
                rf"^(copyright|©|\(c\))( ?(©|\(c\)))? ?(\d{{4}}(-\d{{4}})?)? ?[\w .,'&-]{{0,60}} {RESERVED}$"
            ),
            max_chars=200,
        ),
        LineRule(
            Reason.LEGAL_NOTICE,
            "legal_notice",
            (
                r"\b(is|are) (a |the )?(registered )?trade ?marks?( or (registered )?trade ?marks?)? of\b|"
                r"\b(is|are) (provided )?(solely |only )?for (general )?information(al)? purposes only\b|"
                r"\bnot (been )?evaluated by the (food and drug administration|fda)\b|"
                r"\b(is|are) not intended to (diagnose|be a substitute for)\b|"
                r"\b(unless otherwise (noted|stated|indicated)|sauf mention contraire|"
                r"sofern nicht anders (angegeben|ausgewiesen|vermerkt))\b"
                r".{0,80}\b(licen[cs]ed?|lizenz|licence|cc[- ]by|creative commons)\b|"
                r"\b(en |sous )licence creative commons\b|"
                r"\blicensed under (a |the )?(cc[- ]by|creative commons)\b"
            ),
            needs=("trade", "information", "evaluated", "intended", "licen", "lizenz", "cc-by", "cc by"),
        ),
        LineRule(
            Reason.CONTRIBUTOR_LINE,
            "contributor_credit",
            (
                r"^(with )?(additional |extra )?reporting (from|by|contributed by)\b|"
                r"^(additional |extra )?(reporting|writing|editing|research|compiled|"
                r"reporting and writing|edited|written|mitarbeit|redaktion)\b.{0,20}\bby\b|"
                r"^(\(?(reporting|writing|editing) by [^;)]{1,60}(; ?)?)+\)?$|"
                r"^(mitarbeit|mit material von|avec|con la colaboración de):? |"
                r"^[\w .,'’&-]{1,200} contributed to this (report|story|article)$"
            ),
        ),
        LineRule(
            Reason.AUTHOR_CONTACT,
            "author_email",
            (
                r"^(write to|contact|reach|email|e-mail) [\w .'’-]{1,60} (at|via) [\w.+-]+@[\w-]+\.\w|"
                r"^(have|got) a (news )?tip\b.{0,160}[\w.+-]+@[\w-]+\.\w"
            ),
            max_chars=300,
        ),
        LineRule(
            Reason.FOLLOW_PROMPT,
            "follow_on_network",
            (
                r"^(follow|like|find) [\w .'’&@-]{1,60} on (twitter|facebook|instagram|youtube|linkedin|"
                r"tiktok|threads|bluesky|mastodon|x)\b|"
                r"^(folgen sie|folge|suivez|síguenos|seguici|volg)\b.{0,60}\b(auf|sur|en|su|op) "
                r"(twitter|facebook|instagram|youtube|linkedin|tiktok|x)\b"
            ),
            max_chars=320,
        ),
        LineRule(
            Reason.APP_PROMO,
            "get_the_app",
            (
                r"^(click here to )?(get|download|install) (the|our) [\w .'’&-]{1,40} app"
                r"( (now|today|here|for free))?$"
            ),
            max_chars=120,
        ),
        LineRule(
            Reason.TIMESTAMP_LINE,
            "published_at",
            (
                r"^(updated|published|posted|last updated|first published|veröffentlicht|aktualisiert|"
                r"publié|mis à jour|publicado|actualizado|pubblicato|aggiornato)"
                r"( on| at| am| le| el| il)?:? [^\n]{0,60}\d"
            ),
            max_words=12,
        ),
        LineRule(
            Reason.TIMESTAMP_LINE,
            "meta_fields",
            (
                rf"(^|\| ?)({_META_LABELS}) ?: ?\S.{{0,80}} \| |"
                rf"\| ?({_META_LABELS}) ?: ?\S|"
                rf"^(news |post |publication )?(date|datum) ?: ?\S.{{0,40}}\b({_META_LABELS}) ?: ?\S"
            ),
            needs=(":",),
            max_words=25,
        ),
        LineRule(
            Reason.LINK_LINE,
            "more_info_at",
            (
                r"^(more|further) (info|information|details)( is| are)? (at|on|from|available at) (https?://|www\.)|"
                r"^(weitere|mehr) (infos?|informationen) (gibt es )?(unter|auf|bei) (https?://|www\.)|"
                r"^(plus d'(infos?|informations)|más información) (sur|en) (https?://|www\.)"
            ),
            needs=("http", "www."),
            max_words=14,
        ),
        LineRule(
            Reason.LINK_LINE,
            "bare_link",
            # A URL alone, or after a call to follow it; one after any other label ("Website:",
            # "Official documentation:") names a link a text gives, which a tool list or a
            # post keeps (wcxb's left-out dumps: 34 noise / 409 article shingles).
            r"^((listen|watch|download|view|subscribe|follow)\b[\w .'’-]{0,20}: ?)?(https?://|www\.)\S+$",
            needs=("http", "www."),
        ),
        LineRule(
            Reason.UI_CONTROL,
            "login_status",
            (
                r"^(sie sind|du bist) (aktuell |derzeit |noch )?nicht (eingeloggt|angemeldet)|"
                r"^you are (not|currently not) (logged|signed) in|^you are (logged|signed) in as\b"
            ),
            needs=("eingeloggt", "angemeldet", "logged in", "signed in"),
            max_words=12,
        ),
        LineRule(
            Reason.UI_CONTROL,
            "status_message",
            (
                r"^an error (has occurred|occurred)\b.{0,60}\b(try again|contact us)\b|"
                r"^(this|the) (article|story|page) has been sent to\b|"
                r"^(something went wrong|oops)\b.{0,40}\btry again\b"
            ),
            needs=("error", "sent to", "went wrong", "oops"),
            max_words=20,
        ),
        LineRule(
            Reason.SITE_TAGLINE,
            "rights_notice",
            (
                r"\bmay not be (re)?published,? broadcast|\bis the copyrighted property of\b|"
                r"\bwritten permission (must be|is) (obtained|required)|\bchroniony prawem autorskim\b|"
                r"^our standards: the [\w .'&-]{1,40} trust principles$|"
                r"\bthis copy is for your personal,? non-?commercial use only\b|"
                r"\bto order (presentation-ready|multiple) copies\b|"
                r"\bdistribution and use of this material (is|are) governed\b"
            ),
            needs=(
                "broadcast",
                "copyrighted",
                "permission",
                "chroniony",
                "trust principles",
                "commercial use",
                "presentation-ready",
                "multiple copies",
                "governed",
            ),
            max_words=40,
        ),
    )


RULES = LineRules(made_by=_rules)
BULLETED_WITH = (
    r"^\s*[•·*◦▪\-–—]\s*(?i:with|mit|avec|con|z)\s+[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+)*"
    r"(\s*(,|and|&|und|et|y|i)\s*[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+)*)*\.?\s*$"
)


# What the engine's chrome tests (``ChromeLines``) find, by their number: a bulleted
# contributor line ("• With Jane Doe and John Roe"), each of ``RULES``, a share bar (only
# share words and network names, and numbers, with a network, two share verbs, or a share
# verb and two places to share to: "share on facebook share on twitter", "share: email, x").
@cache
def tests() -> tuple[tuple[Reason, str], ...]:
    """The reason and rule id of each of the engine's chrome tests, by its number."""
    return (
        (Reason.CONTRIBUTOR_LINE, "bulleted_with"),
        *((rule.reason, rule.id) for rule in RULES.rules),
        (Reason.SHARE_BUTTONS, "share_bar"),
    )


# What a cited URL opens with: angle brackets, as plain text cites one ("<https://…>"), or a
# double quote, as code holds one ("\"https://…\","); a line's normalized text, which rules
# read, has lost it. Not "(" or "[": Markdown writes a page's links so ("[](https://…)").
QUOTING = frozenset('<"')
_NOTICE_PARAGRAPH, _GLUED_PROMPT = 1, 2  # how ``ChromeLines.each`` found a line, past a line of its own


@cache
def _chrome_lines() -> _engine.ChromeLines:
    words = vocabulary("chrome")
    share, verbs, places, networks = (
        sorted(words[n]) for n in ("share_words", "share_verbs", "share_places", "networks")
    )
    share_bar = (share, verbs, places, networks)
    lines = _engine.ChromeLines(BULLETED_WITH, RULES.sources(), share_bar, MAX_NOTICE_PARAGRAPH_WORDS)
    assert lines.tests() == len(tests())
    return lines


@dataclass(frozen=True)
class Chrome(Filter):
    """Remove UI text, share bars, ad labels, consent and sign-up prompts, and labels.

    A line is chrome when it is at most ``max_prompt_words`` words and one of its ``tests``
    fires on it; a paragraph of up to ``MAX_NOTICE_PARAGRAPH_WORDS`` words when each of
    its sentences is ("This copy is for your personal, non-commercial use only.
    Distribution … is governed by … ."; prose stops at its first sentence); in a glued line
    too long for one prompt, a prompt opening it where an article sentence's start is found
    after it ("Sign up for our newsletter She discovered … ."), so that the cut takes the
    prompt and never the sentence. Lines between two newsletter prompts, up to
    ``max_signup_gap_lines``, are the sign-up box's pitch.
    """

    family = Family.CHROME
    max_prompt_words: int | None = MAX_PROMPT_WORDS
    max_signup_gap_lines: int | None = MAX_SIGNUP_GAP_LINES

    def classify(self, text: str) -> tuple[Reason, str] | None:
        """The reason and rule id for a chrome line, or None for anything else.

        >>> Chrome().classify("Text size Aa Aa")
        (<Reason.TEXT_SIZE_CONTROL: 'text_size_control'>, 'text_size')
        >>> Chrome().classify("The site uses the word share in its name.") is None
        True
        >>> Chrome().classify("share via email share on x"), Chrome().classify("facebook grew")
        ((<Reason.SHARE_BUTTONS: 'share_buttons'>, 'share_bar'), None)
        """
        found = _chrome_lines().classify(text, normalize(text), word_count(text), self.max_prompt_words)
        return None if found is None else tests()[found[0]]

    def _landmarks(self, doc: Document) -> Iterator[Removal]:
        """The lines of a page's ``<nav>`` and ``<footer>`` elements, where HTML mode read the
        whole page (``base.in_landmark``)."""
        for landmark, reason in (("nav", Reason.SITE_NAVIGATION), ("footer", Reason.PAGE_FOOTER)):
            yield from (self.drop_line(seg, reason, f"in_{landmark}") for seg in in_landmark(doc, landmark))

    def propose(self, doc: Document) -> Iterable[Removal]:
        found = _chrome_lines().each(doc.lines(), list(doc.removed), self.max_prompt_words)
        glued = glued_lines(doc.lines()) if found else set()
        prompts = set()  # indices of the newsletter prompts
        for i, test, end, how in found:
            seg = doc.segments[i]
            if how == _GLUED_PROMPT and glued_tail(seg, end) is None:
                continue  # no article sentence follows: the line is no prompt
            reason, rule = tests()[test]
            if rule == "bare_link" and seg.text.lstrip()[:1] in QUOTING:
                continue  # a URL quoted or in brackets is cited, as code or a reference
            rule = "notice_paragraph" if how == _NOTICE_PARAGRAPH else rule
            yield self.drop_prompt(seg, end, glued, reason, rule)
            if reason == Reason.NEWSLETTER_PROMPT:
                prompts.add(i)
        yield from self._landmarks(doc)
        if self.max_signup_gap_lines is None or len(prompts) < 2:
            return
        kept = doc.kept_indices()
        positions = [n for n, i in enumerate(kept) if i in prompts]
        gaps = runs_between(doc, kept, positions, self.max_signup_gap_lines, MAX_SIGNUP_FILLER_WORDS, glued)
        for gap in gaps:
            yield from (
                self.drop_line(s, Reason.NEWSLETTER_PROMPT, "between_signup_prompts", 0.8) for s in gap
            )
