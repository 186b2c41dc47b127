"""Embeds, audio, video and galleries, as a page that asks no other host can show them.

WordPress turns a YouTube address on a line of its own, an `<iframe>`, `[embed]`,
`[youtube …]` or an embed block into a player fetched from the provider, and
`[audio]`/`[video]` into players of files on the old site. Runwell's pages load
nothing from another host, so each becomes a link card: its title (or its
address), the provider, and a link to watch or hear it there. A `[gallery]`
becomes a list of figures of the images the uploads folder has.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>\]]+))""")
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Provider:
    name: str
    verb: str  # "Watch", "Listen", "View", "Open"


_KNOWN: tuple[tuple[tuple[str, ...], Provider], ...] = (
    (("youtube.com", "youtu.be", "youtube-nocookie.com"), Provider("YouTube", "Watch")),
    (("vimeo.com",), Provider("Vimeo", "Watch")),
    (("dailymotion.com", "dai.ly"), Provider("Dailymotion", "Watch")),
    (("ted.com",), Provider("TED", "Watch")),
    (("videopress.com", "video.wordpress.com"), Provider("VideoPress", "Watch")),
    (("wordpress.tv",), Provider("WordPress.tv", "Watch")),
    (("tiktok.com",), Provider("TikTok", "Watch")),
    (("twitch.tv",), Provider("Twitch", "Watch")),
    (("soundcloud.com",), Provider("SoundCloud", "Listen")),
    (("spotify.com",), Provider("Spotify", "Listen")),
    (("mixcloud.com",), Provider("Mixcloud", "Listen")),
    (("twitter.com", "x.com"), Provider("X", "View")),
    (("instagram.com",), Provider("Instagram", "View")),
    (("facebook.com",), Provider("Facebook", "View")),
    (("flickr.com", "flic.kr"), Provider("Flickr", "View")),
    (("imgur.com",), Provider("Imgur", "View")),
    (("slideshare.net",), Provider("SlideShare", "View")),
    (("reddit.com",), Provider("Reddit", "View")),
    (("tumblr.com",), Provider("Tumblr", "View")),
    (("maps.google.com",), Provider("Google Maps", "View")),
)


def attrs(text: str) -> dict[str, str]:
    return {
        m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
        for m in _ATTR.finditer(text)
    }


def web_address(url: str) -> str | None:
    """An http(s) address as a reader's browser should open it, or None."""
    url = html.unescape(url).strip()
    if url.startswith("//"):
        url = "https:" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.removeprefix("www.")
    # A player's address is not a page a reader can use: point at the video itself.
    if host in ("youtube.com", "youtube-nocookie.com") and parts.path.startswith("/embed/"):
        video = parts.path.removeprefix("/embed/").split("/")[0]
        return f"https://www.youtube.com/watch?v={video}" if video else None
    if host == "player.vimeo.com" and parts.path.startswith("/video/"):
        return f"https://vimeo.com/{parts.path.removeprefix('/video/').split('/')[0]}"
    return url


def provider_for(url: str) -> Provider:
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    if host.endswith("google.com") and parts.path.startswith("/maps"):
        host = "maps.google.com"
    for domains, provider in _KNOWN:
        if any(host == d or host.endswith("." + d) for d in domains):
            return provider
    return Provider(host, "Open")


def card(url: str, title: str = "", provider: Provider | None = None, kind: str = "") -> str:
    """A link card: what it is (title, or the address), who hosts it, and the way there."""
    provider = provider or provider_for(url)
    label = html.escape(title.strip() or url)
    link = f"{provider.verb} on {provider.name}"
    return (
        f"<figure><p><strong>{label}</strong></p>"
        f"<figcaption>{html.escape(kind or provider.name)}: "
        f'<a href="{html.escape(url)}">{html.escape(link)}</a></figcaption></figure>'
    )


NOT_IMPORTED = "<p><em>(embedded content not imported: it had no usable address)</em></p>"


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


# -- embeds -------------------------------------------------------------------------

