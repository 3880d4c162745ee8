"""The spaCy/medspaCy pipeline: tokens, sentences, ontology targets, abbreviations, ConText.

Only this module (and :mod:`.context`) imports spaCy and medspaCy, lazily, when a
:class:`Pipeline` is built. A blank English spaCy pipeline is used (no model
download): a rule sentencizer (plus a sentence break at every line break),
a component setting each token's ``norm_`` to :func:`~.lexicon.norm`, medspaCy's
``TargetMatcher`` loaded with one rule per label, synonym and abbreviation of
the ontology, the abbreviations the text itself defines, and medspaCy's
``ConText`` for assertion status.
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass

from ..errors import KGError
from ..terms import TermIndex
from .lexicon import HYPHENS, ABBREVIATION_DEFINITION, Lexicon, build_lexicon, is_abbreviation, norm

__all__ = ["Pipeline", "Mention", "Sentence", "ExtractionError"]

_QUIET_LOGGERS = ("spacy", "medspacy", "PyRuSH", "pyrush", "thinc", "quickumls", "medspacy_quickumls")


class ExtractionError(KGError):
    """The extraction pipeline cannot run (for instance medspaCy is not installed)."""


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """One matched ontology term in the text, with its ConText assertion."""

    term: str
    branch: str
    kind: str  # phrase | abbreviation | adjective | defined-abbreviation
    start: int
    end: int
    token_start: int
    token_end: int
    sentence: Sentence
    negated: bool = False
    possible: bool = False
    historical: bool = False
    family: bool = False
    hypothetical: bool = False

    @property
    def status(self) -> str:
        if self.negated:
            return "absent"
        if self.possible or self.hypothetical:
            return "possible"
        if self.historical:
            return "historical"
        return "present"


def _silence_libraries() -> None:
    for name in _QUIET_LOGGERS:
        logger = logging.getLogger(name)
        logger.setLevel(logging.ERROR)
        logger.propagate = False
    warnings.filterwarnings("ignore", module=r"(spacy|medspacy|thinc|PyRuSH)(\..*)?")
    try:  # medspaCy's PyRuSH logs through loguru at DEBUG level by default
        from loguru import logger as loguru_logger

        loguru_logger.remove()
    except ImportError:
        pass


class Pipeline:
    """A reusable extraction pipeline for one ontology (build once, run on many texts)."""

    def __init__(self, terms: TermIndex) -> None:
        _silence_libraries()
        try:
            import spacy
            from medspacy.context import ConText
            from medspacy.ner import TargetMatcher, TargetRule
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ExtractionError(
                f"text extraction needs medspaCy and spaCy ({exc.name} is missing); install them with: pip install 'calcinosis-kg[extract]'"
            ) from exc
        from spacy.language import Language

        self.terms = terms
        nlp = spacy.blank("en")
        if not Language.has_factory("kg_norms"):

            @Language.component("kg_norms")
            def kg_norms(doc):  # type: ignore[no-untyped-def]
                for token in doc:
                    token.norm_ = norm(token.text)
                return doc

            @Language.component("kg_line_breaks")
            def kg_line_breaks(doc):  # type: ignore[no-untyped-def]
                for token in doc[1:]:
                    previous = doc[token.i - 1]
                    if "\n" in previous.text or "\n" in previous.whitespace_:
                        token.is_sent_start = True
                return doc

        nlp.add_pipe("kg_norms")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("kg_line_breaks")
        self.nlp = nlp
        self.lexicon: Lexicon = build_lexicon(terms, lambda phrase: [t.text for t in nlp.make_doc(phrase)])
        self.matcher = TargetMatcher(nlp, result_type=None)
        rules = []
        for entry in self.lexicon.entries:
            category = "SITE_ADJ" if entry.kind == "adjective" else entry.branch
            rules.append(TargetRule(entry.term, category, pattern=_pattern(entry.words, entry.kind == "abbreviation")))
        self.matcher.add(rules)
        self.context = ConText(nlp, rules="default")
        from .context import extra_rules

        self.context.add(extra_rules())
        self._known_abbreviations = {e.words[0] for e in self.lexicon.entries if e.kind == "abbreviation" and len(e.words) == 1}
        self._phrases_by_first: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        for entry in self.lexicon.entries:
            if entry.kind == "phrase":
                self._phrases_by_first.setdefault(entry.words[0], []).append((entry.words, entry.term, entry.branch))

    def analyze(self, masked_text: str) -> tuple[list[Mention], list[Sentence], dict[str, str]]:
        """Mentions of ontology terms (longest match first), sentences, and text-defined abbreviations."""
        from spacy.matcher import Matcher
        from spacy.tokens import Span
        from spacy.util import filter_spans

        doc = self.nlp(masked_text)
        found = self.matcher(doc)
        # prefer a term's own words over a site adjective of the same length
        spans = filter_spans([s for s in found if s.label_ != "SITE_ADJ"] + [s for s in found if s.label_ == "SITE_ADJ"])
        literal: dict[int, str] = {id(s): s._.target_rule.literal for s in spans}
        kinds: dict[int, str] = {id(s): ("adjective" if s.label_ == "SITE_ADJ" else "phrase") for s in spans}
        # abbreviations defined in the text: "systemic sclerosis (SS)"
        defined: dict[str, tuple[str, str, tuple[str, ...]]] = {}
        for span in spans:
            if span.label_ == "SITE_ADJ":
                continue
            after = masked_text[span.end_char : span.end_char + 16]
            match = ABBREVIATION_DEFINITION.match(after.lstrip())
            if match and after[: len(after) - len(after.lstrip())].count("\n") == 0 and is_abbreviation(match.group(1)) and match.group(1) not in self._known_abbreviations:
                abbreviation = match.group(1)
                long_form = tuple(t.norm_ for t in span if t.text not in HYPHENS)
                defined.setdefault(abbreviation, (span._.target_rule.literal, span.label_, long_form))
        extra: list = []
        if defined:
            matcher = Matcher(self.nlp.vocab)
            keys: dict[str, tuple[str, str, str]] = {}
            for abbreviation, (term, branch, long_form) in defined.items():
                key = f"abbr::{abbreviation}::{term}"
                keys[key] = (term, branch, abbreviation)
                matcher.add(key, [[{"TEXT": {"IN": [abbreviation, abbreviation + "s"]}}]])
                # phrases of other terms that contain the long form: "diffuse systemic sclerosis" -> "diffuse SS"
                for first, phrases in self._phrases_by_first.items():
                    for words, other_term, other_branch in phrases:
                        if len(words) > len(long_form):
                            for i in range(len(words) - len(long_form) + 1):
                                if words[i : i + len(long_form)] == long_form:
                                    pattern = [{"NORM": w} for w in words[:i]] + [{"TEXT": abbreviation}] + [{"NORM": w} for w in words[i + len(long_form) :]]
                                    key2 = f"abbr::{abbreviation}::{other_term}"
                                    keys[key2] = (other_term, other_branch, abbreviation)
                                    matcher.add(key2, [pattern])
            for match_id, start, end in matcher(doc):
                term, branch, _ = keys[self.nlp.vocab.strings[match_id]]
                span = Span(doc, start, end, label=branch)
                kinds[id(span)] = "defined-abbreviation"
                literal[id(span)] = term
                extra.append(span)
        final = filter_spans([*spans, *extra])
        doc.ents = tuple(final)
        self.context(doc)
        sentences = [Sentence(s.start_char, s.end_char) for s in doc.sents]
        mentions: list[Mention] = []
        by_position = {(s.start, s.end): s for s in final}
        for ent in doc.ents:
            sent = ent.sent
            source = by_position[(ent.start, ent.end)]
            kind = kinds.get(id(source), "phrase")
            mentions.append(
                Mention(
                    term=literal[id(source)],
                    branch="AnatomicSite" if ent.label_ == "SITE_ADJ" else ent.label_,
                    kind=kind,
                    start=ent.start_char,
                    end=ent.end_char,
                    token_start=ent.start,
                    token_end=ent.end,
                    sentence=Sentence(sent.start_char, sent.end_char),
                    negated=bool(ent._.is_negated),
                    possible=bool(ent._.is_uncertain),
                    historical=bool(ent._.is_historical),
                    family=bool(ent._.is_family),
                    hypothetical=bool(ent._.is_hypothetical),
                )
            )
        return mentions, sentences, {a: v[0] for a, v in defined.items()}


def _pattern(words: tuple[str, ...], exact: bool) -> list[dict]:
    attr = "TEXT" if exact else "NORM"
    pattern: list[dict] = []
    for index, word in enumerate(words):
        if index:
            pattern.append({"IS_SPACE": True, "OP": "*"})
            pattern.append({"TEXT": {"IN": list(HYPHENS)}, "OP": "?"})
        pattern.append({attr: word})
    return pattern
