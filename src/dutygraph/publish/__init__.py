"""Stage 3, publish: a graph in, files for people and platforms out (graph → files).

Every RDF format and the Excel workbook (`publish.export`), the DCAT/VoID description
(`publish.describe`), the build report (`publish.report`), the graph written back as the
published table (`publish.table`), the ontology's documentation (`publish.ontodocs`), and the
one way every command writes its files, all at once or not at all (`publish.files`).
"""
