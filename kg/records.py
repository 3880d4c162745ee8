"""Read curated case records: safe YAML, the record model, and cross-field checks.

Every problem becomes a :class:`~kg.errors.RecordError` whose message names the
file, the record and the field, on one line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml
import yaml_rs
from pydantic import ValidationError

from .errors import InputError, RecordError
from .model import Claim, Diagnosis, DrugExposure, Evidence, Finding, OrganismIsolation, ProcedureEvent, Record, Test
from .terms import TermIndex
from .textfile import TextFileProblem, read_utf8

__all__ = ["MAX_RECORD_BYTES", "load_yaml", "parse_record", "check_record", "read_record", "read_records", "record_files"]

MAX_RECORD_BYTES = 5 * 1024 * 1024
"""Records are small hand-edited files; anything larger is refused unread."""

_TERM_FIELDS: dict[type, tuple[tuple[str, tuple[str, ...]], ...]] = {
    Diagnosis: (("condition", ("Condition",)), ("subtype", ("CalcinosisCutis",))),
    Finding: (("finding", ("ClinicalFinding", "Condition")),),
    Test: (("test", ("DiagnosticProcedure",)),),
    DrugExposure: (("drug", ("Drug",)),),
    ProcedureEvent: (("procedure", ("Procedure",)),),
    OrganismIsolation: (("organism", ("Organism",)),),
}
_ANY_TERM = ("Term",)


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML has it (about ten times faster), else the pure-Python one."""


class _StrictSafeLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """A safe loader that also refuses duplicate keys."""

    def construct_mapping(self, node, deep=False):  # type: ignore[no-untyped-def]
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_NODE_PROPERTY = re.compile(r"(?:^|[\s\[\]{},:?-])[&*!]")
"""Where an anchor (``&a``), alias (``*a``) or tag (``!t``) could start; plain text rarely matches."""


