"""Which addresses watch may fetch from: none in private, loopback, link-local or reserved
ranges unless allowed."""

from __future__ import annotations

import ipaddress

import pytest

from bilat.watch.addresses import BlockedAddress, forbidden, resolve


@pytest.mark.parametrize(("address", "kind"), [
    ("127.0.0.1", "loopback"), ("10.1.2.3", "private"), ("192.168.0.10", "private"),
    ("172.16.5.4", "private"), ("169.254.169.254", "link-local"), ("::1", "loopback"),
    ("fe80::1", "link-local"), ("fc00::1", "private"), ("0.0.0.0", "unspecified"),
    ("240.0.0.1", "reserved"), ("224.0.0.1", "multicast"),
    ("::ffff:127.0.0.1", "loopback"), ("100.64.0.1", "not globally routable"),
])
def test_ranges_that_are_refused(address: str, kind: str):
    assert forbidden(ipaddress.ip_address(address)) == kind


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111"])
def test_public_addresses_are_allowed(address: str):
    assert forbidden(ipaddress.ip_address(address)) is None


def test_a_host_resolving_to_loopback_is_refused_unless_allowed():
    with pytest.raises(BlockedAddress, match=r"127\.0\.0\.1, a loopback address "
                                             r"\(--allow-private allows it\)"):
        resolve("127.0.0.1", 80, allow_private=False)
    assert resolve("127.0.0.1", 80, allow_private=True) == ["127.0.0.1"]
