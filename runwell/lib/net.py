"""Client addresses: where a request came from, and the network we keep of it."""

from __future__ import annotations

import ipaddress

from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The address a request came from, as comments, rate limits and logs see it."""
    return str(request.META.get("REMOTE_ADDR", ""))


def truncate_ip(ip: str) -> str:
    """Keep only the network: /24 for IPv4, /48 for IPv6; '' for anything unparsable."""
    try:
        address = ipaddress.ip_address(ip.strip())
    except ValueError:
        return ""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def network_address(network: str) -> str:
    """'203.0.113.0/24' -> '203.0.113.0': the stored network as one address (for exports)."""
    return network.split("/", 1)[0]
