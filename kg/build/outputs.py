"""What a build writes into its output folder: the files by role, the reports, and the atomic write of the whole.

A build writes into a fresh sibling folder and swaps it in only when
everything is written (:mod:`kg.build.outfolder`); a failed or interrupted
build leaves the previous outputs as they were.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TypeVar

import orjson

from kg.build.outfolder import mark_build, new_staging_folder, remove_staging_folders, swap_in
from kg.build.shacl.issues import Issue
from kg.build.shacl.report import render_text, report_turtle
from kg.build.summary import BuildSummary
from kg.layout import OUTPUT_FILES

__all__ = ["OUTPUT_FILES", "GRAPH_FILES", "written_outputs", "write_atomically", "write_reports"]

T = TypeVar("T")

GRAPH_FILES = ("turtle", "nquads")
"""The roles of the whole-graph files, written only when a build is asked to (``--graph-files``)."""


def written_outputs(graph_files: bool) -> dict[str, str]:
    """What a build writes, by role: the output files, less the whole-graph files unless asked for, and the listing tables."""
    from kg.query.tables import TABLES_FILE

    found = {role: name for role, name in OUTPUT_FILES.items() if graph_files or role not in GRAPH_FILES}
    found["tables"] = TABLES_FILE
    return found


_REPORTS = ("validation_rdf", "validation_text", "validation_json")


def write_reports(tmp: Path, issues: tuple[Issue, ...], summary: BuildSummary, previous: Path | None = None) -> None:
    """The validation report (Turtle, text, JSON) and the summary.

    When the previous outputs (``previous``) list the same issues, their
    report files are linked instead of written again (they are byte-identical:
    the reports depend on the issues only).
    """
    (tmp / OUTPUT_FILES["summary"]).write_text(json.dumps(asdict(summary), indent=2) + "\n", encoding="utf-8")
    listed = orjson.dumps([dict(vars(issue)) for issue in issues], option=orjson.OPT_INDENT_2) + b"\n"  # the bytes of json.dumps(indent=2)
    if previous is not None and _same_bytes(previous / OUTPUT_FILES["validation_json"], listed) and _link_reports(previous, tmp):
        return
    (tmp / OUTPUT_FILES["validation_rdf"]).write_bytes(report_turtle(issues))  # no blank nodes: deterministic
    (tmp / OUTPUT_FILES["validation_text"]).write_text(render_text(issues), encoding="utf-8")
    (tmp / OUTPUT_FILES["validation_json"]).write_bytes(listed)


def _same_bytes(path: Path, data: bytes) -> bool:
    """Whether the file holds exactly ``data`` (the JSON list of the issues says all the reports say)."""
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _link_reports(previous: Path, tmp: Path) -> bool:
    """Hard-link the previous report files into ``tmp``; False (and nothing linked) where that cannot be done."""
    done = []
    try:
        for role in _REPORTS:
            os.link(previous / OUTPUT_FILES[role], tmp / OUTPUT_FILES[role])
            done.append(tmp / OUTPUT_FILES[role])
    except OSError:
        for path in done:
            path.unlink()
        return False
    return True


def write_atomically(out_dir: Path, write: Callable[[Path], T], version: str) -> T:
    """Write the outputs into a new sibling folder with ``write``, mark it as a build, then swap it in.

    ``out_dir`` must be resolved and held with :func:`kg.build.outfolder.output_lock`.
    The previous outputs survive any failure or interruption before the swap.
    """
    try:
        tmp = new_staging_folder(out_dir)
        result = write(tmp)
        mark_build(tmp, version)
        _fsync_tree(tmp)
        swap_in(tmp, out_dir)
    except BaseException:
        # by pattern, not by ``tmp``: an interruption may land after the folder is made and before it is named
        remove_staging_folders(out_dir)
        raise
    return result


def _fsync_tree(folder: Path) -> None:
    """Flush every file of the new outputs to disk, but those hard-linked from the previous outputs (flushed when written)."""
    for parent, _, names in os.walk(folder):  # strings, not Paths: 20,000 chunk files at 10,000 cases
        for name in names:
            path = os.path.join(parent, name)
            info = os.lstat(path)
            if stat.S_ISREG(info.st_mode) and info.st_nlink == 1:
                with open(path, "rb") as handle:
                    os.fsync(handle.fileno())
