from ninja import Router

router = Router(tags=["pain check"])
