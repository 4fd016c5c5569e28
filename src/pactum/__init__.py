"""Pactum: corporate agreements as source-cited, executable term sheets."""

__version__ = "0.1.0"
