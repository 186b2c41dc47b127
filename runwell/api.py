"""The JSON API: one NinjaAPI, a router per app, OpenAPI docs at /api/docs."""

from ninja import NinjaAPI

from runwell.comments.api import router as comments_router
from runwell.paincheck.api import router as paincheck_router

api = NinjaAPI(
    title="Runwell API",
    version="1",
    description="Comments and the pain check. Emails are accepted, never returned.",
    urls_namespace="api",
    docs_url="/docs",
)
api.add_router("/v1/", comments_router)
api.add_router("/v1/", paincheck_router)
