"""Stage 5, cli: the `dutygraph` command, a thin client of the package (arguments → one call).

`cli.main` holds the command group and the one-document commands; each other module adds
its commands to it; `cli.common` holds what they share (errors to exit codes, writing
output). Nothing outside this package imports it.
"""
