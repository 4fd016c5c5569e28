"""Files written whole or not at all, and tables written as CSV or XLSX: below everything that
writes them (the collateral engine, the reports, the CLI)."""
