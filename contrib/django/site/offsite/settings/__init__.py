"""Settings, split as the application's are: base (what every environment shares),
development (a laptop: DEBUG on, a fixed throwaway key) and production (overrides; every
secret from the environment, which systemd fills from an untracked EnvironmentFile)."""
