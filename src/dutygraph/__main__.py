"""`python -m dutygraph` runs the command line."""

from dutygraph.cli.main import main

main()
