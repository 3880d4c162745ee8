"""IRIs the tests use, named once."""

from kg.namespaces import CCK, CCKD

BENDER = str(CCKD["bender-2024"])
MAHIPATHY = str(CCKD["mahipathy-2020"])
PREFIXES = f"PREFIX cck: <{CCK}>\nPREFIX cckd: <{CCKD}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


def term(local_name: str) -> str:
    return str(CCK[local_name])
