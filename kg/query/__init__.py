"""Asking the built graph: the SPARQL query library, parameter binding, planner hints and the query helper.

- :mod:`kg.query.library`: ``.rq`` files by name, with their header (title, parameters, examples);
- :mod:`kg.query.params`: parameter values checked and turned into RDF terms;
- :mod:`kg.query.hints`: bound values given to pyoxigraph's planner as a leading VALUES block;
- :mod:`kg.query.store`: a build's store opened read-only;
- :mod:`kg.query.graph`: :class:`~kg.query.graph.KnowledgeGraph`, rows as dicts or DataFrames.
"""
