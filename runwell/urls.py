from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from runwell.api import api
from runwell.articles.sitemaps import SITEMAPS
from runwell.articles.views import page_detail
from runwell.site import views as site_views
from runwell.site.media import serve_media

handler404 = "runwell.site.views.page_not_found"
handler500 = "runwell.site.views.server_error"

urlpatterns = [
    path("", include("runwell.articles.urls")),
    path("comments/", include("runwell.comments.urls")),
    path("pain-check/", include("runwell.paincheck.urls")),
    path("accounts/", include("runwell.accounts.urls")),
    path("training/", include("runwell.training.urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("healthz", site_views.healthz, name="healthz"),
    path("robots.txt", site_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    # Uploaded media is small (resized images) and served by the app itself so a
    # one-machine install needs no web server in front; with headers that keep any
    # file there from running in the site's origin (runwell/site/media.py, docs/deploy.md).
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media, name="media"),
    # Pages answer at the top level, so this must stay last.
    path("<str:slug>/", page_detail, name="page"),
]
