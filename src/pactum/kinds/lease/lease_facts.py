"""The facts a lease reads: the building's expenses (opex.csv) and index series (index.csv)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pactum.facts.index_series import IndexSeries, load_index_series
from pactum.facts.opex import Opex, load_opex


@dataclass(frozen=True)
class LeaseFacts:
    opex: Opex = field(default_factory=Opex)
    indexes: IndexSeries = field(default_factory=IndexSeries)


def load_lease_facts(folder: Path) -> LeaseFacts:
    return LeaseFacts(load_opex(folder), load_index_series(folder))


def lease_facts(found: object) -> LeaseFacts:
    """The portfolio's lease facts (none loaded: empty)."""
    return found if isinstance(found, LeaseFacts) else LeaseFacts()
