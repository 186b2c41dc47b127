"""The training API under /api/v1/training/ (PRODUCT.md's contract, exactly).

Private: a personal token (`Authorization: Bearer …`) or the logged-in session, 401
without either; everything is fetched through runwell.training.access, so another
runner's ids answer 404.
"""

from ninja import Router

from runwell.training.api.activities import router as activities_router
from runwell.training.api.diary import router as diary_router

router = Router()
router.add_router("", activities_router)
router.add_router("", diary_router)
