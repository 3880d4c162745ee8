"""What every command shares: errors to exit codes, ``-q``/``-v``, progress bars, choices read from a registry."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from kg.errors import KGError, ValidationFailed

__all__ = ["Console", "run_or_exit", "console_options", "LazyChoice", "deprecated_alias", "build_folder_option"]

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])

_WARNINGS_SHOWN = 5
"""Warnings printed after a command's result; the rest are counted (the full list is in the report file)."""


@dataclass
class Console:
    """How much a command prints: ``quiet`` only errors, ``verbose`` every step; progress bars on a terminal."""

    quiet: bool = False
    verbose: bool = False

    def info(self, message: str = "") -> None:
        """A line of the command's result (stdout), unless quiet."""
        if not self.quiet:
            click.echo(message)

    def note(self, message: str) -> None:
        """A line about what the command does (stderr), unless quiet."""
        if not self.quiet:
            click.echo(message, err=True)

    def step(self, message: str) -> None:
        """A progress message (stderr), only when verbose."""
        if self.verbose:
            click.echo(f"... {message}", err=True)

    @contextmanager
    def progress(self, label: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
        """A progress bar on stderr when it is a terminal (and not quiet); yields ``advance(n)``."""
        if self.quiet or not sys.stderr.isatty():
            yield _ignore
            return
        from tqdm import tqdm

        with tqdm(total=total, desc=label, unit="", leave=False, file=sys.stderr, dynamic_ncols=True) as bar:
            yield bar.update

    def warnings(self, lines: Sequence[str], kinds: dict[str, int], where: str) -> None:
        """Summarise warnings: counts by kind, the first few lines, and where the full list is."""
        if self.quiet or not lines:
            return
        shown = lines if self.verbose else lines[:_WARNINGS_SHOWN]
        counts = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items(), key=lambda item: (-item[1], item[0])))
        click.echo(f"{len(lines)} warning(s): {counts}", err=True)
        for line in shown:
            click.echo(f"  {line}", err=True)
        if len(shown) < len(lines):
            click.echo(f"  ... and {len(lines) - len(shown)} more in {where} (or run with -v)", err=True)


def _ignore(_steps: int = 1) -> None:
    """A progress callback that shows nothing."""


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


def _set_quiet(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    if value:
        console = _console(ctx)
        console.quiet, console.verbose = True, False
    return value


def _set_verbose(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    if value:
        console = _console(ctx)
        if not console.quiet:
            console.verbose = True
            logging.getLogger().setLevel(logging.WARNING)
    return value


def _console(ctx: click.Context) -> Console:
    root = ctx.find_root()
    if not isinstance(root.obj, Console):
        root.obj = Console()
    return root.obj


def console_options(command: F) -> F:
    """Add ``-q``/``--quiet`` and ``-v``/``--verbose`` to a command (as the group has them) and pass ``console``."""
    quiet = click.option("-q", "--quiet", is_flag=True, expose_value=False, is_eager=True, callback=_set_quiet, help="Print only errors.")
    verbose = click.option("-v", "--verbose", is_flag=True, expose_value=False, callback=_set_verbose, help="Print every step and every warning.")

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        return command(*args, console=_console(click.get_current_context()), **kwargs)

    wrapped.__name__ = command.__name__
    wrapped.__doc__ = command.__doc__
    return quiet(verbose(wrapped))  # type: ignore[return-value]


class LazyChoice(click.Choice):  # type: ignore[type-arg,unused-ignore]
    """A choice whose values come from a function, called only when the command runs or its help is shown."""

    def __init__(self, values: Callable[[], Sequence[str]]) -> None:
        self._values = values
        super().__init__(())

    @property  # type: ignore[override]
    def choices(self) -> Sequence[str]:
        return tuple(self._values())

    @choices.setter
    def choices(self, _value: Sequence[str]) -> None:
        pass


def deprecated_alias(old: str, new: str) -> Callable[[click.Context, click.Parameter, Any], Any]:
    """An option callback that warns when the old spelling of an option is used."""

    def warn(_ctx: click.Context, _param: click.Parameter, value: Any) -> Any:
        if value is not None:
            click.echo(f"warning: {old} is deprecated here; use {new}", err=True)
        return value

    return warn


def build_folder_option(help_text: str) -> Callable[[F], F]:
    """The ``--build`` option of the commands that read a build (default ``out``)."""
    return click.option(
        "--build",
        "build_dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path("out"),
        show_default=True,
        help=help_text,
    )
