"""The site search: every live, public page in the visitor's language."""
