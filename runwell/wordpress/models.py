"""What the WordPress import remembers: which objects it made, and old addresses."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedItem(models.Model):
    """One WordPress post, page, comment or author and the Runwell object made from it.

    A second import finds its earlier work here and leaves it alone; an object
    with no row here was not made by the import and is never overwritten.
    """

    class Kind(models.TextChoices):
        POST = "post", _("post")
        PAGE = "page", _("page")
        COMMENT = "comment", _("comment")
        AUTHOR = "author", _("author")

    # A digest of the item's identity (see ledger.py): its guid, or the site and id.
    key = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    site = models.CharField(_("WordPress site"), max_length=300, blank=True)
    wp_id = models.BigIntegerField(_("WordPress id"))
    # The item's guid (a comment: its post's); an author: the login.
    guid = models.CharField(max_length=500, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("imported WordPress item")
        verbose_name_plural = _("imported WordPress items")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"WordPress {self.kind} {self.wp_id}"


class Redirect(models.Model):
    """An old WordPress address that answers 301 to its new Runwell one."""

    old_path = models.CharField(_("old path"), max_length=500, unique=True)
    new_path = models.CharField(_("new path"), max_length=500)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_path"]
        verbose_name = _("redirect")
        verbose_name_plural = _("redirects")

    def __str__(self) -> str:
        return f"{self.old_path} → {self.new_path}"
