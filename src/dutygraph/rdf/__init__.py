"""Stage 2, rdf: records in, RDF out (records → triples → N-Triples text).

The vocabularies as namespaces whose misspelt terms fail (`rdf.namespaces`, the only module
that spells a project IRI), readable and stable IRIs (`rdf.iris`), a document's graph with its
tasks, roles, places and targets (`rdf.graph`, `rdf.layouts`, `rdf.targets`), and fast
N-Triples writing and reading (`rdf.ntriples`).
"""
