"""The standstill's own facts, loaded once per portfolio (ClauseType.load_facts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pactum.facts.ownership import Ownership, load_ownership
from pactum.facts.trading_volume import TradingVolume, load_trading_volume

if TYPE_CHECKING:
    from pactum.portfolio import Portfolio

KIND = "standstill"


@dataclass(frozen=True)
class StandstillFacts:
    ownership: Ownership = field(default_factory=Ownership)
    volume: TradingVolume = field(default_factory=TradingVolume)


def load_facts(folder: Path) -> StandstillFacts:
    return StandstillFacts(
        load_ownership(folder / "ownership.csv"),
        load_trading_volume(folder / "trading_volume.csv"),
    )


def standstill_facts(portfolio: Portfolio) -> StandstillFacts:
    found = portfolio.facts.of_type(KIND)
    return found if isinstance(found, StandstillFacts) else StandstillFacts()
