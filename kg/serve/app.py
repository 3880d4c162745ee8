"""The application behind ``kg serve``: routes a request to the SPARQL endpoint or a page of the web view.

Paths: ``/`` the case-series table (``/cases.csv`` as CSV), ``/cases/<id>`` a
case's facts with evidence, ``/cases/<id>/graph`` its graph (data at
``graph.json``), ``/queries`` the query library and ``/queries/<name>`` one
query with a parameter form (``/queries/<name>.csv``), ``/sparql`` the SPARQL
1.1 Protocol endpoint (an HTML query form for a browser), ``/static/...``.
Every page is rendered by Jinja2 with autoescaping, so no value from the
graph can become markup.
"""

from __future__ import annotations

import csv
import io
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Mapping
from importlib import resources
from typing import Any
from urllib.parse import urlencode

import jinja2

from kg.errors import QueryError, QueryTimeout
from kg.query.graph import KnowledgeGraph, Result
from kg.serve.evidence import ReportTexts
from kg.serve.messages import HttpError, Request, Response
from kg.serve.pages import case_graph, case_href, case_view, cell
from kg.serve.sparql import HTML, Endpoint, protocol_query

__all__ = ["App"]

_STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".txt": "text/plain; charset=utf-8"}
_CASE = re.compile(r"^/cases/([^/]+)(/graph|/graph\.json)?$")
_QUERY = re.compile(r"^/queries/([a-z][a-z0-9-]*)(\.csv)?$")
_STATIC = re.compile(r"^/static/([a-z][a-z0-9-]*\.(?:css|js|txt))$")
_REMEMBERED = 256
"""Query results kept in memory."""
_EXAMPLE = "SELECT ?case ?label WHERE {\n  ?report a cck:CaseReport ; cck:recordId ?case ; rdfs:label ?label .\n}\nORDER BY ?case"


