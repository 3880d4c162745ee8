"""The matching pipeline: tokens and sentences, the ontology pass, the vocabulary pass, defined abbreviations, ConText.

Pure Python over token-tuple dicts (no spaCy document is built). For each
sentence, in order:

1. the project ontology (:mod:`.lexicon`), longest match first, tests named
   inside a condition's words ("elevated serum calcium"), and the analytes of
   laboratory tests where a result follows (:mod:`.analytes`);
2. the standard vocabularies (:mod:`.vocab`), longest match first; a
   standard match replaces ontology matches only when it covers them and is
   longer ("alcoholic liver disease" over "liver", "linear scleroderma" over
   "scleroderma"); a standard id that one project term cross-references
   becomes that term;
3. abbreviations the text defines (:mod:`.abbreviations`), for either kind
   of term; a word the text puts in brackets is not read as a standard
   abbreviation ("intermittent hemodialysis (IHD)" is not ischaemic heart
   disease);
4. ConText (:mod:`.context`) over every mention of the sentence.

Build a :class:`Pipeline` once (it loads the ontology's keys, the reference
lexicon and the ConText rules) and call :meth:`Pipeline.analyze` per text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kg.errors import KGError
from kg.namespaces import CCK
from kg.ontology.terms import TermIndex
from kg.vocab import Lexicon, LexiconError, load_lexicon
from kg.vocab.normalize import norm_token

from .abbreviations import DefinedForms, Definition, definition_at
from .analytes import analyte_matches
from .context import ConTextRules, context_form, load_rules
from .lexicon import CuratedLexicon, build_lexicon
from .matcher import WordMatcher
from .mentions import ONTOLOGY, Mention
from .text import NOT_WORDS, Sentence, Token, split_sentences, tokenize
from .vocab import VocabHit, common_word_hits, vocab_hits

__all__ = ["Pipeline", "Analysis", "ExtractionError"]


class ExtractionError(KGError):
    """The extraction pipeline cannot run (for instance the reference lexicon is missing)."""


@dataclass(frozen=True)
class Analysis:
    """Tokens, sentences (with token ranges), mentions in text order, and the abbreviations the text defines."""

    tokens: list[Token]
    sentences: list[tuple[Sentence, int, int]]
    mentions: list[Mention]
    defined: dict[str, str]


_BRACKETED = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9]{1,9})s?\s*\)")


class _Text:
    """Per-text arrays: tokens; words (tokens other than hyphens and possessive marks) with their forms and offsets."""

    def __init__(self, masked: str) -> None:
        self.masked = masked
        self.tokens = tokenize(masked)
        self.word_token = [i for i, t in enumerate(self.tokens) if t.text not in NOT_WORDS]
        self.written = [self.tokens[i].text for i in self.word_token]
        self.norms = [norm_token(w) for w in self.written]
        self.offsets = [(self.tokens[i].start, self.tokens[i].end) for i in self.word_token]
        self.taken = [False] * len(self.written)
        self.mentions: list[Mention] = []
        self.definitions: dict[str, Definition] = {}
        self.bracketed = {m.group(1) for m in _BRACKETED.finditer(masked)}
        """Abbreviation-shaped words in brackets: the text may define them, so the vocabulary's own reading waits."""

    def words_of(self, first: int, last: int) -> tuple[int, int]:
        """The word positions ``[lo, hi)`` of the tokens ``[first, last)``."""
        from bisect import bisect_left

        return bisect_left(self.word_token, first), bisect_left(self.word_token, last)

    def mention(self, sentence: Sentence, first: int, last: int, **fields: object) -> Mention:
        """A mention of the words ``[first, last)``."""
        return Mention(
            start=self.offsets[first][0],
            end=self.offsets[last - 1][1],
            token_start=self.word_token[first],
            token_end=self.word_token[last - 1] + 1,
            sentence=sentence,
            **fields,  # type: ignore[arg-type]
        )

    def add(self, mention: Mention, first: int, last: int) -> None:
        for i in range(first, last):
            self.taken[i] = True
        self.mentions.append(mention)


