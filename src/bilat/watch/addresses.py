"""Which addresses watch may connect to: by default none in private, loopback, link-local,
reserved, multicast or unspecified ranges (a feed's link must not reach the host's own network
or a cloud metadata service). Every resolved address of a host is checked, redirects included,
and the connection is made to the address checked, so a second DNS answer cannot swap it."""

from __future__ import annotations

import ipaddress
import socket


class BlockedAddress(ValueError):
    """A host that resolves to an address watch may not fetch from; str() says which."""


def forbidden(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why this address may not be fetched from, or None when it may."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return forbidden(ip.ipv4_mapped)
    for test, kind in ((ip.is_loopback, "loopback"), (ip.is_link_local, "link-local"),
                       (ip.is_multicast, "multicast"), (ip.is_unspecified, "unspecified"),
                       (ip.is_reserved, "reserved"), (ip.is_private, "private")):
        if test:
            return kind
    if not ip.is_global:  # shared (100.64/10), benchmarking and other special ranges
        return "not globally routable"
    return None


def resolve(host: str, port: int, allow_private: bool) -> list[str]:
    """The addresses of `host` that may be connected to, in resolver order; raises
    BlockedAddress naming the host and range when any of them is refused (one bad answer
    is enough to refuse: which one a connection would use is the resolver's choice), and
    OSError when the name does not resolve."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    found = list(dict.fromkeys(info[4][0] for info in infos))
    if not found:
        raise OSError(f"{host} has no address")
    if allow_private:
        return found
    for addr in found:
        why = forbidden(ipaddress.ip_address(addr.split("%", 1)[0]))
        if why:
            raise BlockedAddress(f"{host} resolves to {addr}, a {why} address (--allow-private "
                                 "allows it)")
    return found
