import json
from io import StringIO
from typing import Any

from django.core.management import call_command


def run_import(path, *args: str) -> Any:
    out = StringIO()
    call_command("import-wordpress", str(path), "--json", *args, stdout=out)
    return json.loads(out.getvalue())
