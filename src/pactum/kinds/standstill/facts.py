"""The standstill's own facts, loaded once per portfolio (ClauseType.load_facts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pactum.facts.ownership import Ownership, load_ownership
from pactum.facts.trading_volume import TradingVolume, load_trading_volume
from pactum.kinds.standstill.holdings import (
    Convertibles,
    Reports,
    load_convertibles,
    load_derivatives,
    load_rights,
)
from pactum.kinds.standstill.ownership import Holdings, Position, measured_positions, positions
from pactum.kinds.standstill.schema import StandstillTerms

if TYPE_CHECKING:
    from pactum.portfolio import Portfolio

KIND = "standstill"


@dataclass(frozen=True)
class StandstillFacts:
    ownership: Ownership = field(default_factory=Ownership)
    volume: TradingVolume = field(default_factory=TradingVolume)
    rights: Reports = field(default_factory=Reports)
    derivatives: Reports = field(default_factory=Reports)
    convertibles: Convertibles = field(default_factory=Convertibles)

    def positions(self, sheet: StandstillTerms, until: date) -> tuple[list[Position], list[date]]:
        """The group's positions up to `until` as the sheet measures ownership, and the dates a
        fully diluted denominator had no convertibles figure."""
        holders = sheet.holder.holders
        if sheet.ownership is None:
            return positions(self.ownership, holders, until), []
        holdings = Holdings(self.ownership, self.rights, self.derivatives, self.convertibles)
        return measured_positions(holdings, sheet.ownership, holders, until)


def load_facts(folder: Path) -> StandstillFacts:
    return StandstillFacts(
        load_ownership(folder / "ownership.csv"),
        load_trading_volume(folder / "trading_volume.csv"),
        load_rights(folder / "rights.csv"),
        load_derivatives(folder / "derivatives.csv"),
        load_convertibles(folder / "convertibles.csv"),
    )


def standstill_facts(portfolio: Portfolio) -> StandstillFacts:
    found = portfolio.facts.of_type(KIND)
    return found if isinstance(found, StandstillFacts) else StandstillFacts()
