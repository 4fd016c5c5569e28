"""Pactum's own clause types, each registered under the entry-point group `pactum.clauses`
(pyproject.toml), as any other package registers its own."""