_EMBED_BLOCK = re.compile(
    r"<!--\s*wp:(?:core-)?embed(?:/[\w-]+)?(?P<json>\s+\{.*?\})?\s*/?-->"
    r"(?P<inner>.*?)<!--\s*/wp:(?:core-)?embed(?:/[\w-]+)?\s*-->",
    re.DOTALL,
)
_FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.DOTALL | re.IGNORECASE)
_URL_IN_TEXT = re.compile(r"(?:https?:)?//[^\s<>\"'\]]+")
_IFRAME = re.compile(
    r"<iframe\b(?P<attrs>[^>]*)>(?:[^<]*</iframe\s*>)?|</iframe\s*>", re.IGNORECASE
)
_EMBED_SHORTCODE = re.compile(
    r"(?<!\[)\[embed\b[^\]]*\](?P<url>.*?)\[/embed\](?!\])", re.DOTALL | re.IGNORECASE
)
# Provider shortcodes: `[youtube URL]`, `[youtube=URL&w=640]`, `[vimeo 123]`, `[soundcloud url=…]`.
_PROVIDER_SHORTCODE = re.compile(
    r"(?<!\[)\[(?P<name>youtube|vimeo|dailymotion|soundcloud|spotify|tweet|twitter|instagram"
    r"|ted|flickr|slideshare|googlemaps|wpvideo|videopress)(?P<attrs>(?:[=\s][^\]]*)?)\]"
    r"(?:(?P<inner>[^\[]*)\[/(?P=name)\])?(?!\])",
    re.IGNORECASE,
)
_ID_ADDRESSES = {
    "youtube": "https://www.youtube.com/watch?v={}",
    "vimeo": "https://vimeo.com/{}",
    "dailymotion": "https://www.dailymotion.com/video/{}",
    "wpvideo": "https://videopress.com/v/{}",
    "videopress": "https://videopress.com/v/{}",
}
# A classic post's address on a line of its own, which WordPress turns into a player.
_BARE_URL_LINE = re.compile(r"^[ \t]*(https?://[^\s<>\"\[\]]+)[ \t]*$", re.MULTILINE)


def _embed_card(url: str | None, title: str, counts: Counter[str]) -> str:
    address = web_address(url) if url else None
    if address is None:
        counts["embed_without_address"] += 1
        return NOT_IMPORTED
    counts["embed"] += 1
    return card(address, title)


def _block(match: re.Match[str], counts: Counter[str]) -> str:
    settings: dict[str, object] = {}
    try:
        loaded = json.loads(match.group("json") or "{}")
        settings = loaded if isinstance(loaded, dict) else {}
    except ValueError:
        pass
    inner = match.group("inner")
    url = settings.get("url")
    if not isinstance(url, str):
        found = _URL_IN_TEXT.search(_TAG.sub(" ", inner))
        url = found.group(0) if found else None
    caption = _FIGCAPTION.search(inner)
    return _embed_card(url, _text(caption.group(1)) if caption else "", counts)


def _iframe(match: re.Match[str], counts: Counter[str]) -> str:
    found = attrs(match.group("attrs"))
    return _embed_card(found.get("src"), found.get("title", ""), counts)


def _provider_shortcode(match: re.Match[str], counts: Counter[str]) -> str:
    name = match.group("name").lower()
    raw = match.group("attrs") or ""
    found = attrs(raw)
    url: str | None = None
    if raw.startswith("="):
        # WordPress.com's `[youtube=https://…&w=640&h=385]`: the size is not part of it.
        url = _without_size(raw[1:].strip().strip("\"'"))
    else:
        url = found.get("url") or found.get("src")
        positional = _URL_IN_TEXT.search(raw) or _URL_IN_TEXT.search(match.group("inner") or "")
        if url is None and positional:
            url = positional.group(0)
        words = raw.split()
        bare_id = found.get("id") or (words[0] if words else "")
        if url is None and name in _ID_ADDRESSES and re.fullmatch(r"[\w-]+", bare_id):
            url = _ID_ADDRESSES[name].format(bare_id)
    return _embed_card(url, "", counts)


def _without_size(url: str) -> str:
    parts = urlsplit(html.unescape(url).replace("&amp;", "&"))
    if "&" in parts.path or not parts.query:
        # `https://youtu.be/x&w=640`: the size glued to the path.
        path = parts.path.split("&")[0]
        return parts._replace(path=path).geturl()
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in ("w", "h", "fmt")]
    return parts._replace(query=urlencode(query)).geturl()


# Sets a finished block aside (so paragraphs are not made inside it) and returns its stand-in.
Keep = Callable[[str], str]


