"""The site's URLs and /fail/, a view that raises with secrets within reach: a password in
the form, the database password in the exception's text, the site's key in a local variable."""
import os

from django.conf import settings
from django.urls import path

from offsite.urls import urlpatterns as site_urlpatterns


def fail(request):
    secret_key = settings.SECRET_KEY  # noqa: F841 (a local variable the SDK would send)
    typed = request.POST.get("password", "")
    raise RuntimeError(f"could not connect with password {os.environ.get('PGPASSWORD')} "
                       f"for {len(typed)} characters")


urlpatterns = site_urlpatterns + [path("fail/", fail)]
