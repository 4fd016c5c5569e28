"""The collateral engine: eligible receivables and inventory from invoice- and SKU-level detail.

The rules are written once as Ibis expressions and run on DuckDB in-process (default) or on
Apache Spark for lender-scale data; both give the same cents. Money is integer cents inside the
engines and Decimal at the boundary. Nothing here loops over rows in Python.

Receivables: the waterfall
--------------------------
Per borrower (the optional `borrower_id` column; one borrower when it is absent), per debtor.
Gross receivables are the open debit balances (positive `open_balance`); credits in the aging
(negative balances: credit memos, unapplied cash) are not receivables but reduce what the
debtor owes. Each gross dollar is counted under the first reason that applies, in this order:

1. `credit_balances`: the lesser of the debtor's credits and its gross balance. Credits are
   taken from the debtor's clean dollars first, then its flagged ones, then its aged ones (the
   conservative reading: a credit never shrinks an ineligible bucket while eligible dollars
   remain). Credits beyond the debtor's gross balance are reported, not applied elsewhere.
2. `aged`: invoices more than N days past the invoice date, or more than M days past due, at
   the as-of date (either rule may be switched off).
3. `cross_aged`: the debtor's whole remaining balance when its aged gross is more than X% of its
   gross balance (exactly X% is not cross-aged; with `cross_age_comparison: at_least`, it is).
4. `foreign`, 5. `affiliate`, 6. `government`: the debtor's whole remaining balance when the
   debtor is one (any of its invoices so marked; `foreign` also when `country` is given and is
   not one of the sheet's home countries).
7. per-invoice flags, each its own bucket in the sheet's order (`disputed`, `bill_and_hold`,
   `consignment`, `progress_billing`): the flagged invoice's remaining dollars.
8. `contra`: the lesser of the debtor's remaining balance and what the borrower owes it (the
   payables file), taken clean dollars first.
9. `concentration`, always last: the debtor's remaining balance above Y% of the borrower's
   total remaining (eligible before concentration; with `concentration_base: total_accounts`
   its gross), Y% of it rounded down to the cent; a debtor named in `debtor_limits` is held to
   its own percentage of that base and/or its own amount instead.

`exemptions` spare an account class (the optional `account_class` column) from a per-invoice
exclusion (`aged` or a flag). A debtor capped relative to the borrowing base is capped by the
revolver's arithmetic after the engine, which gives that debtor's eligible accounts.

What remains is eligible. For each borrower the buckets add up to gross minus eligible to the
cent, and every row read is classified; both are checked on every run.

Inventory
---------
Gross is the sum of `cost`. A row whose `status` is one of the sheet's ineligible statuses
(work in process, consigned, in transit, slow-moving, ...) counts in that status's bucket;
the rest is eligible, by `class` (`general`, or one of the revolver's inventory classes with
its own advance rate). The advance rates, caps and the borrowing base are the revolver's.
"""
