"""What the test suite shares: the environment it runs in, personas and factories.

- `plugin` (loaded with `-p runwell.testing.plugin` from pyproject's addopts) gives a
  test run its own data folder and signing key before Django reads the settings.
- `factories` builds objects through the same code paths the site uses.
- `personas` are the pytest fixtures every app's tests share: `runner` and
  `other_runner` (two accounts that must never see each other's data), `staff` (an
  editor with the admin) and `writer` (an author of articles without staff rights),
  and `article` (a published article by `staff`).
"""
