"""A developer's machine: DEBUG on, a key that is public and so worthless, loopback only."""
from .base import *  # noqa: F401,F403 (settings modules extend one another)

DEBUG = True
SECRET_KEY = "development-only-this-key-is-public"
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
