"""Demo content for the example site and the code that loads it."""
