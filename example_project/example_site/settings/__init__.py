"""Settings of the example site: ``base`` holds everything, ``dev`` runs it locally,
``production`` deploys it, configured by the environment (docs/how-to/deploy.md)."""
