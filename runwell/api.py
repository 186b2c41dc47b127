"""The JSON API: one NinjaAPI, a router per app, OpenAPI docs at /api/docs."""

from ninja import NinjaAPI

from runwell.comments.api import router as comments_router
from runwell.comments.page_api import router as page_comments_router
from runwell.paincheck.api import router as paincheck_router
from runwell.training.api import router as training_router

api = NinjaAPI(
    title="Runwell API",
    version="1",
    description=(
        "Comments and the pain check (public; emails are accepted, never returned), and "
        "a runner's own training log (private: `Authorization: Bearer <token>` from the "
        "account page or `runwell token`, or the logged-in session; 401 without)."
    ),
    urls_namespace="api",
    docs_url="/docs",
)
api.add_router("/v1/", comments_router)
api.add_router("/v1/", page_comments_router)
api.add_router("/v1/", paincheck_router)
api.add_router("/v1/", training_router)
