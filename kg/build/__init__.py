"""The build: case records and the ontology to RDF, SHACL validation, reasoning, the SPARQL store and the output files.

- :mod:`kg.build.pipeline`: the orchestration (:func:`build`);
- :mod:`kg.build.plan`, :mod:`kg.build.cache`: what to rebuild, what the previous build left;
- :mod:`kg.build.workers`, :mod:`kg.build.case`: building batches of cases in parallel;
- :mod:`kg.build.triples`: one record to RDF triples (pure);
- :mod:`kg.build.shacl`: the shapes compiled to SPARQL, issues and reports;
- :mod:`kg.build.reason`: HermiT's classification and case-by-case inference;
- :mod:`kg.build.chunks`, :mod:`kg.build.store`, :mod:`kg.build.outputs`: the files, the store, the atomic swap;
- :mod:`kg.build.tables`: the listing rows precomputed per case (``tables.sqlite``);
- :mod:`kg.build.summary`, :mod:`kg.build.timing`: the figures of a build.
"""

from kg.build.outputs import OUTPUT_FILES
from kg.build.pipeline import build
from kg.build.summary import BuildSummary
from kg.build.workers import default_jobs

__all__ = ["build", "BuildSummary", "OUTPUT_FILES", "default_jobs"]
