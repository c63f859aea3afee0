"""Paywall and subscription prompts: article counters, expiry notices, offers.

Two steps, as jusText classifies paragraphs alone and then with neighbours:
anchor lines match a prompt pattern outright; short marketing lines that sit
between anchors (or trail the last one to the end of the document) belong to
the same paywall block. The sentences of a glued line are no such lines: a
short sentence between two prompts glued into an article is the article's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..core.segment import glued_lines
from ..core.types import Document, Family, Reason, Removal
from .base import Filter, LineRule, LineRules, is_short_line, runs_between

MAX_BLOCK_LINE_WORDS = 12
MAX_GAP_LINES = 6
MAX_TAIL_LINES = 3
MIN_TAIL_ANCHORS = 3

# A call to act and what it grants, in either order ("Register to read the full
# article", "To keep reading, become a member"): the two together make a prompt.
_CALL = (
    r"(subscribe|sign ?up|sign ?in|log ?in|register|join( us| today| now)?|become an? (member|subscriber)"
    r"|create an? (free )?account|start (your|a) (free )?trial)"
)
_GRANT = (
    r"(to (continue|keep) reading|to read (the|this)( full| whole| entire| complete)? (article|story|piece)"
    r"|to read (the )?(rest|remainder) of|to unlock (the|this) (article|story)"
    r"|(to get|for) (full|unlimited|complete) access)"
)
# Patterns searched in the normalized line. Offers get the tightest word limit:
# prose quotes prices too. A price alone ("$9.99 per month") is no offer: on data the
# rules were not written on, pricing tables and articles quoted as many as paywalls did.
ANCHOR_RULES = LineRules(
    LineRule(
        Reason.PAYWALL_PROMPT,
        "free_article_counter",
        (
            r"\b(you have|you've got|there (is|are))\b.{0,48}\bfree\s+(article|stor|read|page)"
            r"|\b(last|final|only)\s+(\w+\s+)?free\s+(article|story)"
            r"|\bfree\s+(articles?|stories)\s+(left|remaining)"
            r"|\b\d+\s+(of\s+\d+\s+)?free\s+(articles?|stories)\b"
            r"|\bsie haben\b.{0,40}\b(kostenlose|freie)\s+artikel"
            r"|\bil vous reste\b.{0,30}\barticles?"
            r"|\bte quedan?\b.{0,30}\bart[ií]culos"
            r"|\barticles? gratuits? restants?"
        ),
        max_words=30,
        needs=("free", "artikel", "reste", "qued", "gratuit"),
        ignore_case=True,
    ),
    LineRule(
        Reason.PAYWALL_PROMPT,
        "access_expired",
        (
            r"\b(trial|subscription|access|free period|membership|pass)\b.{0,48}"
            r"\b(has|have|is)\s+(now\s+)?(expired|ended|run out)"
            r"|\b(probeabo|abo|zugang)\b.{0,30}\babgelaufen"
            r"|\b(essai|abonnement|accès)\b.{0,30}\b(a expiré|est terminé)"
            r"|\b(prueba|suscripción|acceso)\b.{0,30}\bha (expirado|caducado|terminado)"
        ),
        max_words=20,
        needs=(
            "expired",
            "ended",
            "run out",
            "abgelaufen",
            "expiré",
            "terminé",
            "expirado",
            "caducado",
            "terminado",
        ),
        ignore_case=True,
    ),
    LineRule(
        Reason.PAYWALL_PROMPT,
        "subscription_required",
        (  # said to the reader, or of this article: prose says "some features require a subscription"
            r"\b(you need|you'll need|you must have) an? (subscription|account)\b"
            r"|\b(this|the) (article|story|content|page) requires? an? (subscription|account)\b"
            r"|\b(subscribe|sign up|log ?in|register) (now )?to (continue|keep) reading"
            r"|\bto continue reading\b"
            r"|\b(for|exclusive to|reserved for|available to) (paying |digital )?subscribers( only)?$"
            r"|\bsubscriber[s]?[- ]only\b|\bpremium (content|article)\b"
            r"|\balready (a )?(subscriber|member|have an account)"
            r"|\b(bereits|schon) abonnent|\bexklusiv für abonnenten|\bnur für abonnenten"
            r"|\bd[ée]j[àa] abonn[ée]|\br[ée]serv[ée] aux abonn[ée]s"
            r"|\bya (eres|soy) suscriptor|\bexclusivo para suscriptores"
            r"|\bgià abbonato|\briservato agli abbonati"
            r"|\bal abonnee\b"
        ),
        max_words=20,
        needs=(
            "subscription",
            "account",
            "reading",
            "subscriber",
            "premium",
            "already",
            "abonn",
            "abbonat",
            "suscriptor",
        ),
        ignore_case=True,
    ),
    LineRule(
        Reason.PAYWALL_PROMPT,
        "call_to_subscribe",
        (
            rf"\b{_CALL}\b.{{0,24}}\b{_GRANT}\b|^{_GRANT}\b.{{0,40}}\b{_CALL}\b"
            r"|^um weiterzulesen\b|^pour (lire|continuer) la suite\b|^para (seguir|continuar) leyendo\b"
        ),
        max_words=14,
        needs=("read", "access", "unlock", "weiterzu", "suite", "leyendo"),
        ignore_case=True,
    ),
    LineRule(
        Reason.PAYWALL_PROMPT,
        "subscribe_offer",
        (
            r"^(subscribe|subscribe now|subscribe today|become a (member|subscriber)|"
            r"jetzt abonnieren|abonnieren|abonnez-vous|suscr[ií]bete|abbonati|abonneer nu)\b"
            r"|\bsee (all )?(our )?(offers|plans|subscription options)\b"
            r"|\b(get|enjoy|unlock) (unlimited|full|complete|all-access|digital) access\b"
            r"|^unlimited (digital )?access\b"
            r"|\bread all (stories|articles) with unlimited access\b"
            r"|\bsubscribe (and|to) (get|save|read|unlock|support)\b"
            r"|\bcancel any ?time\b|\bcancela (cuando quieras|en cualquier momento)\b"
            r"|\boffer (ends|expires|valid until)\b"
            r"|^(try|start|subscribe|join)\b.{0,30}(\$|€|£|usd|eur)\s?\d"
            r"|\b\d+ (months|weeks) for (\$|€|£|\d)"
        ),
        max_words=12,
        ignore_case=True,
    ),
)


@dataclass(frozen=True)
class Paywall(Filter):
    """Remove paywall and subscription prompts, and the marketing lines between them."""

    family = Family.PAYWALL
    max_block_line_words: int | None = MAX_BLOCK_LINE_WORDS
    max_gap_lines: int = MAX_GAP_LINES
    max_tail_lines: int = MAX_TAIL_LINES
    min_tail_anchors: int = MIN_TAIL_ANCHORS

    def propose(self, doc: Document) -> Iterable[Removal]:
        found = ANCHOR_RULES.each(doc)
        if not found:
            return []
        glued = glued_lines(doc.lines())
        removals = [
            self.drop_prompt(seg, end, glued, Reason.PAYWALL_PROMPT, rule.id) for seg, rule, end in found
        ]
        anchors = {seg.index for seg, _, _ in found}
        limit = self.max_block_line_words
        if limit is None:
            return removals
        kept = doc.kept_indices()
        positions = [n for n, i in enumerate(kept) if i in anchors]
        for gap in runs_between(doc, kept, positions, self.max_gap_lines, limit, glued):
            removals += [self.drop_line(s, Reason.PAYWALL_PROMPT, "between_prompts", 0.8) for s in gap]
        tail_lines = len(kept) - positions[-1] - 1
        if len(positions) < self.min_tail_anchors or not 0 < tail_lines <= self.max_tail_lines:
            return removals
        tail = [doc.segments[i] for i in kept[positions[-1] + 1 :]]
        if all(is_short_line(s, limit, glued) for s in tail):
            removals += [self.drop_line(s, Reason.PAYWALL_PROMPT, "after_prompts", 0.7) for s in tail]
        return removals
