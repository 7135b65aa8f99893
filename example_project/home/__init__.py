"""The home page of the example site, its site-wide template tags and the demo content."""
