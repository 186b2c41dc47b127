import ipaddress

import pytest
from django.test import RequestFactory

from runwell.lib.net import client_ip, client_ip_from, network_address, truncate_ip


def test_ipv4_keeps_its_24_network():
    assert truncate_ip("203.0.113.77") == "203.0.113.0/24"


def test_ipv6_keeps_its_48_network():
    assert truncate_ip("2001:db8:abcd:12:1::5") == "2001:db8:abcd::/48"


def test_an_ipv4_mapped_ipv6_address_counts_as_ipv4():
    assert truncate_ip("::ffff:198.51.100.9") == "198.51.100.0/24"


def test_an_unparsable_address_keeps_nothing():
    assert truncate_ip("junk") == ""
    assert truncate_ip("") == ""


def test_a_network_exports_as_its_first_address():
    assert network_address("203.0.113.0/24") == "203.0.113.0"


def test_the_client_is_the_direct_peer():
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.4")
    assert client_ip(request) == "198.51.100.4"


# Behind a reverse proxy: before RUNWELL_TRUSTED_PROXIES every visitor had the proxy's address.
PROXIES = (ipaddress.ip_network("10.0.0.0/8"), ipaddress.ip_network("127.0.0.1/32"))


def test_behind_a_trusted_proxy_the_client_is_the_forwarded_address():
    meta = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert client_ip_from(meta, PROXIES) == "198.51.100.7"


def test_the_right_most_untrusted_hop_wins_so_a_client_cannot_pick_its_address():
    # The client sent "X-Forwarded-For: 203.0.113.9"; nginx appended the real peer.
    meta = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9, 198.51.100.7"}
    assert client_ip_from(meta, PROXIES) == "198.51.100.7"


def test_a_chain_of_trusted_proxies_is_walked_from_the_right():
    meta = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.7, 10.1.2.3"}
    assert client_ip_from(meta, PROXIES) == "198.51.100.7"


def test_forwarded_headers_from_an_untrusted_peer_are_ignored():
    meta = {"REMOTE_ADDR": "192.0.2.50", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert client_ip_from(meta, PROXIES) == "192.0.2.50"


def test_without_trusted_proxies_forwarded_headers_are_ignored():
    meta = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert client_ip_from(meta, ()) == "127.0.0.1"


@pytest.mark.parametrize("header", ["", "junk", "198.51.100.7, junk", "10.9.9.9"])
def test_garbage_or_only_proxies_in_the_header_leave_the_peer(header):
    meta = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": header}
    assert client_ip_from(meta, PROXIES) == "127.0.0.1"


def test_ipv6_proxies_and_clients(settings):
    settings.TRUSTED_PROXIES = (ipaddress.ip_network("::1/128"),)
    request = RequestFactory().get("/", REMOTE_ADDR="::1", HTTP_X_FORWARDED_FOR="2001:db8::5")
    assert client_ip(request) == "2001:db8::5"
