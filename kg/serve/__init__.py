"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint and a web view for clinicians over one build.

- :mod:`kg.serve.server`: the HTTP server (standard library, one thread per connection) and :func:`make_server`;
- :mod:`kg.serve.app`: routes a request to the endpoint or a page, renders pages with Jinja2 (autoescaped);
- :mod:`kg.serve.sparql`: the protocol's query operation with the project's safety rules
  (read-only, no SERVICE, a time limit) and pyoxigraph's result serializers;
- :mod:`kg.serve.pages`: the data of the case table, the case pages and the graph view, from the query library;
- :mod:`kg.serve.evidence`: the sentence around an evidence span, read from the user's report texts;
- :mod:`kg.serve.negotiate`: Accept-header content negotiation; :mod:`kg.serve.messages`: request and response.

>>> from kg.serve import make_server
>>> server = make_server(Path("out"), reports_dir=Path("reports"), port=0)
>>> print(server.url); server.serve_forever()
"""

from kg.serve.server import KgServer, make_server

__all__ = ["KgServer", "make_server"]
