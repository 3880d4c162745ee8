"""Reference implementations the build does not use: the straightforward way to do what the build does fast.

Tests check the build against them, and the benchmarks time them side by
side: pySHACL on one case graph (:mod:`.pyshacl`), HermiT over ontology and
data together (:mod:`.hermit`), one case as an rdflib graph and records read
one after another (:mod:`.records`), and validating one case at a time in a
reused store (:mod:`.casevalidator`).
"""
