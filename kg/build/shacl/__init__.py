"""SHACL validation of case graphs: the shapes compiled to SPARQL and run on pyoxigraph, with located issues.

The layout follows the SHACL specification (https://www.w3.org/TR/shacl/), as pySHACL's does:

- :mod:`.shapes`: read the shapes and check them against SHACL-for-SHACL;
- :mod:`.compiler`: the driver: compile the shapes into SPARQL checks (:class:`~.compiler.CompiledShapes`)
  and run them on a store;
- :mod:`.context`: the shapes graph as the constraint components read it;
- :mod:`.targets`: focus nodes (targets, value nodes) as SPARQL subqueries;
- :mod:`.paths`: SHACL property paths as SPARQL paths;
- :mod:`.constraints`: one module per family of constraint components, and SPARQL-based constraints;
- :mod:`.checks`: the compiled form, one :class:`~.checks.Check` per constraint;
- :mod:`.results`: query rows to issues, with pySHACL's messages;
- :mod:`.issues`: a result located in its record, item and field;
- :mod:`.report`: the validation report as Turtle and as text.
"""
