"""Cluster DNS for the suite's Python programs, loaded through PYTHONPATH.

A rendered `*.svc.cluster.local` name resolves to 127.0.0.1 and its rendered port to the suite's private port
(CONFORMANCE_NET = JSON {"ports": {"5672": 41234}, "down": ["rabbitmq-0.rabbitmq-peers..."]}); a name listed
as down resolves to a port nothing listens on, as a node that is gone. Nothing else changes.
"""

import json
import os
import socket

_net = json.loads(os.environ.get("CONFORMANCE_NET", "{}"))
_ports = {int(k): v for k, v in _net.get("ports", {}).items()}
_down = set(_net.get("down", []))
_closed = _net.get("closed", 9)
_getaddrinfo = socket.getaddrinfo


def _cluster_getaddrinfo(host, port, *args, **kwargs):
    if isinstance(host, str) and host.endswith(".svc.cluster.local"):
        port = _closed if host in _down else _ports.get(int(port), port)
        host = "127.0.0.1"
    return _getaddrinfo(host, port, *args, **kwargs)


socket.getaddrinfo = _cluster_getaddrinfo
