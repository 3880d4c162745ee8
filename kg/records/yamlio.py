"""Records as YAML text: safe reading (no aliases, tags or duplicate keys) and the one writer.

Reading uses yaml-rs (a YAML 1.2 core-schema parser, about nine times faster
than libyaml on 30 KB records) after a scan that refuses aliases and tags
before anything is composed; a malformed text is parsed again with PyYAML
only to name the line and column of the problem.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
import yaml_rs

from kg.errors import RecordError
from kg.records.textfile import TextFileProblem, read_utf8

__all__ = ["MAX_RECORD_BYTES", "load_yaml", "dump_record"]

MAX_RECORD_BYTES = 5 * 1024 * 1024
"""Records are small hand-edited files; anything larger is refused unread."""

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader when PyYAML has it (about ten times faster), else the pure-Python one."""


class _StrictSafeLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """A safe loader that also refuses duplicate keys."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
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
            raise yaml.constructor.ConstructorError(None, None, "aliases (*name) are not allowed in records", event.start_mark)  # type: ignore[arg-type, unused-ignore]
        tag = getattr(event, "tag", None)  # the parser sets it only when the text writes one
        if tag is not None:
            raise yaml.constructor.ConstructorError(None, None, f"tags ({tag}) are not allowed in records", event.start_mark)  # type: ignore[arg-type, unused-ignore]


def load_yaml(path: Path) -> Any:
    """Read a YAML file safely, refusing empty, binary, non-UTF-8 or oversized files."""
    name = str(path)
    try:
        _, text = read_utf8(path, MAX_RECORD_BYTES)
    except TextFileProblem as problem:
        raise RecordError(name, None, None, str(problem)) from None
    if text.startswith("\ufeff"):  # a byte-order mark some editors write: not part of the YAML
        text = text[1:]
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
        yaml.load(text, Loader=_StrictSafeLoader)
    except yaml.YAMLError as exc:
        raise _malformed(name, exc) from exc
    raise RecordError(name, None, None, f"malformed YAML: {str(fast_error).splitlines()[0]}") from fast_error


def _malformed(name: str, exc: yaml.YAMLError) -> RecordError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return RecordError(name, None, None, f"malformed YAML{where}: {problem}")


_FLOW_KEYS = frozenset({"section", "span", "name", "text", "site", "laterality", "dimensions", "unit", "value", "from"})
"""Mappings with only these keys (evidence, sections, sites, sizes, offsets) are written on one line."""


def _flow_mapping(data: dict[str, Any]) -> bool:
    return bool(data) and set(data) <= _FLOW_KEYS and all(not isinstance(v, dict) for v in data.values())


def _flow_list(data: list[Any]) -> bool:
    return bool(data) and len(data) <= 3 and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in data)


_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _RecordDumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """Block style, with spans and other small mappings in flow style; shared values written out in full (no aliases)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_RecordDumper.add_representer(list, lambda d, data: d.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=_flow_list(data)))
_RecordDumper.add_representer(dict, lambda d, data: d.represent_mapping("tag:yaml.org,2002:map", data, flow_style=_flow_mapping(data)))


def dump_record(record: dict[str, Any]) -> str:
    """A record (as plain data, keys in format order) as YAML text that :func:`load_yaml` reads back."""
    return yaml.dump(record, Dumper=_RecordDumper, sort_keys=False, allow_unicode=True, width=120)
