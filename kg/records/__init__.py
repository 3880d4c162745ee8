"""Curated case records: the record model, reading and writing YAML, cross-field checks, evidence.

- :mod:`kg.records.model`: the record format (version 1) as frozen, typed models;
- :mod:`kg.records.fields`: how record fields map to graph properties;
- :mod:`kg.records.yamlio`: safe YAML reading and the one record writer;
- :mod:`kg.records.reader`: a record file to a checked record;
- :mod:`kg.records.checks`: the checks that need the whole record or the ontology;
- :mod:`kg.records.evidence`: evidence checked against the report text;
- :mod:`kg.records.textfile`: the checks every text input gets.
"""

from kg.records.model import Record
from kg.records.reader import parse_record, read_record, record_files
from kg.records.yamlio import dump_record, load_yaml

__all__ = ["Record", "dump_record", "load_yaml", "parse_record", "read_record", "record_files"]
