"""Stage 3, ask: graphs and stores in, answers out (files → Oxigraph store → SPARQL → tables).

Every command opens a graph, a corpus or a store the same way (`ask.store`), runs catalogue
queries with bound parameters (`ask.query`), reads answers as Python values (`ask.values`),
and asks or loads a shared SPARQL server (`ask.endpoint`, `ask.bulkload`). `check` and
`publish` come after it: both read graphs opened here.
"""
