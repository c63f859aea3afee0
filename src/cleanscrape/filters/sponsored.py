"""Sponsored-content notices: "Sponsored Content", "Paid post", "commissioned by"."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..core.types import Document, Family, Reason, Removal
from .base import Filter, LineRule, LineRules

MAX_NOTICE_WORDS = 90  # affiliate disclosures run to a paragraph

NOTICE_RULES = LineRules(
    LineRule(
        Reason.SPONSORED_NOTICE,
        "sponsored_label",
        (
            r"^(about )?(sponsored|paid|partner|promoted|branded|native)"
            r"( (content|post|posts|story|stories|article|links?|feature|message|partner))?$|"
            r"^(sponsored|presented|brought to you|powered) by [\w .'&-]{1,40}$|"
            r"^in (partnership|association|collaboration) with [\w .'&-]{1,40}$|"
            r"^(advertorial|gesponsert|sponsored|sponsorisé|contenu sponsorisé|contenu partenaire|"
            r"contenido patrocinado|contenuto sponsorizzato|artykuł sponsorowany|materiał partnera|"
            r"in zusammenarbeit mit [\w .'&-]{1,40}|bezahlter inhalt|anzeige: .{1,60})$"
        ),
    ),
    LineRule(
        Reason.SPONSORED_NOTICE,
        "commissioned_notice",
        (
            r"\bthis (content|article|story|post|page|feature) (was|is|has been) "
            r"(commissioned|paid for|sponsored|funded|produced on behalf|created on behalf) by\b|"
            r"^about sponsored content\b|\bsponsored content (is|was) (produced|created)\b|"
            r"\bdieser (beitrag|artikel|inhalt) (wurde|ist) (gesponsert|bezahlt)"
        ),
        needs=("commissioned", "paid for", "sponsor", "funded", "on behalf", "gesponsert", "bezahlt"),
    ),
    LineRule(
        Reason.SPONSORED_NOTICE,
        "affiliate_disclosure",
        (
            r"\b(contains?|uses?|may contain|we use) [\w -]{0,30}\baffiliate links?\b|"
            r"\breferences to products from one or more of our advertisers\b|"
            r"\bwe may (earn|receive) (a )?(small )?(commission|compensation)\b|"
            r"\b(verlinkungen|links) handelt es sich um (affiliate|partner)|"
            r"\badvertisers do not influence our\b|"
            r"\b(erhalten|bekommen) wir (ggf\. |gegebenenfalls |eventuell |unter umständen )?(eine )?"
            r"(kleine )?(provision|vergütung)\b|"
            r"\b(vergütet|vergütung|provision)\b.{0,60}\b(keinen|keinerlei) einfluss auf (unsere|die)\b"
        ),
        needs=("affiliate", "advertisers", "commission", "compensation", "partner", "provision", "vergüt"),
    ),
)


@dataclass(frozen=True)
class Sponsored(Filter):
    """Remove sponsored-content labels and the notices that explain them."""

    family = Family.SPONSORED
    max_notice_words: int | None = MAX_NOTICE_WORDS

    def propose(self, doc: Document) -> Iterable[Removal]:
        for seg, rule, _ in NOTICE_RULES.each(doc, self.max_notice_words):
            yield self.drop_line(seg, rule.reason, rule.id)
