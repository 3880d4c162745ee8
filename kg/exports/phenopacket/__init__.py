"""GA4GH Phenopackets v2: one JSON file per case report, written from the RDF store with the official schema classes.

Mapping (the ``phenopackets`` package's protobuf classes, JSON by ``google.protobuf.json_format``):

- ``id`` is the case id; ``subject`` the patient (CURIE of its IRI), with the
  stated age as ``time_at_last_encounter`` (ISO 8601: ``P52Y``, ``P18M``,
  ``P3W``, ``P10D``), sex and taxonomy (human);
- ``phenotypic_features``: findings whose term has an HPO id, and diagnoses
  whose term has an HPO id but no Mondo id; ``excluded`` for an absent status;
  facts with the same id and status share one feature. Evidence: ECO:0006017
  (author statement from a published clinical study) with an external reference
  ``sha256:<digest of the report text>`` to the fact IRI, described
  ``<section> [start, end)``;
- ``diseases``: diagnoses whose term has a Mondo id, ``excluded`` when absent;
- ``medical_actions``: drug exposures as treatments (agent: DrugBank, ChEBI or
  RxNorm id; route; target when the one indication has an id) and performed
  procedures (code: NCIt, SNOMED CT or ICD-9-CM id);
- ``meta_data``: ``created_by`` calcinosis-kg, one resource per prefix used,
  schema version 2.0, the DOI, and the evidence of the subject, diseases and
  medical actions as external references (a Disease or MedicalAction has no
  evidence field). ``created`` comes from ``SOURCE_DATE_EPOCH`` when it is set
  and is left out otherwise, so that the export is deterministic.

Term ids come from ``oboInOwl:hasDbXref``, ``oboInOwl:id`` and the IRIs of
standard terms (OBO PURLs, DrugBank and BioPortal IRIs). No id is made up: an
item without a usable id, with a status a phenopacket cannot state (possible,
contraindicated, precluded, planned), or of a kind this export does not map
(tests, organisms, outcomes) is left out and listed in ``export_report.json``
and ``export_report.txt`` beside the files, with case, fact, term and reason.
Every file is parsed back into ``Phenopacket`` and compared before the folder
is swapped in. The store is read with one SPARQL query per aspect.
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import ExportError

from .._base import ExportResult, atomic_folder
from .mapping import SCHEMA_VERSION, CaseBuilder, Omission, Reader
from .terms import iso8601_duration, standard_id

__all__ = ["PhenopacketExporter", "EXPORTERS", "REPORT_JSON", "REPORT_TEXT", "Omission", "iso8601_duration", "standard_id", "read_phenopackets"]

REPORT_JSON = "export_report.json"
"""The export report (machine-readable); it also marks the folder as a phenopacket export."""
REPORT_TEXT = "export_report.txt"
_INSTALL = "the phenopacket export needs the phenopackets package: pip install 'phenopackets>=2.0.2.post5'"
_CASE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _schema() -> tuple[Any, Any]:
    """The official schema classes and protobuf's JSON mapping, or an ExportError with an install hint."""
    try:
        import phenopackets
        from google.protobuf import json_format
    except ImportError:
        raise ExportError(_INSTALL) from None
    return phenopackets, json_format


