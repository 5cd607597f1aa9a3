"""WSGI entry point for production servers (gunicorn homeward.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.settings")
application = get_wsgi_application()

# Each worker imports this module after gunicorn forks it (with --preload, the master does, before forking). What
# is loaded by now (Django, every view through the URL patterns, the country and language tables) lives as long as
# the process: set apart from the cycle collector, which otherwise walks it all again at each full collection (a
# pause of about 0.1 s on a busy worker, every hundred requests or so).
get_resolver().url_patterns  # noqa: B018 (imports the views and all they use)
gc.collect()  # the garbage of start-up goes, rather than being kept for good
gc.freeze()
