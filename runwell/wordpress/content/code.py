"""Code in a post: `[sourcecode]`-style shortcodes and `<pre>` blocks, kept byte for byte.

Both are lifted out of the body before anything else runs (shortcodes,
paragraphs, embeds), so a `[gallery]` or a blank line inside code stays
exactly what it was; `Vault.restore` puts them back at the end.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

# `[sourcecode]`, `[code]` and `[php]` (WordPress.com), and the language names the
# SyntaxHighlighter Evolved plugin accepts as shortcodes of their own.
CODE_SHORTCODES = frozenset(
    {
        "sourcecode", "source", "code", "php",
        "as3", "actionscript3", "bash", "c", "clojure", "coldfusion", "cpp", "csharp",
        "c-sharp", "css", "delphi", "diff", "erlang", "go", "golang", "groovy", "haskell",
        "java", "javafx", "javascript", "jscript", "js", "json", "kotlin", "latex", "lua",
        "matlab", "objc", "pascal", "patch", "perl", "pl", "plain", "powershell", "ps",
        "py", "python", "r", "rails", "rb", "ruby", "scala", "sh", "shell", "sql", "swift",
        "ts", "typescript", "vb", "vbnet", "xml", "xhtml", "xslt", "yaml", "yml",
    }
)  # fmt: skip
_NAMES = "|".join(sorted((re.escape(n) for n in CODE_SHORTCODES), key=len, reverse=True))
_CODE_SHORTCODE = re.compile(
    rf"(?P<escape>\[)?\[(?P<name>{_NAMES})(?P<attrs>(?:[\s=][^\]]*)?)\]"
    rf"(?P<code>.*?)\[/(?P=name)\](?P<escape_end>\])?",
    re.DOTALL | re.IGNORECASE,
)
_PRE = re.compile(r"<pre\b[^>]*>.*?</pre\s*>", re.DOTALL | re.IGNORECASE)
_ENCODED = re.compile(r"&(?:lt|gt|amp|quot|#0*39|#x0*27);")
PLACEHOLDER = re.compile(r"\x00KEEP(\d+)\x00")


@dataclass
class Vault:
    """Blocks taken out of a body, each standing in it as `\\x00KEEP<n>\\x00`."""

    blocks: list[str] = field(default_factory=list)

    def keep(self, block: str) -> str:
        self.blocks.append(block)
        return f"\x00KEEP{len(self.blocks) - 1}\x00"

    def restore(self, text: str) -> str:
        return PLACEHOLDER.sub(lambda m: self.blocks[int(m.group(1))], text)


def _code_text(raw: str) -> str:
    # The shortcode's own line breaks (after `[code]`, before `[/code]`) are not code.
    text = raw.removeprefix("\r\n").removeprefix("\n").removesuffix("\n").removesuffix("\r")
    # The visual editor stores `<` as `&lt;`: decode once, or it would show as "&lt;".
    if "<" not in text and ">" not in text and _ENCODED.search(text):
        text = html.unescape(text)
    return text


def code_block(code: str) -> str:
    """Finished HTML for a block of code: escaped, nothing else touched."""
    return f"<pre><code>{html.escape(code, quote=False)}</code></pre>"


def protect_code(text: str, vault: Vault) -> tuple[str, int]:
    """Lift code shortcodes (converted) and `<pre>` blocks (as they are) into the vault.

    Returns the text with placeholders and the number of code shortcodes converted.
    """
    converted = 0

    def shortcode(match: re.Match[str]) -> str:
        nonlocal converted
        if match.group("escape") and match.group("escape_end"):
            # `[[code]…[/code]]` is WordPress' way of writing the shortcode itself; as
            # entities, no later step (nor a second import) takes it for one.
            whole = match.group(0)[1:-1]
            return whole.replace("[", "&#91;").replace("]", "&#93;")
        converted += 1
        prefix = match.group("escape") or ""
        suffix = match.group("escape_end") or ""
        return prefix + vault.keep(code_block(_code_text(match.group("code")))) + suffix

    text = _CODE_SHORTCODE.sub(shortcode, text)
    text = _PRE.sub(lambda m: vault.keep(m.group(0)), text)
    return text, converted