def _refuse_aliases_and_tags(text: str) -> None:
    """Refuse aliases and tags before composing: no alias bomb can expand, no tag can select a constructor."""
    for event in yaml.parse(text, Loader=_SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            raise yaml.constructor.ConstructorError(None, None, "aliases (*name) are not allowed in records", event.start_mark)
        tag = getattr(event, "tag", None)  # the parser sets it only when the text writes one
        if tag is not None:
            raise yaml.constructor.ConstructorError(None, None, f"tags ({tag}) are not allowed in records", event.start_mark)


def load_yaml(path: Path) -> Any:
    """Read a YAML file safely, refusing empty, binary, non-UTF-8 or oversized files."""
    name = str(path)
    try:
        _, text = read_utf8(path, MAX_RECORD_BYTES)
    except TextFileProblem as problem:
        raise RecordError(name, None, None, str(problem)) from None
    try:
        if _NODE_PROPERTY.search(text):
            _refuse_aliases_and_tags(text)
        return yaml_rs.loads(text, parse_datetime=False)
    except yaml_rs.YAMLDecodeError as fast_error:
        return _load_slowly(text, name, fast_error)
    except yaml.YAMLError as exc:
        raise _malformed(name, exc) from exc


def _load_slowly(text: str, name: str, fast_error: Exception) -> Any:
    """Parse again with PyYAML only to report where the text is malformed (its marks name line and column)."""
    try:
        yaml.load(text, Loader=_StrictSafeLoader)  # noqa: S506 - a safe loader subclass
    except yaml.YAMLError as exc:
        raise _malformed(name, exc) from exc
    raise RecordError(name, None, None, f"malformed YAML: {str(fast_error).splitlines()[0]}") from fast_error


def _malformed(name: str, exc: yaml.YAMLError) -> RecordError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return RecordError(name, None, None, f"malformed YAML{where}: {problem}")


def parse_record(data: Any, file: str) -> Record:
    """Turn loaded YAML into a :class:`Record`, reporting the first problem by field."""
    if not isinstance(data, dict):
        raise RecordError(file, None, None, f"a record must be a mapping, not {type(data).__name__}")
    record_id = data.get("id") if isinstance(data.get("id"), str) else None
    try:
        return Record.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = _field_name(error["loc"], data)
        raise RecordError(file, record_id, field, _message(error)) from None


def check_record(record: Record, terms: TermIndex, file: str) -> None:
    """Cross-field checks: sections, evidence inside sections, ids, references and terms."""
    _Checker(record, terms, file).run()


def read_record(path: Path, terms: TermIndex) -> Record:
    """Load, parse and check one record file."""
    record = parse_record(load_yaml(path), str(path))
    if path.stem != record.id:
        raise RecordError(str(path), record.id, "id", f"the file of record {record.id!r} must be named {record.id}.yaml")
    check_record(record, terms, str(path))
    return record


def record_files(folder: Path) -> list[Path]:
    """The record files of a data folder, sorted by name."""
    if not folder.is_dir():
        raise InputError(f"{folder}: data folder not found")
    files = sorted(p for p in folder.iterdir() if p.suffix in {".yaml", ".yml"} and p.is_file())
    if not files:
        raise InputError(f"{folder}: no case records (*.yaml) found")
    return files


def read_records(paths: Iterable[Path], terms: TermIndex) -> Iterator[tuple[Path, Record]]:
    """Read records one by one, refusing a case id used by two files."""
    seen: dict[str, Path] = {}
    for path in paths:
        record = read_record(path, terms)
        if record.id in seen:
            raise RecordError(str(path), record.id, "id", f"duplicate case id, also used by {seen[record.id]}")
        seen[record.id] = path
        yield path, record


class _Checker:
    """The cross-field checks of one record."""

    def __init__(self, record: Record, terms: TermIndex, file: str) -> None:
        self.record = record
        self.terms = terms
        self.file = file
        self.sections = {s.name: s.span for s in record.sections}

    def fail(self, field: str, message: str) -> None:
        raise RecordError(self.file, self.record.id, field, message)

    def run(self) -> None:
        self.check_sections()
        self.check_publication()
        ids = self.check_ids()
        for fact in self.record.facts:
            where = f"fact {fact.id}"
            self.check_evidence(fact.evidence, where)
            self.check_terms(fact, where)
            for field, targets in fact.references().items():
                for target in targets:
                    if target not in ids:
                        self.fail(f"{where}: {field}", f"refers to unknown fact id {target!r}")
        numbers = {ref.number for ref in self.record.references}
        for claim in self.record.claims:
            self.check_claim(claim, numbers)
        patient = self.record.patient
        for name in ("age", "sex"):
            item = getattr(patient, name)
            if item is not None:
                self.check_evidence(item.evidence, f"patient.{name}")

    def check_sections(self) -> None:
        length = self.record.report.length
        previous_end = 0
        for index, section in enumerate(sorted(self.record.sections, key=lambda s: s.span)):
            start, end = section.span
            if start >= end or end > length:
                self.fail(f"sections[{section.name}]", f"span [{start}, {end}) is not inside the text of {length} characters")
            if index and start < previous_end:
                self.fail(f"sections[{section.name}]", "overlaps the section before it")
            previous_end = end
        if len(self.sections) != len(self.record.sections):
            self.fail("sections", "a section name is used twice")

    def check_publication(self) -> None:
        pub = self.record.publication
        self.check_evidence(pub.evidence, "publication")
        if pub.title:
            self.check_span(pub.title.span, "publication.title")
        numbers: set[int] = set()
        for ref in self.record.references:
            where = f"references[{ref.number}]"
            if ref.number in numbers:
                self.fail(where, "reference number used twice")
            numbers.add(ref.number)
            self.check_evidence(ref.evidence, where)
            if ref.title:
                self.check_span(ref.title.span, f"{where}.title")

    def check_ids(self) -> set[str]:
        ids: set[str] = set()
        for item in (*self.record.facts, *self.record.claims):
            if item.id in ids:
                self.fail(f"fact {item.id}", "id used twice in this record")
            ids.add(item.id)
        return ids

    def check_span(self, span: tuple[int, int], where: str) -> None:
        length = self.record.report.length
        if span[0] >= span[1] or span[1] > length:
            self.fail(where, f"span [{span[0]}, {span[1]}) is outside the text of {length} characters")

    def check_evidence(self, evidence: Iterable[Evidence], where: str) -> None:
        for item in evidence:
            self.check_span(item.span, f"{where}: evidence")
            section = self.sections.get(item.section)
            if section is None:
                self.fail(f"{where}: evidence", f"section {item.section!r} is not declared in sections")
            elif not (section[0] <= item.span[0] and item.span[1] <= section[1]):
                self.fail(
                    f"{where}: evidence",
                    f"span [{item.span[0]}, {item.span[1]}) is not inside section {item.section} {list(section)}",
                )

    def check_term(self, name: str, branches: tuple[str, ...], where: str) -> None:
        if self.terms.resolve(name) is None:
            self.fail(where, f"unknown term {name!r} (not in the ontology)")
        if not self.terms.in_branch(name, *branches):
            self.fail(where, f"term {name!r} is not a {' or '.join(branches)}")

    def check_terms(self, fact: Any, where: str) -> None:
        for field, branches in _TERM_FIELDS.get(type(fact), ()):
            value = getattr(fact, field)
            if value is not None:
                self.check_term(value, branches, f"{where}: {field}")
        if isinstance(fact, Diagnosis) and fact.subtype is not None and self.terms.resolve(fact.subtype) == self.terms.resolve("CalcinosisCutis"):
            self.fail(f"{where}: subtype", "the subtype must be one of the subtypes of CalcinosisCutis, not CalcinosisCutis itself")
        for index, site in enumerate(fact.sites):
            self.check_term(site.site, ("AnatomicSite",), f"{where}: sites[{index}].site")

    def check_claim(self, claim: Claim, numbers: set[int]) -> None:
        where = f"claim {claim.id}"
        self.check_evidence(claim.evidence, where)
        for field in ("subject", "object"):
            for name in getattr(claim, field):
                self.check_term(name, _ANY_TERM, f"{where}: {field}")
        for number in claim.cites:
            if number not in numbers:
                self.fail(f"{where}: cites", f"reference {number} is not in the reference list")


def _field_name(loc: tuple[Any, ...], data: dict[str, Any]) -> str:
    """Render a pydantic error location, naming facts and claims by their id."""
    parts: list[str] = []
    node: Any = data
    index = 0
    while index < len(loc):
        key = loc[index]
        if key in ("facts", "claims") and index + 1 < len(loc) and isinstance(loc[index + 1], int):
            position = loc[index + 1]
            item = node.get(key, [])[position] if isinstance(node, dict) and isinstance(node.get(key), list) else None
            label = item.get("id") if isinstance(item, dict) else None
            kind = "fact" if key == "facts" else "claim"
            parts = [f"{kind} {label}" if label else f"{key}[{position}]"]
            node = item
            index += 2
            if key == "facts" and index < len(loc) and isinstance(loc[index], str) and isinstance(item, dict) and loc[index] == item.get("type"):
                index += 1  # skip the discriminator tag pydantic inserts
            continue
        if isinstance(key, int):
            parts.append(f"[{key}]")
        else:
            parts.append(("." if parts and not parts[-1].startswith(("fact ", "claim ")) else (": " if parts else "")) + str(key))
        node = node[key] if isinstance(node, (dict, list)) and _has(node, key) else None
        index += 1
    return "".join(parts) or "record"


def _has(node: dict[str, Any] | list[Any], key: Any) -> bool:
    if isinstance(node, dict):
        return key in node
    return isinstance(key, int) and 0 <= key < len(node)


def _message(error: dict[str, Any]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown field (not in the record format)"
    if kind == "missing":
        return "required field is missing"
    if kind == "union_tag_invalid":
        return f"unknown fact type {error.get('input', {}).get('type')!r}" if isinstance(error.get("input"), dict) else error["msg"]
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    value = error.get("input")
    if isinstance(value, (str, int, float)) and not isinstance(value, bool) and kind not in ("value_error",):
        return f"{message} (got {value!r})"
    return message