def convert_embeds(text: str, counts: Counter[str], keep: Keep, *, classic: bool) -> str:
    """Every embed in a body as a link card (`counts` says how many, by kind)."""
    text = _EMBED_BLOCK.sub(lambda m: keep(_block(m, counts)), text)
    # A stray closing tag (no attributes group) just goes.
    text = _IFRAME.sub(
        lambda m: keep(_iframe(m, counts)) if m.group("attrs") is not None else "", text
    )
    text = _EMBED_SHORTCODE.sub(
        lambda m: keep(_embed_card(_text(m.group("url")), "", counts)), text
    )
    text = _PROVIDER_SHORTCODE.sub(lambda m: keep(_provider_shortcode(m, counts)), text)
    if classic:
        text = _BARE_URL_LINE.sub(lambda m: keep(_embed_card(m.group(1), "", counts)), text)
    return text


# -- audio and video ---------------------------------------------------------------

_MEDIA_SHORTCODE = re.compile(
    r"(?<!\[)\[(?P<name>audio|video)\b(?P<attrs>[^\]]*)\]"
    r"(?:(?P<inner>(?:(?!\[(?:audio|video)\b).)*?)\[/(?P=name)\])?(?!\])",
    re.DOTALL | re.IGNORECASE,
)
_MEDIA_TAG = re.compile(
    r"<(?P<name>audio|video)\b(?P<attrs>[^>]*)>(?P<inner>.*?)</(?P=name)\s*>",
    re.DOTALL | re.IGNORECASE,
)
_SOURCE = re.compile(r"<source\b([^>]*)>", re.IGNORECASE)
_FILE_KEYS = ("src", "mp3", "m4a", "ogg", "oga", "wav", "wma", "flac",
              "mp4", "m4v", "webm", "ogv", "wmv", "flv", "mov")  # fmt: skip


def media_card(url: str | None, kind: str, counts: Counter[str]) -> str:
    address = web_address(url) if url else None
    if address is None:
        counts[f"{kind}_without_address"] += 1
        return f"<p><em>({kind} not imported: it had no usable address)</em></p>"
    counts[kind] += 1
    name = unquote(PurePosixPath(urlsplit(address).path).name) or address
    host = urlsplit(address).hostname or ""
    verb = "Listen" if kind == "audio" else "Watch"
    label = "Audio file" if kind == "audio" else "Video file"
    return card(address, name, Provider(host, verb), kind=label)


def _media_url(found: dict[str, str], extra: str) -> str | None:
    for key in _FILE_KEYS:
        if found.get(key):
            return found[key]
    positional = _URL_IN_TEXT.search(extra)
    return positional.group(0) if positional else None


def convert_media(text: str, counts: Counter[str], keep: Keep) -> str:
    def shortcode(match: re.Match[str]) -> str:
        raw = match.group("attrs")
        name = match.group("name").lower()
        return keep(media_card(_media_url(attrs(raw), raw), name, counts))

    def tag(match: re.Match[str]) -> str:
        found = attrs(match.group("attrs"))
        url = found.get("src")
        if not url:
            source = _SOURCE.search(match.group("inner"))
            url = attrs(source.group(1)).get("src") if source else None
        return keep(media_card(url, match.group("name").lower(), counts))

    return _MEDIA_TAG.sub(tag, _MEDIA_SHORTCODE.sub(shortcode, text))


# -- galleries --------------------------------------------------------------------


@dataclass(frozen=True)
class GalleryImage:
    url: str
    alt: str = ""
    caption: str = ""


# Lists the images a `[gallery]` shows, from its attributes (ids, include, exclude).
Gallery = Callable[[dict[str, str]], list[GalleryImage]]
_GALLERY = re.compile(r"(?<!\[)\[gallery\b(?P<attrs>[^\]]*)\](?!\])", re.IGNORECASE)


def convert_galleries(
    text: str,
    gallery: Gallery,
    available: Callable[[str], bool],
    counts: Counter[str],
    keep: Keep,
) -> tuple[str, int]:
    """Each `[gallery]` as a list of figures of the images that are `available`.

    Returns the text and how many of the galleries' images were left out.
    """
    left_out = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal left_out
        images = gallery(attrs(match.group("attrs")))
        kept = [image for image in images if available(image.url)]
        left_out += len(images) - len(kept)
        counts["gallery"] += 1
        if not kept:
            why = "none of its images is in the uploads folder" if images else "it lists no images"
            return keep(f"<p><em>(gallery not imported: {why})</em></p>")
        figures = "".join(
            f'<li><figure><img src="{html.escape(i.url)}" alt="{html.escape(i.alt)}">'
            + (f"<figcaption>{html.escape(_text(i.caption))}</figcaption>" if i.caption else "")
            + "</figure></li>"
            for i in kept
        )
        return keep(f"<ul>{figures}</ul>")

    return _GALLERY.sub(replace, text), left_out
