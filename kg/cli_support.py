"""What every command shares: turning package errors into a message and an exit code."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

import click

from .errors import KGError, ValidationFailed

__all__ = ["run_or_exit"]

T = TypeVar("T")


def run_or_exit(action: Callable[[], T]) -> T:
    """Run a library call; on a package error print it to stderr (no traceback) and exit with its code."""
    try:
        return action()
    except ValidationFailed as exc:
        click.echo(exc.report, err=True, nl=False)
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KGError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
