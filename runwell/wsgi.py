"""The WSGI entry point (`runwell serve` starts gunicorn on it)."""

import os

from django.core.wsgi import get_wsgi_application

from runwell.config import prepare_data_dir

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "runwell.settings")
prepare_data_dir()

application = get_wsgi_application()

from runwell.site.warmup import warm  # noqa: E402 - needs the settings get_wsgi_application set up

warm()
