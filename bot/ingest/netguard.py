"""Which addresses URL and feed fetching may reach: public ones, plus what FETCH_ALLOWED_HOSTS names.

The check runs where the socket is opened (an httpcore network backend), after DNS resolution and for
every connection: the first URL, each redirect hop and each feed entry alike, and a name that resolves
to a public address once and to 127.0.0.1 the next time (DNS rebinding) is checked the second time too.
The socket then connects to exactly the address that was checked.
"""

from __future__ import annotations

import ipaddress
import socket
import typing

import httpcore
import httpx

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class BlockedAddressError(Exception):
    """A fetch would reach a loopback, private, link-local, multicast or otherwise internal address."""

    def __init__(self, host: str, address: str, kind: str) -> None:
        super().__init__(f"refused to fetch from {host} ({address} is a {kind} address); list it in "
                         "FETCH_ALLOWED_HOSTS to allow it")
        self.host, self.address, self.kind = host, address, kind


def _kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        return _kind(ip.ipv4_mapped)
    for kind, flag in (("loopback", ip.is_loopback), ("link-local", ip.is_link_local),
                       ("multicast", ip.is_multicast), ("unspecified", ip.is_unspecified),
                       ("private", ip.is_private), ("reserved", ip.is_reserved)):
        if flag:
            return kind
    return None if ip.is_global else "non-public"


class AddressPolicy:
    """Public addresses pass; internal ones only when FETCH_ALLOWED_HOSTS names the host or its range."""

    def __init__(self, allowed: typing.Iterable[str] = ()) -> None:
        self.hosts: set[str] = set()
        self.networks: list[Network] = []
        for entry in (e.strip() for e in allowed):
            if not entry:
                continue
            try:
                self.networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                self.hosts.add(entry.lower().rstrip("."))

    def check(self, host: str, address: str) -> None:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        kind = _kind(ip)
        if kind is None or host.lower().rstrip(".") in self.hosts or any(ip in n for n in self.networks):
            return
        raise BlockedAddressError(host, address, kind)

    def resolve(self, host: str, port: int) -> list[tuple[int, str]]:
        """(family, address) pairs for host, every one of them allowed, or BlockedAddressError."""
        try:
            literal = ipaddress.ip_address(host.strip("[]"))
            infos = [(socket.AF_INET6 if literal.version == 6 else socket.AF_INET, str(literal))]
        except ValueError:
            infos = list(dict.fromkeys(
                (fam, str(sa[0])) for fam, _, _, _, sa in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)))
        for _, address in infos:
            self.check(host, address)  # one internal address among public ones is enough to refuse
        return infos


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, connecting only to addresses the policy allows."""

    def __init__(self, policy: AddressPolicy) -> None:
        self.policy = policy

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: typing.Iterable[typing.Any] | None = None) -> httpcore.NetworkStream:
        try:
            infos = self.policy.resolve(host, port)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host} ({exc})") from exc
        last: Exception | None = None
        for _, address in infos:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                last = exc
        raise last or httpcore.ConnectError(f"no address for {host}")


def guarded_client(policy: AddressPolicy, **kwargs: typing.Any) -> httpx.Client:
    """An httpx client whose every connection goes through the policy (proxies from the environment
    are ignored: a proxy would resolve the target itself, out of the policy's reach)."""
    transport = httpx.HTTPTransport()
    transport._pool._network_backend = GuardedBackend(policy)  # httpx exposes no other way to set it
    return httpx.Client(transport=transport, trust_env=False, **kwargs)
