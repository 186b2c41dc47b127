"""Commenters' IP addresses are kept only as their network (see comments.spam.truncate_ip)."""

from __future__ import annotations


def network_address(network: str) -> str:
    """'203.0.113.0/24' -> '203.0.113.0' (what a WXR file's comment_author_IP holds)."""
    return network.split("/", 1)[0]
