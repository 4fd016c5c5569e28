"""`python -m pactum` runs the command line."""

from pactum.cli import app

app()
