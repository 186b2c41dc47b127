"""The client's address is decided once per request, before anything reads it."""

import ipaddress

from django.http import HttpResponse
from django.test import RequestFactory

from runwell.lib.net import CLIENT_IP_KEY
from runwell.site.middleware import ClientAddressMiddleware


def _through_middleware(settings, **meta):
    seen = {}

    def view(request):
        seen.update(request.META)
        return HttpResponse()

    request = RequestFactory().get("/", **meta)
    ClientAddressMiddleware(view)(request)
    return seen


def test_the_decided_address_is_left_for_the_access_log(settings):
    settings.TRUSTED_PROXIES = (ipaddress.ip_network("127.0.0.1/32"),)
    meta = _through_middleware(
        settings, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    assert meta[CLIENT_IP_KEY] == "198.51.100.7"


def test_an_untrusted_peer_cannot_claim_https_or_an_address(settings):
    settings.TRUSTED_PROXIES = (ipaddress.ip_network("127.0.0.1/32"),)
    meta = _through_middleware(
        settings,
        REMOTE_ADDR="192.0.2.50",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        HTTP_X_FORWARDED_PROTO="https",
    )
    assert "HTTP_X_FORWARDED_PROTO" not in meta
    assert "HTTP_X_FORWARDED_FOR" not in meta
    assert meta[CLIENT_IP_KEY] == "192.0.2.50"


def test_a_trusted_proxy_keeps_its_headers(settings):
    settings.TRUSTED_PROXIES = (ipaddress.ip_network("127.0.0.1/32"),)
    meta = _through_middleware(settings, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    assert meta["HTTP_X_FORWARDED_PROTO"] == "https"


def test_a_client_cannot_set_the_decided_address_through_a_header(client):
    # Headers arrive as HTTP_*, so no header can write the key the address is kept under.
    response = client.get("/robots.txt", HTTP_RUNWELL_CLIENT_IP="203.0.113.1")
    assert response.wsgi_request.META[CLIENT_IP_KEY] == "127.0.0.1"
