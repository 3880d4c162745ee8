"""Push a build to a graph store server with the SPARQL 1.1 Graph Store HTTP Protocol.

Each named graph of the build (the ontology, its inferences, every case
report and its inferences) goes in one ``PUT <endpoint>?graph=<IRI>``, so
pushing again replaces each graph instead of adding to it. Modules:
:mod:`~kg.push.endpoint` (the URL and the request target of a graph),
:mod:`~kg.push.graphs` (which graphs, in what order, serialized one at a
time), :mod:`~kg.push.client` (PUT with retries and a strict redirect policy),
:mod:`~kg.push.auth` (Basic, Digest, bearer) and :mod:`~kg.push.run`
(:func:`push`, the one entry point).

    >>> from kg.push import PushOptions, push
    >>> push(Path("out"), PushOptions("http://localhost:7878/store"))  # doctest: +SKIP
"""

from kg.push.auth import Credentials
from kg.push.endpoint import Endpoint
from kg.push.graphs import FORMATS, SELECTIONS
from kg.push.run import GraphReport, PushOptions, PushResult, planned, push

__all__ = ["push", "planned", "PushOptions", "PushResult", "GraphReport", "Credentials", "Endpoint", "FORMATS", "SELECTIONS"]