class App:
    """The web view and the SPARQL endpoint over one build."""

    def __init__(self, graph: KnowledgeGraph, texts: ReportTexts, endpoint: Endpoint) -> None:
        self.graph = graph
        self.texts = texts
        self.endpoint = endpoint
        self.templates = jinja2.Environment(
            loader=jinja2.PackageLoader("kg.serve", "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.templates.globals["case_href"] = case_href
        self._results: OrderedDict[tuple[str, tuple[tuple[str, str], ...]], Result] = OrderedDict()
        self._lock = threading.Lock()

    def run(self, name: str, **params: str) -> Result:
        """A library query's result, remembered: the store is read-only, so a result holds while the server runs."""
        key = (name, tuple(sorted(params.items())))
        with self._lock:
            if key in self._results:
                self._results.move_to_end(key)
                return self._results[key]
        result = self.graph.run(name, **params)
        with self._lock:
            self._results[key] = result
            while len(self._results) > _REMEMBERED:
                self._results.popitem(last=False)
        return result

    def handle(self, request: Request) -> Response:
        """The response to one request; errors become a page (or plain text for the endpoint) with their status."""
        api = request.path == "/sparql" or request.path.endswith((".csv", ".json"))
        try:
            return self._route(request)
        except HttpError as exc:
            return self._error(exc.status, str(exc), api, exc.headers)
        except QueryTimeout as exc:
            return self._error(503, str(exc), api)
        except QueryError as exc:
            return self._error(400, str(exc), api)

    def _error(self, status: int, message: str, api: bool, headers: Mapping[str, str] | None = None) -> Response:
        if api:
            return Response.text(status, message, headers)
        response = Response.html(status, self.render("error.html", title=f"Error {status}", status=status, message=message))
        response.headers.update(headers or {})
        return response

    def render(self, name: str, **values: Any) -> str:
        return self.templates.get_template(name).render(**values)

    def _route(self, request: Request) -> Response:
        path = request.path
        if path == "/sparql":
            if request.method not in ("GET", "HEAD", "POST"):
                raise HttpError(405, "the endpoint answers GET and POST", {"Allow": "GET, HEAD, POST"})
            return self.sparql(request)
        if request.method not in ("GET", "HEAD"):
            raise HttpError(405, f"{path} answers GET only", {"Allow": "GET, HEAD"})
        if path in ("/", "/cases"):
            return self.cases()
        if path == "/cases.csv":
            return self._csv("case-series", self.run("case-series"))
        if path == "/queries":
            return Response.html(200, self.render("queries.html", title="Queries", queries=self.graph.list_queries()))
        if match := _CASE.match(path):
            return self.case(match.group(1), match.group(2))
        if match := _QUERY.match(path):
            return self.query(request, match.group(1), bool(match.group(2)))
        if match := _STATIC.match(path):
            return self.static(match.group(1))
        raise HttpError(404, f"nothing at {path}")

    def cases(self) -> Response:
        result = self.run("case-series")
        rows = [[cell(name, row.get(name)) for name in result.columns] for row in result.rows]
        page = self.render("cases.html", title="Case series", columns=result.columns, rows=rows)
        return Response.html(200, page)

    def case(self, case: str, part: str | None) -> Response:
        if part == "/graph.json":
            data = case_graph(self.run, case)
            if data is None:
                raise HttpError(404, f"no case called {case!r} in this build")
            return Response.json(data)
        if part == "/graph":
            if case_graph(self.run, case) is None:
                raise HttpError(404, f"no case called {case!r} in this build")
            return Response.html(200, self.render("graph.html", title=f"Graph of {case}", case=case))
        view = case_view(self.run, self.texts, case)
        if view is None:
            raise HttpError(404, f"no case called {case!r} in this build")
        return Response.html(200, self.render("case.html", title=case, view=view))

    def query(self, request: Request, name: str, as_csv: bool) -> Response:
        query = self.graph.queries.get(name)
        if query is None:
            raise HttpError(404, f"no query called {name!r}; /queries lists them")
        values = {key: request.param(key) or "" for key in request.params}
        params = {key: value for key, value in values.items() if value != ""}
        if as_csv:
            return self._csv(name, self.run(name, **params))
        error, result = None, None
        missing = [p.name for p in query.params if p.required and p.name not in params]
        if not missing or params:
            try:
                result = self.run(name, **params)
            except QueryTimeout:
                raise
            except QueryError as exc:
                error = str(exc)
        rows = [[cell(column, row.get(column)) for column in result.columns] for row in result.rows] if result else []
        csv_href = f"/queries/{name}.csv" + (f"?{urlencode(params)}" if params else "")
        page = self.render("query.html", title=query.title, query=query, values=values, error=error, result=result, rows=rows, csv_href=csv_href)
        return Response.html(400 if error else 200, page)

    def sparql(self, request: Request) -> Response:
        text = protocol_query(request)
        accept = request.header("Accept")
        if text is None:
            if request.method == "POST" or "text/html" not in (accept or ""):
                raise HttpError(400, "no query: give it as ?query=, or POST it as application/sparql-query or as a form field 'query'")
            return Response.html(200, self.render("sparql.html", title="SPARQL", text=_EXAMPLE, answer=None))
        answer = self.endpoint.answer(text, accept, html=True)
        if answer.media_type != HTML:
            return Response(200, answer.body, _with_charset(answer.media_type))
        columns: list[str] = []
        rows: list[list[Any]] = []
        boolean, graph_text = False, ""
        if answer.form == "graph":
            graph_text = answer.body.decode("utf-8")
        else:
            results = json.loads(answer.body)
            boolean = bool(results.get("boolean"))
            columns = results.get("head", {}).get("vars", [])
            for binding in results.get("results", {}).get("bindings", []):
                rows.append([cell(name, binding[name]["value"] if name in binding else None) for name in columns])
        page = self.render(
            "sparql.html", title="SPARQL", text=text, answer=answer, columns=columns, rows=rows, boolean=boolean, graph_text=graph_text
        )
        return Response.html(200, page)

    def static(self, name: str) -> Response:
        item = resources.files("kg.serve").joinpath("static", name)
        if not item.is_file():
            raise HttpError(404, f"no static file {name}")
        suffix = name[name.rindex(".") :]
        return Response(200, item.read_bytes(), _STATIC_TYPES[suffix], {"Cache-Control": "max-age=3600"})

    def _csv(self, name: str, result: Result) -> Response:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(result.columns)
        for row in result.rows:
            writer.writerow(["" if row.get(c) is None else _plain(row.get(c)) for c in result.columns])
        return Response(
            200, buffer.getvalue().encode("utf-8"), "text/csv; charset=utf-8", {"Content-Disposition": f'attachment; filename="{name}.csv"'}
        )


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _with_charset(media_type: str) -> str:
    textual = (
        media_type.startswith("text/")
        or media_type.endswith(("+xml", "+json"))
        or media_type in ("application/json", "application/xml", "application/n-triples")
    )
    return f"{media_type}; charset=utf-8" if textual else media_type