def _created() -> int | None:
    """Seconds since the epoch from ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention), or None."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise ExportError(f"SOURCE_DATE_EPOCH={value!r} is not a whole number of seconds")
    return int(value)


def _counts(packet: Any) -> dict[str, int]:
    return {
        "phenotypic_features": len(packet.phenotypic_features),
        "excluded_features": sum(f.excluded for f in packet.phenotypic_features),
        "diseases": len(packet.diseases),
        "excluded_diseases": sum(d.excluded for d in packet.diseases),
        "medical_actions": len(packet.medical_actions),
    }


def _report_text(counts: dict[str, dict[str, int]], omitted: list[Omission], created: int | None) -> str:
    """The report for a reader: per case, what was exported, then each item left out or part left empty."""
    stamp = f"{created} (SOURCE_DATE_EPOCH)" if created is not None else "not set (set SOURCE_DATE_EPOCH to stamp it)"
    lines = [f"Phenopacket export (schema {SCHEMA_VERSION}): {len(counts)} cases, {len(omitted)} omissions.", f"meta_data.created: {stamp}"]
    by_case: dict[str, list[Omission]] = defaultdict(list)
    for item in omitted:
        by_case[item.case].append(item)
    for case, n in counts.items():
        lines += ["", f"{case}: {n['phenotypic_features']} phenotypic features ({n['excluded_features']} excluded), "
                  f"{n['diseases']} diseases ({n['excluded_diseases']} excluded), {n['medical_actions']} medical actions"]  # fmt: skip
        for item in by_case[case]:
            what = "left out" if item.part == "fact" else f"no {item.part}"
            term = f" {item.term} ({item.label})" if item.term else ""
            lines.append(f"  {item.fact}: {what};{term}: {item.why}")
    return "\n".join(lines) + "\n"


def read_phenopackets(folder: Path | str) -> dict[str, Any]:
    """Parse every case file of an export folder with the official classes: case id -> Phenopacket."""
    pp, json_format = _schema()
    packets = {}
    for path in sorted(Path(folder).glob("*.json")):
        if path.name == REPORT_JSON:
            continue
        try:
            packets[path.stem] = json_format.Parse(path.read_text(encoding="utf-8"), pp.Phenopacket())
        except (json_format.ParseError, UnicodeDecodeError) as exc:
            raise ExportError(f"{path}: not a valid phenopacket: {exc}") from None
    return packets


def _check_round_trip(pp: Any, json_format: Any, path: Path, packet: Any) -> None:
    """Parse a written file with the official classes (unknown fields refused) and compare it with the message."""
    try:
        back = json_format.Parse(path.read_text(encoding="utf-8"), pp.Phenopacket())
    except json_format.ParseError as exc:
        raise ExportError(f"case {packet.id}: the written phenopacket does not parse: {exc}") from None
    if back != packet:
        raise ExportError(f"case {packet.id}: the written phenopacket parses to a different message")


class PhenopacketExporter:
    name = "phenopacket"
    description = "GA4GH Phenopackets v2: one JSON file per case report, and an export report"
    input = "rdf"
    suffix = ""

    def write(self, data: ox.Store, path: Path) -> ExportResult:
        """Write ``<case id>.json`` per case and the reports; ``nodes`` counts phenopackets, ``edges`` exported items."""
        if not isinstance(data, ox.Store):
            raise ExportError(f"format {self.name} exports the RDF store; give a store or a build folder, not a property graph")
        pp, json_format = _schema()
        reader, created, path = Reader(data), _created(), Path(path)
        counts: dict[str, dict[str, int]] = {}
        omitted: list[Omission] = []
        with atomic_folder(path, REPORT_JSON) as tmp:
            for case in reader.cases:
                if not _CASE_ID.match(case["id"]):
                    raise ExportError(f"case id {case['id']!r} cannot name a file (lower-case letters, digits and hyphens)")
                builder = CaseBuilder(pp, reader, case)
                packet = builder.build()
                if created is not None:
                    packet.meta_data.created.seconds = created
                target = tmp / f"{case['id']}.json"
                target.write_text(json.dumps(json_format.MessageToDict(packet), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
                _check_round_trip(pp, json_format, target, packet)
                counts[case["id"]] = _counts(packet)
                omitted.extend(builder.omitted)
            omitted.sort()
            report = {"schema_version": SCHEMA_VERSION, "created": created, "cases": counts, "omissions": [asdict(o) for o in omitted]}
            (tmp / REPORT_JSON).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            (tmp / REPORT_TEXT).write_text(_report_text(counts, omitted, created), encoding="utf-8")
        files = (*(path / f"{case}.json" for case in counts), path / REPORT_JSON, path / REPORT_TEXT)
        items = sum(c["phenotypic_features"] + c["diseases"] + c["medical_actions"] for c in counts.values())
        load = f"any GA4GH Phenopacket v2 reader (phenopacket-tools validate, pyphetools, GPSEA): {path.resolve()}/<case id>.json"
        return ExportResult(self.name, path, files, len(counts), items, load=load, what=f"{len(counts)} phenopackets ({items} items)")

    def read(self, path: Path) -> dict[str, Any]:
        return read_phenopackets(path)


EXPORTERS = (PhenopacketExporter(),)
