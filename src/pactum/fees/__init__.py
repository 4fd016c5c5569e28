"""The `fees` clause type, shared by every agreement: fixed fees, fees per period or on events,
and fees at a rate of a base (an amount the agreement names, or the average unused or
outstanding balance of a period from the daily balances of `facts/balances.csv`), with day
counts, due dates, rolls and conditions. See `pactum.fees.schema` for the terms."""
