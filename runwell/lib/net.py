"""Client addresses: where a request came from, and the network we keep of it.

Behind a reverse proxy every request arrives from the proxy's address. The proxies named
in RUNWELL_TRUSTED_PROXIES (settings.TRUSTED_PROXIES, parsed once at start-up) are believed
about who their client was; nobody else is, so a visitor cannot pick their own address by
sending an X-Forwarded-For header.
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from runwell.config import Network

# Where the decided address is kept on the request: a key no HTTP header can produce
# (headers arrive as HTTP_*). gunicorn's access log prints it (see `runwell serve`).
CLIENT_IP_KEY = "runwell.client_ip"
FORWARDED_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST")


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def is_trusted(ip: str, trusted: Sequence[Network]) -> bool:
    address = _address(ip)
    return address is not None and any(address in network for network in trusted)


def client_ip_from(meta: Mapping[str, Any], trusted: Sequence[Network]) -> str:
    """The client's address from a request's META and the trusted proxies.

    Only when the direct peer is a trusted proxy is X-Forwarded-For read, and then from
    the right: each trusted proxy appends the address it saw, so the right-most entry
    that is not itself a trusted proxy is the client. Entries further left were written
    by the client and prove nothing.
    """
    peer = str(meta.get("REMOTE_ADDR", ""))
    if not trusted or not is_trusted(peer, trusted):
        return peer
    hops = [hop.strip() for hop in str(meta.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
    for hop in reversed([hop for hop in hops if hop]):
        address = _address(hop)
        if address is None:
            return peer  # a trusted proxy never writes this: believe nothing further left
        if not any(address in network for network in trusted):
            return str(address)
    return peer


def client_ip(request: HttpRequest) -> str:
    """The address a request came from, as comments, rate limits, axes and logs see it."""
    cached = request.META.get(CLIENT_IP_KEY)
    if isinstance(cached, str):
        return cached
    ip = client_ip_from(request.META, settings.TRUSTED_PROXIES)
    request.META[CLIENT_IP_KEY] = ip
    return ip


def peer_is_trusted(request: HttpRequest) -> bool:
    return is_trusted(str(request.META.get("REMOTE_ADDR", "")), settings.TRUSTED_PROXIES)


@functools.lru_cache(maxsize=4096)  # every post asks twice, and regulars come back
def truncate_ip(ip: str) -> str:
    """Keep only the network: /24 for IPv4, /48 for IPv6; '' for anything unparsable."""
    address = _address(ip)
    if address is None:
        return ""
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def network_address(network: str) -> str:
    """'203.0.113.0/24' -> '203.0.113.0': the stored network as one address (for exports)."""
    return network.split("/", 1)[0]
