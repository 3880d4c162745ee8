"""The ``kg`` command: a group of thin commands, each defined beside the code it drives.

Exit codes: 0 success; 1 validation failed (SHACL violations); 2 bad input,
usage or environment; 3 internal error (a bug; ``-v`` shows the traceback);
130 interrupted.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Sequence

import click

from kg import __version__
from kg.cli.build import build as build_command
from kg.cli.export import export as export_command
from kg.cli.export import stats as stats_command
from kg.cli.extract import evaluate as evaluate_command
from kg.cli.extract import extract as extract_command
from kg.cli.ontology import ontology_report as ontology_report_command
from kg.cli.push import push as push_command
from kg.cli.query import query as query_command
from kg.cli.query import sparql as sparql_command
from kg.cli.serve import serve as serve_command
from kg.cli.support import Console
from kg.cli.synth import synth as synth_command
from kg.cli.vocab import vocab as vocab_command
from kg.errors import EXIT_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED

__all__ = ["main", "cli"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.option("-v", "--verbose", is_flag=True, help="Print every step and every warning.")
@click.pass_context
def cli(ctx: click.Context, quiet: bool, verbose: bool) -> None:
    """Build and query a knowledge graph of calcinosis cutis case reports.

    Exit codes: 0 ok, 1 validation failed, 2 bad input, usage or environment,
    3 internal error, 130 interrupted.
    """
    ctx.obj = Console(quiet=quiet, verbose=verbose and not quiet)
    logging.basicConfig(level=logging.WARNING if ctx.obj.verbose else logging.ERROR, format="%(name)s: %(message)s")


for _command in (
    build_command,
    query_command,
    sparql_command,
    export_command,
    push_command,
    stats_command,
    extract_command,
    evaluate_command,
    ontology_report_command,
    synth_command,
    serve_command,
    vocab_command,
):
    cli.add_command(_command)


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point: run the command and turn every way it can end into a documented exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        cli.main(args=args, prog_name="kg", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, click.Abort):
        click.echo("interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        sys.stderr.close()  # the reader (e.g. `| head`) has gone: nothing left to say
        sys.exit(0)
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(f"error: {where}{exc.strerror or exc}", err=True)
        sys.exit(EXIT_INPUT)
    except Exception as exc:  # a bug: one line, and the traceback on request
        click.echo(f"internal error: {type(exc).__name__}: {exc} (a bug in kg; rerun with -v to see the traceback)", err=True)
        if "-v" in args or "--verbose" in args:
            traceback.print_exc()
        sys.exit(EXIT_INTERNAL)
