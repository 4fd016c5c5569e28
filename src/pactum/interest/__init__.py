"""The `interest` clause type: interest on daily loan balances at an index plus a margin."""
