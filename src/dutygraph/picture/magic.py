"""IPython magics: SPARQL in a notebook cell, answered as a pandas DataFrame.

    %load_ext dutygraph.picture.magic
    %sparql_graph ../output/graph.ttl           # the graph later cells ask by default
    df = %sparql_file ../queries/unit_load.rq
    df = %sparql_file ../queries/unit_portfolio.rq --param unit=区发改局

    %%sparql --endpoint http://localhost:8890/sparql --graph-iri https://example.org/g
    SELECT ...

Values come back readable: IRIs with a Chinese label become the label, numbers are numbers
(decimals as floats: see dutygraph.picture.notebook.result_frame).
"""

from __future__ import annotations

import shlex

from IPython.core.magic import Magics, cell_magic, line_magic, magics_class

from dutygraph.errors import DutygraphError


def _parse(line: str) -> tuple[list[str], dict]:
    """Split a magic's line into positional words and its options."""
    words, options, params = shlex.split(line), {}, {}
    positional = []
    iterator = iter(words)
    for word in iterator:
        if word in ("--graph", "--endpoint", "--graph-iri"):
            options[word[2:].replace("-", "_")] = next(iterator, None)
        elif word == "--param":
            name, _, value = (next(iterator, "") or "").partition("=")
            params[name] = value
        else:
            positional.append(word)
    options["params"] = params
    return positional, options


@magics_class
class SparqlMagics(Magics):
    """%sparql_graph, %sparql_file and %%sparql."""

    def __init__(self, shell):
        super().__init__(shell)
        self.graph_path: str | None = None
        self._store = None

    @line_magic
    def sparql_graph(self, line: str):
        """Load a graph (Turtle) that later %sparql and %sparql_file cells ask."""
        from dutygraph.ask.graphs import open_graph

        self.graph_path = line.strip()
        self._store = open_graph(self.graph_path)
        print(f"Graph {self.graph_path}: {len(self._store)} triples")

    @line_magic
    def sparql_file(self, line: str):
        """Run a SPARQL file: %sparql_file FILE [--graph G | --endpoint URL] [--param k=v]."""
        from dutygraph.ask.query import read_query

        positional, options = _parse(line)
        if len(positional) != 1:
            raise ValueError("usage: %sparql_file QUERY.rq [--param NAME=VALUE]")
        return self._run(read_query(positional[0]), positional[0], options)

    @cell_magic
    def sparql(self, line: str, cell: str):
        """Run the cell's SPARQL: %%sparql [--graph G | --endpoint URL] [--param k=v]."""
        _, options = _parse(line)
        return self._run(cell, "<cell>", options)

    def _run(self, text: str, origin: str, options: dict):
        from dutygraph.ask.graphs import open_graph
        from dutygraph.ask.query import label_iris, run_query
        from dutygraph.picture.notebook import result_frame

        try:
            if options.get("endpoint"):
                from dutygraph.ask.endpoint import remote_query

                result = remote_query(options["endpoint"], text, origin, options["params"],
                                      options.get("graph_iri"))
            else:
                store = open_graph(options["graph"]) if options.get("graph") else self._store
                if store is None:
                    raise ValueError("no graph: run %sparql_graph GRAPH.ttl first, or pass "
                                     "--graph or --endpoint")
                result = label_iris(store, run_query(store, text, origin, options["params"]))
        except DutygraphError as error:
            print(f"Error: {error}")
            return None
        return result_frame(result)


def load_ipython_extension(ipython) -> None:
    """Called by %load_ext dutygraph.picture.magic."""
    ipython.register_magics(SparqlMagics)
