"""The ``kg push`` command: parse options, call :func:`kg.push.push`, print a summary."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.cli.support import Console, build_folder_option, console_options, run_or_exit

if TYPE_CHECKING:
    from kg.push import GraphReport, PushOptions, PushResult

__all__ = ["push"]

TOKEN_VARIABLE = "KG_PUSH_TOKEN"
PASSWORD_VARIABLE = "KG_PUSH_PASSWORD"


@click.command("push")
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="Graph store endpoint (SPARQL 1.1 Graph Store Protocol), e.g. http://localhost:7878/store for Oxigraph, "
    "http://localhost:3030/ds/data for Fuseki.",
)
@build_folder_option("Output folder of `kg build` to push.")
@click.option(
    "--graphs",
    type=click.Choice(["all", "case"]),
    default="all",
    show_default=True,
    help="all: ontology, case graphs and inferred graphs; case: the case report graphs only.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["turtle", "ntriples"]),
    default="turtle",
    show_default=True,
    help="Body of each PUT: text/turtle or application/n-triples.",
)
@click.option(
    "--user", default=None, help=f"User name for HTTP Basic (or --digest) authentication; the password comes from ${PASSWORD_VARIABLE} or a prompt."
)
@click.option(
    "--password",
    envvar=PASSWORD_VARIABLE,
    default=None,
    show_envvar=True,
    help=f"Password for --user; prefer setting ${PASSWORD_VARIABLE}, as a command line is visible to other users.",
)
@click.option(
    "--digest",
    is_flag=True,
    help="Answer the server's HTTP Digest challenge (e.g. Virtuoso's /sparql-graph-crud-auth) instead of sending Basic credentials.",
)
@click.option(
    "--retries",
    type=click.IntRange(0, 20),
    default=3,
    show_default=True,
    help="Times a request is sent again after a connection error, a timeout, a 5xx, 408 or 429 (never after another 4xx).",
)
@click.option(
    "--backoff",
    type=click.FloatRange(min=0),
    default=1.0,
    show_default=True,
    help="Seconds before the first retry; doubled for each further retry (at most 30).",
)
@click.option(
    "--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True, help="Seconds to wait for the server on each request."
)
@click.option("--dry-run", is_flag=True, help="List the graphs and the requests that would be sent; send nothing.")
@console_options
def push(
    console: Console,
    endpoint: str,
    build_dir: Path,
    graphs: str,
    fmt: str,
    user: str | None,
    password: str | None,
    digest: bool,
    retries: int,
    backoff: float,
    timeout: float,
    dry_run: bool,
) -> None:
    """Push the built graph to a SPARQL graph store: one PUT per named graph, so a re-push replaces each case.

    A bearer token is read from $KG_PUSH_TOKEN and a password from
    $KG_PUSH_PASSWORD: secrets need not be on the command line.
    """
    from kg.push import Credentials, PushOptions, planned
    from kg.push import push as run_push

    if user is not None and password is None and sys.stdin.isatty() and not dry_run:
        password = click.prompt(f"Password for {user}", hide_input=True, err=True)
    token = os.environ.get(TOKEN_VARIABLE) or None
    options = run_or_exit(
        lambda: PushOptions(
            endpoint,
            graphs=graphs,
            fmt=fmt,
            retries=retries,
            backoff=backoff,
            timeout=timeout,
            dry_run=dry_run,
            credentials=Credentials(user, password, token, digest) if not dry_run else Credentials(),
        )
    )
    _warn_plain_http(console, options)
    total = len(run_or_exit(lambda: planned(build_dir, graphs)))
    with console.progress("checking graphs" if dry_run else "pushing graphs", total) as advance:
        result = run_or_exit(lambda: run_push(build_dir, options, progress=advance, on_graph=lambda r: _step(console, r, dry_run)))
    _summary(console, result)


def _warn_plain_http(console: Console, options: PushOptions) -> None:
    from kg.push import Endpoint

    where = Endpoint.parse(options.endpoint)
    if options.credentials.present and where.scheme == "http" and not where.is_loopback:
        console.note(f"warning: credentials go to {where.host} over plain http, readable on the way; use https")


def _step(console: Console, report: GraphReport, dry_run: bool) -> None:
    if dry_run:
        console.info(f"PUT {report.url}  ({report.kind}, {report.triples} triples, {report.bytes} bytes)")
        return
    retried = f", {report.attempts} attempts" if report.attempts > 1 else ""
    console.step(f"{report.status} {report.kind} <{report.iri}>: {report.triples} triples, {report.bytes} bytes{retried}")


def _summary(console: Console, result: PushResult) -> None:
    kinds = ", ".join(f"{count} {kind}" for kind, count in result.kinds().items())
    size = f"{len(result.graphs)} graphs ({kinds}), {result.triples} triples, {_size(result.bytes)}"
    if result.dry_run:
        console.info(f"Dry run: would push {size} to {result.endpoint}")
        return
    console.info(f"Pushed {size} to {result.endpoint} in {result.seconds:.2f} s; {result.retried} requests retried")


def _size(count: int) -> str:
    return f"{count} bytes" if count < 10_000 else f"{count / 1_000_000:.1f} MB"
