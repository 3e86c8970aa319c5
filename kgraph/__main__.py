"""``python -m kgraph``: the command line."""

from kgraph.cli import app

raise SystemExit(app())
