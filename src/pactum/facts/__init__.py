"""The company's own data: dated facts loaded from CSV and YAML, validated row by row."""
