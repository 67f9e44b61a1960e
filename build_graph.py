#!/usr/bin/env python3
"""The main job on the seed table: build the graph, write it and its report to output/.

Same as `dutygraph build data/ouhai-2024-key-tasks.txt -o output`; any arguments are passed on
to `dutygraph build` instead.
"""

import sys

from dutygraph.cli.main import cli

SEED = "data/ouhai-2024-key-tasks.txt"

if __name__ == "__main__":
    cli(["build", *(sys.argv[1:] or [SEED, "-o", "output"])], prog_name="build_graph.py")
