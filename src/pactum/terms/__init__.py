"""Term sheets: loading with line numbers, sourced values, the kind registry, and verify."""
