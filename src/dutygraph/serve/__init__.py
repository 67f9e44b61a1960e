"""Stage 7, serve: the workbench in the browser (issue 23). In: a graph file, corpus or store.
Out: a read-only SPARQL endpoint, a query page, a search, and a page for every document,
unit, leader, task and target, served (`dutygraph serve`) or written as a static site
(`dutygraph site`).

- protocol: the SPARQL 1.1 Protocol's requests and answers (which query, which format);
- worker: queries run in worker processes, with a time limit and a size limit;
- pages: what each entity's page shows, asked of the graph with rdf/internal-queries/serve-*.rq;
- render: those pages as HTML (Jinja2 templates in templates/), links by IRI;
- app: the Starlette application; site: the static site.
"""
