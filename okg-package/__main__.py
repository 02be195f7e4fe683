"""`python -m okg`: the same as the `okg` command."""

from okg.graph.cli import main

main(prog_name="okg")