def _with_flags(mention: Mention, flags: set[str]) -> Mention:
    """The mention with its ConText flags set."""
    if not flags:
        return mention
    return mention._replace(
        negated="negated" in flags or mention.negated,
        possible="possible" in flags or mention.possible,
        historical="historical" in flags or mention.historical,
        family="family" in flags or mention.family,
        hypothetical="hypothetical" in flags or mention.hypothetical,
    )


class Pipeline:
    """A reusable matching pipeline for one ontology (build once, run on many texts)."""

    def __init__(self, terms: TermIndex, vocabulary: Lexicon | None = None, rules: ConTextRules | None = None) -> None:
        self.terms = terms
        self.curated: CuratedLexicon = build_lexicon(terms)
        try:
            reference = vocabulary or load_lexicon()
        except LexiconError as exc:
            raise ExtractionError(f"the standard-vocabulary lexicon is missing: {exc}") from None
        self.ontology_words = WordMatcher(self.curated.lexicon)
        self.vocabulary_words = WordMatcher(reference)
        self.rules = rules or load_rules()
        self._phrases: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        for key, entries in self.curated.lexicon.folded.items():
            if entries[0][1] in ("label", "exact") and len(key) > 1:
                for word in set(key):
                    self._phrases.setdefault(word, []).append((key, entries[0][0], self.curated.lexicon.terms[entries[0][0]][1]))

    def analyze(self, masked: str, skip: Sequence[tuple[int, int]] = ()) -> Analysis:
        """Mentions of ontology and standard terms with their ConText status, sentences and defined abbreviations.

        Sentences that begin inside a ``skip`` span (a reference list) are not matched."""
        work = _Text(masked)
        sentences = split_sentences(masked, work.tokens)
        spans = [(sentence, *work.words_of(first, last)) for sentence, first, last in sentences if not any(a <= sentence.start < b for a, b in skip)]
        for sentence, lo, hi in spans:
            if hi > lo:
                self._match_sentence(work, sentence, lo, hi)
        for which in (ONTOLOGY, "standard"):
            self._defined_pass(work, spans, which)
        mentions = self._context(work, sentences)
        defined = {a: d.term for a, d in sorted(work.definitions.items())}
        return Analysis(work.tokens, sentences, mentions, defined)

    def _match_sentence(self, work: _Text, sentence: Sentence, lo: int, hi: int) -> None:
        """Both lexicons over one sentence's words; the longer match wins, the ontology's on a tie."""
        found: list[tuple[int, int, Mention]] = []
        for first, last, candidates in self.ontology_words.match(work.norms, work.written, lo, hi):
            top = candidates[0]
            found.append((first, last, work.mention(sentence, first, last, term=top.id, branch=top.branch, kind=top.kind)))
        found += self._inner_tests(work, sentence, found)
        taken = {i for first, last, _ in found for i in range(first, last)}
        free = [i for i in range(lo, hi) if i not in taken]
        for first, last, test in analyte_matches(self.curated.analytes, work.norms, work.offsets, free, work.masked, sentence.end):
            found.append((first, last, work.mention(sentence, first, last, term=test, branch="Procedure", kind="analyte")))
        hits = [
            h
            for h in vocab_hits(self.vocabulary_words, work.norms, work.written, work.offsets, lo, hi, work.masked)
            if not (h.chosen.kind == "abbreviation" and h.last - h.first == 1 and work.written[h.first] in work.bracketed)
        ]
        covered = {i for h in hits for i in range(h.first, h.last)}
        hits += [h for h in common_word_hits(work.norms, work.written, lo, hi) if h.first not in covered]
        for hit in hits:
            overlapped = [f for f in found if f[0] < hit.last and hit.first < f[1]]
            if overlapped and not all(hit.first <= a and b <= hit.last and hit.last - hit.first > b - a for a, b, _ in overlapped):
                continue
            found = [f for f in found if f not in overlapped]
            found.append((hit.first, hit.last, work.mention(sentence, hit.first, hit.last, **self._standard_fields(hit))))
        for first, last, mention in sorted(found, key=lambda f: f[0]):
            work.add(mention, first, last)
            self._define(work, first, last, mention)

    def _standard_fields(self, hit: VocabHit) -> dict[str, object]:
        """A standard term's mention fields; a standard id one project term cross-references becomes that term."""
        chosen = hit.chosen
        mapped = self.terms.mapped_ids.get(chosen.id)
        if mapped is not None and mapped.startswith(str(CCK)):
            local = mapped[len(str(CCK)) :]
            branch = self.curated.lexicon.terms.get(local, ("", chosen.branch))[1]
            return {"term": local, "branch": branch, "kind": f"{chosen.source} {chosen.kind} (cross-reference)"}
        return {
            "term": chosen.id,
            "branch": chosen.branch,
            "kind": chosen.kind,
            "source": chosen.source,
            "label": chosen.label,
            "alternatives": tuple(c.id for c in hit.others),
        }

    def _inner_tests(self, work: _Text, sentence: Sentence, found: list[tuple[int, int, Mention]]) -> list[tuple[int, int, Mention]]:
        """Tests named inside a condition's words ("elevated serum calcium": hypercalcaemia, and a serum calcium test)."""
        inner = []
        for first, last, m in found:
            if m.branch not in ("Condition", "ClinicalFinding") or last - first < 2:
                continue
            for i in range(first + 1, last):
                hits = self.ontology_words.match(work.norms, work.written, i, last)
                if hits and self.terms.in_branch(hits[0][2][0].id, "DiagnosticProcedure"):
                    a, b, candidates = hits[0]
                    inner.append(
                        (
                            a,
                            b,
                            work.mention(
                                sentence, a, b, term=candidates[0].id, branch=candidates[0].branch, kind=f"{candidates[0].kind} inside a condition"
                            ),
                        )
                    )
                    break
        return inner

    def _define(self, work: _Text, first: int, last: int, mention: Mention) -> None:
        if mention.kind in ("adjective", "analyte"):
            return
        word = definition_at(work.masked, work.tokens, mention.token_start, mention.token_end)
        if word and word not in self.curated.abbreviations and word not in work.definitions:
            long_form = tuple(work.norms[first:last])
            work.definitions[word] = Definition(word, mention.term, mention.branch, long_form, mention.source, mention.label)

    def _defined_pass(self, work: _Text, spans: Sequence[tuple[Sentence, int, int]], which: str) -> None:
        chosen = [d for d in work.definitions.values() if (d.source == ONTOLOGY) == (which == ONTOLOGY)]
        if not chosen:
            return
        forms = DefinedForms(chosen, self._phrases if which == ONTOLOGY else {})
        by_term = {d.term: d for d in chosen}
        for sentence, lo, hi in spans:
            free = [i for i in range(lo, hi) if not work.taken[i]]
            for first, last, term, branch in forms.match(work.written, work.norms, free):
                source = by_term.get(term)
                extra = {"source": source.source, "label": source.label} if source is not None else {}
                work.add(work.mention(sentence, first, last, term=term, branch=branch, kind="defined-abbreviation", **extra), first, last)

    def _context(self, work: _Text, sentences: Sequence[tuple[Sentence, int, int]]) -> list[Mention]:
        by_sentence: dict[Sentence, list[Mention]] = {}
        for mention in work.mentions:
            by_sentence.setdefault(mention.sentence, []).append(mention)
        out: list[Mention] = []
        forms = [context_form(t.text) for t in work.tokens]
        for sentence, first, last in sentences:
            mentions = by_sentence.get(sentence)
            if not mentions:
                continue
            flags = self.rules.statuses(work.tokens, first, last, [(m.token_start, m.token_end) for m in mentions], forms)
            out.extend(_with_flags(m, found) for m, found in zip(mentions, flags, strict=True))
        return sorted(out, key=lambda m: (m.start, m.end))
