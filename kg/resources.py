"""Where the package finds its ontology, shapes, queries and bundled records.

An installed wheel carries them under ``kg/_resources``; a source checkout has
them at the top level beside ``kg/``. Every data path is named here once.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

__all__ = ["resource_dir", "ontology_dir", "shapes_dir", "queries_dir", "bundled_data_dir", "default_reports_dir", "REPORTS_ENV"]

REPORTS_ENV = "KG_REPORTS_DIR"
_CHECKOUT_ROOT = Path(__file__).resolve().parent.parent


def resource_dir(name: str) -> Path:
    """Return the folder of a packaged resource (``ontology``, ``queries``, ``data``)."""
    packaged = Path(str(resources.files("kg"))) / "_resources" / name
    if packaged.is_dir():
        return packaged
    checkout = _CHECKOUT_ROOT / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"resource folder {name!r} is missing from the installation")


def ontology_dir() -> Path:
    """The ontology modules (``*.ttl``)."""
    return resource_dir("ontology")


def shapes_dir() -> Path:
    """The SHACL shapes (``*.ttl``)."""
    return ontology_dir() / "shapes"


def queries_dir() -> Path:
    """The SPARQL query files (``*.rq``)."""
    return resource_dir("queries")


def bundled_data_dir() -> Path:
    """The curated case records shipped with the project."""
    return resource_dir("data")


def default_reports_dir() -> Path | None:
    """The report texts named by ``KG_REPORTS_DIR``, or None when it is unset."""
    value = os.environ.get(REPORTS_ENV)
    return Path(value) if value else None
