"""Read curated case records: a record file becomes a checked :class:`~kg.records.model.Record`.

Every problem becomes a :class:`~kg.errors.RecordError` whose message names the
file, the record and the field, on one line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from kg.errors import InputError, RecordError
from kg.ontology.terms import TermIndex
from kg.records.checks import check_record
from kg.records.model import Record
from kg.records.yamlio import load_yaml

__all__ = ["RECORD_SUFFIXES", "parse_record", "read_record", "record_files"]


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


def read_record(path: Path, terms: TermIndex) -> Record:
    """Load, parse and check one record file."""
    record = parse_record(load_yaml(path), str(path))
    if path.stem != record.id:
        raise RecordError(str(path), record.id, "id", f"the file of record {record.id!r} must be named {record.id}.yaml")
    check_record(record, terms, str(path))
    return record


RECORD_SUFFIXES = frozenset({".yaml", ".yml"})
"""Record files end so, in any case (``.YAML`` too); other files of a data folder are not records."""


def record_files(folder: Path) -> list[Path]:
    """The record files of a data folder, sorted by name; a record name that is not a plain file is an error."""
    if not folder.is_dir():
        raise InputError(f"{folder}: data folder not found")
    files = []
    for path in sorted(folder.iterdir(), key=lambda path: path.name):  # names: the same order, ten times cheaper than Paths
        if path.suffix.lower() not in RECORD_SUFFIXES:
            continue
        if not path.is_file():
            kind = "a folder" if path.is_dir() else "a broken link" if path.is_symlink() and not path.exists() else "not a regular file"
            raise InputError(f"{path}: is {kind}; a record must be a plain YAML file")
        files.append(path)
    if not files:
        raise InputError(f"{folder}: no case records (*.yaml) found")
    return files


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


def _message(error: ErrorDetails) -> str:
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
