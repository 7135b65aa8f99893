"""The news index and news pages, which profiles link to as related news."""
