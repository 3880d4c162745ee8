"""Section writers: one module per part of a synthetic report, each a function of the plan and the builder.

They run in the order :func:`kg.synth.case.generate_case` calls them (the
case's random stream runs through them in that order); what a later section
needs from an earlier one is returned as a small frozen result and passed on.
"""

__all__: list[str] = []
