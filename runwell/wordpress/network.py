"""Commenters' IP addresses are kept only as their network."""

from __future__ import annotations

import ipaddress


def truncate_ip(value: str) -> str:
    """'203.0.113.57' -> '203.0.113.0/24'; IPv6 -> its /48; anything else -> ''."""
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return ""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def network_address(network: str) -> str:
    """'203.0.113.0/24' -> '203.0.113.0' (what a WXR file's comment_author_IP holds)."""
    return network.split("/", 1)[0]
