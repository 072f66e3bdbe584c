"""A paper's venue badge: al-folio's ``abbr`` where the entry has one, else the short name of a
well-known venue ("NeurIPS", "Nat. Commun.", "PLoS ONE"), so that a list of papers from any bib
file can be scanned by venue.

The table is small and declared here, generic for every fork: the usual names of the large
machine-learning, vision, language and signal-processing conferences and of broad journals, in the
forms their communities use (the journals' ISO 4 abbreviations). A venue it does not know gets no
badge; ``abbr = {...}`` gives any paper one. Each pattern is matched against the venue's words in
lower case, without punctuation, years or ordinals, so "Proceedings of the 36th International
Conference on Machine Learning (ICML 2019)" and "ICML" are the same venue.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pybtex.database import Entry

from .latex import plain

#: conferences: (pattern over the venue's normalised words, badge), the more specific before the more
#: general
CONFERENCES: tuple[tuple[str, str], ...] = (
    (r"\bcvprw\b", "CVPR Workshop"),
    (r"\b(neurips|nips|neural information processing systems)\b", "NeurIPS"),
    (r"\b(icml|international conference on machine learning)\b", "ICML"),
    (r"\b(iclr|international conference on learning representations)\b", "ICLR"),
    (r"\b(cvpr|(conference on )?computer vision and pattern recognition)\b", "CVPR"),
    (r"\b(iccv|international conference on computer vision)\b", "ICCV"),
    (r"\b(eccv|european conference on computer vision)\b", "ECCV"),
    (r"\b(aaai|aaai conference on artificial intelligence)\b", "AAAI"),
    (r"\b(ijcai|international joint conference on artificial intelligence)\b", "IJCAI"),
    (r"\b(ijcnn|international joint conference on neural networks)\b", "IJCNN"),
    (r"\b(aistats|artificial intelligence and statistics)\b", "AISTATS"),
    (r"\b(uai|uncertainty in artificial intelligence)\b", "UAI"),
    (r"\b(kdd|knowledge discovery and data mining)\b", "KDD"),
    (r"\b(emnlp|empirical methods in natural language processing)\b", "EMNLP"),
    (r"\b(naacl|north american chapter of the association for computational linguistics)\b", "NAACL"),
    (r"\b(acl|annual meeting of the association for computational linguistics)\b", "ACL"),
    (r"\b(icassp|international conference on acoustics speech and signal processing)\b", "ICASSP"),
    (r"\b(icip|international conference on image processing)\b", "ICIP"),
    (r"\b(miccai|medical image computing and computer assisted intervention)\b", "MICCAI"),
    (r"\b(interspeech)\b", "Interspeech"),
    (r"\b(cd make|cross domain conference for machine learning and knowledge extraction)\b", "CD-MAKE"),
    (r"\b(icpr|international conference on pattern recognition)\b", "ICPR"),
    (r"\b(wacv|winter conference on applications of computer vision)\b", "WACV"),
    (r"\b(bmvc|british machine vision conference)\b", "BMVC"),
)
#: journals and preprint servers, by their ISO 4 abbreviations or the names their fields use
JOURNALS: tuple[tuple[str, str], ...] = (
    (r"^(ieee )?transactions on pattern analysis and machine intelligence$|\btpami\b", "TPAMI"),
    (r"^(ieee )?transactions o[nf] neural networks and learning systems$|\btnnls\b", "TNNLS"),
    (r"^(jmlr|journal of machine learning research)$", "JMLR"),
    (r"^(tmlr|transactions on machine learning research)$", "TMLR"),
    (r"^(ijcv|international journal of computer vision)$", "IJCV"),
    (r"^nature communications$", "Nat. Commun."),
    (r"^nature machine intelligence$", "Nat. Mach. Intell."),
    (r"^nature methods$", "Nat. Methods"),
    (r"^nature$", "Nature"),
    (r"^science$", "Science"),
    (r"^science advances$", "Sci. Adv."),
    (r"^scientific reports$", "Sci. Rep."),
    (r"^plos one$", "PLoS ONE"),
    (r"^plos computational biology$", "PLoS Comput. Biol."),
    (r"^(pnas|proceedings of the national academy of sciences( of the united states of america)?)$", "PNAS"),
    (r"^proceedings of the ieee$", "Proc. IEEE"),
    (r"^ieee access$", "IEEE Access"),
    (r"^pattern recognition$", "Pattern Recognit."),
    (r"^pattern recognition letters$", "Pattern Recognit. Lett."),
    (r"^neural networks$", "Neural Netw."),
    (r"^neurocomputing$", "Neurocomputing"),
    (r"^information fusion$", "Inf. Fusion"),
    (r"^artificial intelligence$", "Artif. Intell."),
    (r"^machine learning$", "Mach. Learn."),
    (r"^digital signal processing$", "Digit. Signal Process."),
    (r"^neuroimage$", "NeuroImage"),
    (r"^(arxiv|corr|arxiv preprint)\b", "arXiv"),
)
VENUES = (*CONFERENCES, *JOURNALS)
_COMPILED = tuple((re.compile(pattern), badge) for pattern, badge in VENUES)
#: words of a venue's name that say nothing about which venue it is
_NOISE_RE = re.compile(
    r"\b(?:proceedings of the|proceedings of|proceedings|proc|in|the)\b|\b\d{4}\b|'\d{2}\b|\b\d+(?:st|nd|rd|th)\b"
)
_NOT_WORD_RE = re.compile(r"[^\w]+")
#: a conference's workshop is named as such ("ICML Workshop"): its papers are not the main conference's
_HAS_WORKSHOPS = frozenset(badge for _pattern, badge in CONFERENCES if not badge.endswith("Workshop"))
_WORKSHOP_RE = re.compile(r"\bworkshops?\b")
#: the fields that name where an entry appeared, in the order they are looked at
VENUE_FIELDS = ("journal", "journaltitle", "booktitle", "howpublished", "series")


@lru_cache(maxsize=4096)
def short_venue(venue: str) -> str:
    """The badge of a venue's name, or "" for a venue the table does not know."""
    words = " ".join(_NOT_WORD_RE.sub(" ", venue.casefold().replace("&", " and ")).split())
    core = " ".join(_NOISE_RE.sub(" ", f" {words} ").split())
    forms = [form for form in (words, core) if form]
    badge = next((badge for pattern, badge in _COMPILED if any(pattern.search(form) for form in forms)), "")
    if badge in _HAS_WORKSHOPS and _WORKSHOP_RE.search(words):
        return f"{badge} Workshop"
    return badge


def venue_badge(entry: Entry) -> str:
    """An entry's badge: its ``abbr``, else its venue's short name, else ""."""
    if abbr := plain(entry.fields.get("abbr", "")).strip():
        return abbr
    for field in VENUE_FIELDS:
        if value := entry.fields.get(field):
            if badge := short_venue(plain(value)):
                return badge
    return ""
