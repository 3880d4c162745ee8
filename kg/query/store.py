"""The query side of the embedded SPARQL store: open a finished build's store, on disk or loaded into memory.

Two layouts answer the same queries with the same rows (tested):

- ``disk``: the build's RocksDB store, opened read-only; opening is instant
  and memory stays small, each lookup may read the disk;
- ``memory``: pyoxigraph's in-memory store, filled from the build's N-Quads
  chunks; loading takes time in proportion to the graph (see BENCHMARKS.md)
  and about :data:`BYTES_PER_QUAD` bytes per quad, then lookups are faster
  (2-8x on the library's SPARQL queries).

``auto`` takes memory when the graph's estimated size fits the memory budget
(:data:`DEFAULT_MEMORY_BUDGET`, or the one given), else disk.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError
from kg.layout import OUTPUT_FILES, STORE_DIR

__all__ = ["DISK", "MEMORY", "AUTO", "LAYOUTS", "BYTES_PER_QUAD", "DEFAULT_MEMORY_BUDGET", "open_store", "choose_layout", "build_folder"]

DISK, MEMORY, AUTO = "disk", "memory", "auto"
LAYOUTS = (DISK, MEMORY, AUTO)
BYTES_PER_QUAD = 400
"""Peak resident memory of pyoxigraph's in-memory store per quad of a build's graph, loading included (measured: 354 resident, 403 at the peak, at 1,000 synthetic cases)."""
DEFAULT_MEMORY_BUDGET = 2 * 1024**3
"""Bytes an ``auto`` store may take in memory."""
CHUNKS = "cache/chunks"
"""Where a build keeps its N-Quads chunks (:mod:`kg.build.chunks`)."""

_OPENED: OrderedDict[int, tuple[ox.Store, Path]] = OrderedDict()
"""The build folders of the stores opened lately (each store is kept alive by its entry, so its id stays its own)."""
_REMEMBER = 8


def _store_folder(out_dir: Path) -> Path:
    folder = out_dir / STORE_DIR
    if not folder.is_dir():
        parked = out_dir.parent / f".{out_dir.name}.previous" / STORE_DIR
        if not out_dir.exists() and parked.is_dir():
            return parked
        raise InputError(f"{out_dir}: no SPARQL store found; run `kg build` first")
    return folder


def choose_layout(out_dir: Path, layout: str = AUTO, budget: int | None = None) -> str:
    """``disk`` or ``memory`` for ``layout``: ``auto`` compares the graph's estimated in-memory size with ``budget``."""
    if layout not in LAYOUTS:
        raise InputError(f"unknown store layout {layout!r}; choose one of {', '.join(LAYOUTS)}")
    if layout != AUTO:
        return layout
    try:
        quads = int(json.loads((out_dir / OUTPUT_FILES["summary"]).read_text(encoding="utf-8"))["quads_in_store"])
    except (OSError, ValueError, KeyError, TypeError):
        return DISK
    return MEMORY if quads * BYTES_PER_QUAD <= (DEFAULT_MEMORY_BUDGET if budget is None else budget) else DISK


def open_store(out_dir: Path, layout: str = DISK, budget: int | None = None) -> ox.Store:
    """Open the store of a finished build read-only, on disk or loaded into memory (see the module's docstring).

    Where a build was stopped between the two renames of its swap (on systems
    without an atomic exchange), the previous outputs wait beside the folder
    as ``.<name>.previous``; they are read from there until the next build
    puts them back.
    """
    folder = _store_folder(out_dir)
    if choose_layout(folder.parent, layout, budget) == MEMORY:
        store = _in_memory(folder)
    else:
        store = ox.Store.read_only(str(folder))
    _OPENED[id(store)] = (store, folder.parent)
    while len(_OPENED) > _REMEMBER:
        _OPENED.popitem(last=False)
    return store


def build_folder(store: ox.Store) -> Path | None:
    """The build folder a store was opened from by :func:`open_store` lately, or None."""
    found = _OPENED.get(id(store))
    return found[1] if found is not None and found[0] is store else None


def _in_memory(folder: Path) -> ox.Store:
    """A new in-memory store with the build's graph: its chunks where the build left them, else a copy of the store."""
    store = ox.Store()
    chunks = sorted((folder.parent / CHUNKS).glob("*.nq"))
    if chunks:
        batch: list[bytes] = []
        size = 0
        for path in chunks:
            batch.append(path.read_bytes())
            size += len(batch[-1])
            if size >= 64 * 1024 * 1024:
                store.bulk_load(input=b"".join(batch), format=ox.RdfFormat.N_QUADS)
                batch, size = [], 0
        if batch:
            store.bulk_load(input=b"".join(batch), format=ox.RdfFormat.N_QUADS)
    else:
        disk = ox.Store.read_only(str(folder))
        store.bulk_load(input=disk.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
    return store
