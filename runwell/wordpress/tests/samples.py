"""Small hand-made WXR files, one rule at a time."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


def _shared() -> Path:
    """../shared/data/wordpress beside the checkout (or beside the folder of worktrees)."""
    for folder in Path(__file__).resolve().parents[3:6]:
        candidate = folder.parent / "shared" / "data" / "wordpress"
        if candidate.is_dir():
            return candidate
    return Path(__file__).resolve().parents[3].parent / "shared" / "data" / "wordpress"


SHARED = _shared()
THEME_DATA = SHARED / "themeunittestdata.wordpress.xml"
BLOCK_DATA = SHARED / "64-block-test-data.xml"


@dataclass
class C:
    id: int
    content: str = "A comment."
    parent: int = 0
    approved: str = "1"
    type: str = ""
    author: str = "Reader"
    email: str = "reader@example.org"
    url: str = ""
    ip: str = "203.0.113.57"
    date_gmt: str = "2020-01-02 10:00:00"
    user_id: int = 0


@dataclass
class P:
    id: int
    title: str = "A post"
    slug: str | None = None
    content: str = "Hello.\n\nSecond paragraph."
    excerpt: str = ""
    type: str = "post"
    status: str = "publish"
    date_gmt: str = "2020-01-01 09:30:00"
    password: str = ""
    comment_status: str = "open"
    creator: str = "alice"
    link: str | None = None
    guid: str | None = None
    terms: list[tuple[str, str, str]] = field(default_factory=list)
    comments: list[C] = field(default_factory=list)
    meta: list[tuple[str, str]] = field(default_factory=list)
    attachment_url: str = ""


def _comment(c: C) -> str:
    return f"""
  <wp:comment>
    <wp:comment_id>{c.id}</wp:comment_id>
    <wp:comment_author><![CDATA[{c.author}]]></wp:comment_author>
    <wp:comment_author_email>{c.email}</wp:comment_author_email>
    <wp:comment_author_url>{c.url}</wp:comment_author_url>
    <wp:comment_author_IP>{c.ip}</wp:comment_author_IP>
    <wp:comment_date>{c.date_gmt}</wp:comment_date>
    <wp:comment_date_gmt>{c.date_gmt}</wp:comment_date_gmt>
    <wp:comment_content><![CDATA[{c.content}]]></wp:comment_content>
    <wp:comment_approved>{c.approved}</wp:comment_approved>
    <wp:comment_type>{c.type}</wp:comment_type>
    <wp:comment_parent>{c.parent}</wp:comment_parent>
    <wp:comment_user_id>{c.user_id}</wp:comment_user_id>
  </wp:comment>"""


def _item(p: P) -> str:
    slug = p.slug if p.slug is not None else p.title.lower().replace(" ", "-")
    link = p.link if p.link is not None else f"https://blog.example.org/2020/01/{slug}/"
    guid = p.guid if p.guid is not None else f"https://blog.example.org/?p={p.id}"
    terms = "".join(
        f'\n  <category domain="{d}" nicename="{s}"><![CDATA[{n}]]></category>'
        for d, s, n in p.terms
    )
    terms += "".join(
        f"\n  <wp:postmeta><wp:meta_key>{k}</wp:meta_key>"
        f"<wp:meta_value><![CDATA[{v}]]></wp:meta_value></wp:postmeta>"
        for k, v in p.meta
    )
    if p.attachment_url:
        terms += f"\n  <wp:attachment_url>{p.attachment_url}</wp:attachment_url>"
    return f"""
<item>
  <title>{p.title}</title>
  <link>{link}</link>
  <pubDate>Wed, 01 Jan 2020 09:30:00 +0000</pubDate>
  <dc:creator><![CDATA[{p.creator}]]></dc:creator>
  <guid isPermaLink="false">{guid}</guid>
  <description></description>
  <content:encoded><![CDATA[{p.content}]]></content:encoded>
  <excerpt:encoded><![CDATA[{p.excerpt}]]></excerpt:encoded>
  <wp:post_id>{p.id}</wp:post_id>
  <wp:post_date>{p.date_gmt}</wp:post_date>
  <wp:post_date_gmt>{p.date_gmt}</wp:post_date_gmt>
  <wp:comment_status>{p.comment_status}</wp:comment_status>
  <wp:ping_status>open</wp:ping_status>
  <wp:post_name>{slug}</wp:post_name>
  <wp:status>{p.status}</wp:status>
  <wp:post_parent>0</wp:post_parent>
  <wp:menu_order>0</wp:menu_order>
  <wp:post_type>{p.type}</wp:post_type>
  <wp:post_password>{p.password}</wp:post_password>
  <wp:is_sticky>0</wp:is_sticky>{terms}{"".join(_comment(c) for c in p.comments)}
</item>"""


def wxr(
    *items: P,
    version: str = "1.2",
    scheme: str = "https",
    categories: str = "",
    tags: str = "",
) -> str:
    ns = f"{scheme}://wordpress.org/export/{version}/"
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="{ns}excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="{ns}">
<channel>
<title>A running blog</title>
<link>https://blog.example.org</link>
<description>Miles and aches</description>
<language>en</language>
<wp:wxr_version>{version}</wp:wxr_version>
<wp:base_site_url>https://blog.example.org</wp:base_site_url>
<wp:base_blog_url>https://blog.example.org</wp:base_blog_url>
<wp:author><wp:author_id>7</wp:author_id><wp:author_login><![CDATA[alice]]></wp:author_login>
<wp:author_email><![CDATA[alice@example.org]]></wp:author_email>
<wp:author_display_name><![CDATA[Alice Runner]]></wp:author_display_name>
<wp:author_first_name><![CDATA[Alice]]></wp:author_first_name>
<wp:author_last_name><![CDATA[Runner]]></wp:author_last_name></wp:author>
{categories}{tags}{"".join(_item(p) for p in items)}
</channel>
</rss>
"""


def write(tmp_path: Path, text: str, name: str = "export.xml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
