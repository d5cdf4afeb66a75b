"""Errors to Sentry (Debian's python3-sentry-sdk), with nothing secret in what is sent.

The SDK already leaves out cookies, the Authorization header and the user's address when
send_default_pii is off. Three more rules: no request body is ever sent (a sign-up form carries
a password), nor the values of a frame's local variables (a view's variable may hold the
password under any name), and before an event leaves, every value under a name that sounds secret and every
occurrence of a known secret (the site's key, the database password, the DSN's key) is replaced,
wherever it is: a message, an exception's text, a breadcrumb."""
import re
from urllib.parse import urlsplit

FILTERED = "[Filtered]"
SECRET_NAMES = re.compile(r"pass|secret|token|key|dsn|cookie|csrf|session|auth|signature",
                          re.IGNORECASE)


def init_sentry(dsn, secrets=(), environment="production"):
    """Starts reporting when `dsn` is set; does nothing otherwise."""
    if not dsn:
        return
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    known = [value for value in secrets if value]
    key = urlsplit(dsn).username
    if key:
        known.append(key)
    known.append(dsn)
    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        environment=environment,
        send_default_pii=False,
        request_bodies="never",
        with_locals=False,
        traces_sample_rate=0,
        before_send=lambda event, hint: scrub(event, known),
    )


def scrub(value, secrets, name=""):
    """`value` with secret-named entries and known secret values replaced."""
    if name and SECRET_NAMES.search(name):
        return FILTERED
    if isinstance(value, dict):
        return {key: scrub(item, secrets, str(key)) for key, item in value.items()}
    if isinstance(value, list):
        return [scrub(item, secrets) for item in value]
    if isinstance(value, str):
        for secret in secrets:
            value = value.replace(secret, FILTERED)
    return value
