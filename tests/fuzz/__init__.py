"""The fuzz of every endpoint the example site mounts (``python3 dev.py fuzz``)."""
