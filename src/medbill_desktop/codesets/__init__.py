"""codesets package."""
