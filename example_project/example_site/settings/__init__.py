"""Settings of the example site: ``base`` holds everything, ``dev`` runs it locally."""
