"""The `term_loan` clause type: a loan advanced once and repaid in installments of principal
on a schedule, with what remains due at maturity (the balloon)."""
