"""Stage 3, check: a graph in, a validation report out (graph → SHACL shapes → messages).

A document's graph is checked against ontology/shapes.ttl (violations) and
shapes-warnings.ttl (warnings), each result said in plain words with its task and line
(`check.shacl`); a corpus is checked document by document on every core (`check.corpus`).
"""
