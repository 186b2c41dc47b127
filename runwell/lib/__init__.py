"""Small helpers that several apps use and none owns (client addresses, plain text,
personal-data registration, request types). Modules here may import Django; none
imports a Runwell app, so every app can depend on them."""
