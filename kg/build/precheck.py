"""Report a bad record before the slow steps: records are checked while HermiT classifies the ontology.

HermiT runs in a Java process for a few seconds on a clean build. Meanwhile
the main process reads and checks the records to build, in file order, so a
malformed record is reported at once rather than after the reasoner. The
checking stops when HermiT is done (the build processes check every record
anyway), so it costs no time.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from rdflib import URIRef

from kg.build.reason import Classification, classify
from kg.ontology.terms import TermIndex
from kg.records.reader import read_record

__all__ = ["classify_while_checking"]


def classify_while_checking(terms: TermIndex, superclasses: dict[URIRef, frozenset[URIRef]] | None, records: Sequence[Path]) -> Classification:
    """Classify the ontology (with HermiT unless ``superclasses`` is given) while checking ``records``; raise the first record error."""
    if superclasses is not None or not records:
        return classify(terms.graph, superclasses)
    terms.terms  # noqa: B018 - build the term table before another thread reads the graph
    outcome: list[Classification | BaseException] = []
    done = threading.Event()

    def run() -> None:
        try:
            outcome.append(classify(terms.graph))
        except BaseException as exc:  # handed to the main thread
            outcome.append(exc)
        finally:
            done.set()

    threading.Thread(target=run, name="hermit", daemon=True).start()
    for path in records:
        if done.is_set():
            break
        read_record(path, terms)
    while not done.wait(0.2):  # wake now and then: a signal may be delivered to another thread
        pass
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result
