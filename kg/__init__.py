"""Build a knowledge graph of calcinosis cutis case reports.

Curated case records (``data/``) and the OWL ontology (``ontology/``) become an
RDF graph with one named graph per report, checked by SHACL shapes and loaded
into an embedded SPARQL store. See :func:`kg.pipeline.build`.
"""

__version__ = "0.1.0"
