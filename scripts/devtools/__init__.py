"""Development tools (synthetic data); not part of the product package."""
