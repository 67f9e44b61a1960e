"""`python -m dutygraph` runs the command line."""

from dutygraph.cli import main

main()
