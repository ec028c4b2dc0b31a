import gc
import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# What a worker loads once and keeps (Django, every app, the URL conf and the views it imports)
# is about 210,000 objects that Python's full garbage collections walked each time: a pause of
# about 125 ms every thousand or so API calls, which the calls queued behind it wait out.
# Loaded now and frozen, a full collection walks only what requests made (docs/benchmarks.md,
# #21). The objects stay alive either way; only the collector stops looking at them.
import_module(settings.ROOT_URLCONF)
gc.freeze()
