"""Stage 1, read: a published table in, records out (file → items → records → resolved roles).

A source file (text, Word, Excel) is read by its format's reader (`read.formats`) into one
stream of items, lines and rows of cells with their place in the file (`read.items`); the
reader (`read.reader`) finds the layout and lead convention (`read.detect`), the words of the
genre declared once as data (`read.layout`, `read.target_vocab`), and fills a
`TableDocument` of sections and task rows (`read.records`). Units are matched to the reviewed
unit table (`read.units`), roles resolved (`read.roles`), deadlines and targets read from the
text (`read.deadlines`, `read.targets`), and the document's metadata taken from its sidecar
or its title (`read.meta`). Nothing here knows RDF.
"""
