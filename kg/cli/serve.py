"""The ``kg serve`` command: parse options, start :mod:`kg.serve`, print its URL, serve until Ctrl-C."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.support import Console, build_folder_option, console_options, run_or_exit
from kg.query.run import DEFAULT_TIMEOUT
from kg.resources import REPORTS_ENV, default_reports_dir

__all__ = ["serve"]


@click.command()
@build_folder_option("Output folder of `kg build` holding the graph.")
@click.option(
    "--reports",
    "reports_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help=f"Folder of the report texts, to show each fact's evidence in its sentence.  [default: ${REPORTS_ENV}]",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (anything but loopback exposes the graph to the network).")
@click.option("--port", type=click.IntRange(0, 65535), default=8080, show_default=True, help="Port to listen on (0: any free port).")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds a query may run before it is stopped (0: no limit).",
)
@console_options
def serve(console: Console, build_dir: Path, reports_dir: Path | None, host: str, port: int, timeout: float) -> None:
    """Serve the graph: a read-only SPARQL endpoint at /sparql and a web view of the cases.

    Updates and SERVICE are refused; each query stops after --timeout seconds.
    Ctrl-C stops the server (exit 130).
    """
    from kg.serve import make_server

    reports = reports_dir or default_reports_dir()
    try:
        server = run_or_exit(lambda: make_server(build_dir, reports, host, port, timeout or None, console.step))
    except OSError as exc:
        raise click.UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    click.echo(server.url, nl=True)
    console.note(f"serving {build_dir} read-only: web view {server.url}, SPARQL endpoint {server.url}sparql; Ctrl-C stops")
    if reports is None:
        console.note(f"evidence is shown as offsets only: give --reports DIR (or set {REPORTS_ENV}) to see it in the report text")
    if not server.loopback_only:
        console.note(f"warning: listening on {host}: anyone who can reach this machine can read the graph")
    try:
        server.serve_forever()
    finally:
        server.server_close()
