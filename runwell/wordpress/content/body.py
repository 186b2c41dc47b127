"""Turns a WordPress post body into the HTML a Runwell article keeps.

The result is still raw HTML; Article.save() sanitises it like every article body.

What it does, in order:
- code (`[sourcecode]`, `[code]`, `[php]`, …) and `<pre>` blocks are lifted out
  first and come back at the end byte for byte (code.py);
- `[caption]` becomes `<figure>` with a `<figcaption>`;
- embeds, audio, video and galleries become link cards and figure lists (embeds.py);
- every other shortcode is removed (its inner text stays) and counted;
- block-editor bodies (`<!-- wp:… -->`) lose the block comments and keep their HTML;
  classic bodies get WordPress' blank-line paragraphs (a small `wpautop`);
- every `<img>` is either pointed at a local copy (the caller's `resolve` says
  where) or replaced by a short note, so no image is ever loaded from another host.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from runwell.wordpress.content.code import Vault, protect_code
from runwell.wordpress.content.embeds import (
    Gallery,
    attrs,
    convert_embeds,
    convert_galleries,
    convert_media,
)

# Resolves an image address to a local one, or None when there is no local copy.
Resolver = Callable[[str], str | None]

_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:[^>]*?-->\s*", re.DOTALL)
_PRE = re.compile(r"<pre\b.*?</pre>", re.DOTALL | re.IGNORECASE)
_BLOCK_NAMES = (
    r"(?:address|article|aside|blockquote|caption|col|colgroup|dd|details|div|dl|dt|fieldset|"
    r"figcaption|figure|footer|form|h[1-6]|header|hgroup|hr|li|map|menu|nav|ol|p|pre|section|"
    r"summary|table|tbody|td|tfoot|th|thead|tr|ul|iframe|video|audio|object|math|legend)"
)
_BLOCK_OPEN = re.compile(rf"(<{_BLOCK_NAMES}\b[^>]*>)", re.IGNORECASE)
_BLOCK_CLOSE = re.compile(rf"(</{_BLOCK_NAMES}\s*>)", re.IGNORECASE)
_BLOCK_START = re.compile(rf"^(?:</?{_BLOCK_NAMES}\b|<!--|\x00(?:PRE|KEEP))", re.IGNORECASE)
_PLACEHOLDERS = re.compile(r"(\x00(?:PRE|KEEP)\d+\x00)")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

# WordPress core shortcodes and the commonest plugin ones; any other `[name]…[/name]`
# pair or `[name key="value"]` is recognised as a shortcode too.
KNOWN_SHORTCODES = frozenset(
    {
        "archives", "audio", "caption", "code", "contact-form", "contact-form-7", "embed",
        "gallery", "googlemaps", "gravityform", "instagram", "latex", "playlist", "polldaddy",
        "recipe", "slideshow", "soundcloud", "sourcecode", "tweet", "twitter", "video",
        "vimeo", "wp_caption", "youtube",
    }
)  # fmt: skip
_SHORTCODE = re.compile(
    r"\[(?P<escape>\[)?(?P<close>/)?(?P<name>[A-Za-z][\w-]*)(?P<attrs>(?:\s[^\[\]]*?)?)\s*/?\]"
    r"(?(escape)\])"
)
_CAPTION = re.compile(
    r"\[(?:wp_)?caption(?P<attrs>[^\]]*)\](?P<inner>.*?)\[/(?:wp_)?caption\]",
    re.DOTALL | re.IGNORECASE,
)
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_HREF = re.compile(r"""(<a\b[^>]*?\bhref\s*=\s*)(["'])([^"']*)\2""", re.IGNORECASE)
_H1 = re.compile(r"<(/?)h1\b", re.IGNORECASE)
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp")


@dataclass
class Conversion:
    html: str
    shortcodes_removed: Counter[str] = field(default_factory=Counter)
    # What became something else: code, embed, audio, video, gallery (and "…_without_address").
    converted: Counter[str] = field(default_factory=Counter)
    images_copied: int = 0
    images_dropped: int = 0


def is_block_markup(source: str) -> bool:
    return "<!-- wp:" in source


def autop(text: str) -> str:
    """Blank lines -> paragraphs, single newlines -> <br>, like WordPress' wpautop.

    Chunks that already start with a block-level tag are left alone, which also
    makes the function idempotent: its own output passes through unchanged.
    Placeholders for blocks lifted out by the caller (`\\x00KEEP<n>\\x00`) stand alone.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept: list[str] = []

    def protect(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"\x00PRE{len(kept) - 1}\x00"

    text = _PRE.sub(protect, text)
    # Like wpautop: a block starts and ends a paragraph wherever it sits.
    text = _BLOCK_OPEN.sub(r"\n\n\1", text)
    text = _BLOCK_CLOSE.sub(r"\1\n\n", text)
    text = _PLACEHOLDERS.sub(r"\n\n\1\n\n", text)
    chunks = [c.strip() for c in _PARAGRAPH_BREAK.split(text) if c.strip()]
    out = [
        chunk
        if _BLOCK_START.match(chunk)
        else "<p>" + re.sub(r"\s*\n\s*", "<br />\n", chunk) + "</p>"
        for chunk in chunks
    ]
    result = "\n\n".join(out)
    return re.sub(r"\x00PRE(\d+)\x00", lambda m: kept[int(m.group(1))], result)


def _caption_to_figure(match: re.Match[str]) -> str:
    found = attrs(match.group("attrs"))
    inner = match.group("inner").strip()
    caption = found.get("caption", "")
    if not caption:
        # Newer form: the caption is the text after the image (or its link).
        tail = re.search(r"(.*(?:<img\b[^>]*>(?:\s*</a>)?))(.*)", inner, re.DOTALL | re.I)
        if tail:
            inner, caption = tail.group(1).strip(), tail.group(2).strip()
    body = inner
    if caption:
        body += f"<figcaption>{caption}</figcaption>"
    return f"<figure>{body}</figure>"


def strip_shortcodes(text: str, removed: Counter[str]) -> str:
    closing = {m.group("name").lower() for m in _SHORTCODE.finditer(text) if m.group("close")}

    def replace(match: re.Match[str]) -> str:
        name = match.group("name").lower()
        if match.group("escape"):
            # `[[gallery]]` is WordPress' way of writing a literal `[gallery]`.
            # Written with entities so a second import does not take it for a shortcode.
            if not _looks_like_shortcode(match, name, closing):
                return match.group(0)
            return "&#91;" + match.group(0)[2:-2] + "&#93;"
        if not _looks_like_shortcode(match, name, closing):
            return match.group(0)
        if not match.group("close"):
            removed[name] += 1
        return ""

    return _SHORTCODE.sub(replace, text)


def _looks_like_shortcode(match: re.Match[str], name: str, closing: set[str]) -> bool:
    return name in KNOWN_SHORTCODES or name in closing or "=" in (match.group("attrs") or "")


def _img_note(alt: str) -> str:
    alt = alt.strip()
    return (
        f"<em>(image not imported: {html.escape(alt)})</em>"
        if alt
        else "<em>(image not imported)</em>"
    )


def rewrite_images(text: str, resolve: Resolver, result: Conversion) -> str:
    def image(match: re.Match[str]) -> str:
        tag = match.group(0)
        found = attrs(tag[4:])
        src = found.get("src", "")
        local = resolve(src) if src else None
        if local is None:
            result.images_dropped += 1
            return _img_note(found.get("alt", ""))
        result.images_copied += 1
        kept = [f'src="{html.escape(local)}"', f'alt="{html.escape(found.get("alt", ""))}"']
        kept += [
            f'{name}="{html.escape(found[name])}"'
            for name in ("title", "width", "height")
            if found.get(name)
        ]
        return "<img " + " ".join(kept) + ">"

    def link(match: re.Match[str]) -> str:
        href = html.unescape(match.group(3))
        local = resolve(href) if is_image_address(href) else None
        if local is None:
            return match.group(0)
        return f"{match.group(1)}{match.group(2)}{html.escape(local)}{match.group(2)}"

    return _HREF.sub(link, _IMG.sub(image, text))


def is_image_address(href: str) -> bool:
    """A link to an image file (only images are ever copied: see media.py)."""
    return href.lower().split("?")[0].endswith(IMAGE_SUFFIXES)


def convert(source: str, resolve: Resolver, gallery: Gallery | None = None) -> Conversion:
    """WordPress post body -> article HTML (not yet sanitised)."""
    result = Conversion(html="")
    vault = Vault()
    text, result.converted["code"] = protect_code(source.replace("\r\n", "\n"), vault)
    block_markup = is_block_markup(text)
    text = _CAPTION.sub(_caption_to_figure, text)
    text = convert_embeds(text, result.converted, vault.keep, classic=not block_markup)
    text = convert_media(text, result.converted, vault.keep)
    if gallery is not None:
        text, left_out = convert_galleries(
            text, gallery, lambda url: resolve(url) is not None, result.converted, vault.keep
        )
        result.images_dropped += left_out
    text = strip_shortcodes(text, result.shortcodes_removed)
    # Like WordPress itself: wpautop only for bodies written without blocks.
    text = _BLOCK_COMMENT.sub("", text).strip() if block_markup else autop(text)
    text = vault.restore(text)
    text = _H1.sub(r"<\1h2", text)  # the article's title is the page's only h1
    text = rewrite_images(text, resolve, result)
    result.converted = +result.converted  # no zero counts
    result.html = text
    return result


def convert_comment(source: str) -> str:
    """A comment as WordPress displays it: paragraphs from blank lines."""
    return autop(source)
