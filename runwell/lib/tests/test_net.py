from django.test import RequestFactory

from runwell.lib.net import client_ip, network_address, truncate_ip


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
