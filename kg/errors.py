"""One error hierarchy for the whole package, with the CLI exit code of each kind.

Exit codes: 0 success; 1 validation failed (SHACL violations, a case that
contradicts the ontology); 2 bad input, usage or environment (a malformed
record, an unknown query, a folder that cannot be written, Java missing);
3 an internal error (a bug: the message says to rerun with ``-v`` for the
traceback); 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

__all__ = [
    "KGError",
    "InputError",
    "RecordError",
    "EvidenceError",
    "OntologyError",
    "QueryError",
    "ExportError",
    "ValidationFailed",
    "InconsistentCase",
    "EXIT_OK",
    "EXIT_VALIDATION",
    "EXIT_INPUT",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "OutputFolderError",
    "QueryTimeout",
]

EXIT_OK = 0
EXIT_VALIDATION = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


class KGError(Exception):
    """Base class of every error the package raises on purpose."""

    exit_code = EXIT_INPUT


class InputError(KGError):
    """Bad input: a file that cannot be read, parsed or trusted (exit 2)."""


class RecordError(InputError):
    """A case record that breaks the record format, naming file, record and field."""

    def __init__(self, file: str, record: str | None, field: str | None, message: str) -> None:
        self.file = file
        self.record = record
        self.field = field
        self.message = message
        where = [file]
        if record:
            where.append(f"record {record}")
        if field:
            where.append(field)
        super().__init__(": ".join([*where, message]))

    def __reduce__(self) -> tuple[type, tuple[str, str | None, str | None, str]]:
        """Rebuild from the four fields, so the error crosses from a build process to the main one."""
        return type(self), (self.file, self.record, self.field, self.message)


class EvidenceError(RecordError):
    """Evidence that does not fit the report text it points into."""


class QueryError(InputError):
    """A query that cannot run: unknown name, bad parameter, unknown term, SPARQL syntax (exit 2)."""


class QueryTimeout(QueryError):
    """A query that did not finish within its time limit (exit 2)."""


class OutputFolderError(InputError):
    """An output folder that must not be replaced or cannot be written: not an earlier build, locked by another build (exit 2)."""


class OntologyError(KGError):
    """The ontology or the shapes cannot be loaded, or are inconsistent (exit 2)."""


class ExportError(KGError):
    """An export that cannot be written: unknown format, bad destination, a value the format cannot hold (exit 2)."""


class ValidationFailed(KGError):
    """The graph violates SHACL shapes (exit 1); ``report`` holds the readable report."""

    exit_code = EXIT_VALIDATION

    def __init__(self, report: str, violations: int) -> None:
        self.report = report
        self.violations = violations
        super().__init__(f"validation failed with {violations} violation(s)")

    def __reduce__(self) -> tuple[type, tuple[str, int]]:
        return type(self), (self.report, self.violations)


class InconsistentCase(KGError):
    """Case data that contradicts the ontology; the message names individuals and axioms (exit 1)."""

    exit_code = EXIT_VALIDATION
