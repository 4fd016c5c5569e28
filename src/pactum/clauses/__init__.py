"""Clause types: the unit of extension. `pactum.clauses.api` is what a clause package imports."""
