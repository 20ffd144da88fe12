"""HTTP to a shared triple store, with the standard library's ``urllib`` only: the request,
its deadline, the server's refusal, and the credentials that go with it.

Credentials come from an environment variable and go only into the ``Authorization``
header: never into a message, and never to another host (redirects are not followed).
Both the Graph Store Protocol pushes (``plangraph.store.push``) and the SPARQL Protocol
queries (``plangraph.sparql.endpoint``) go through ``send``.

urllib's own timeout bounds each socket operation, not the request: a server that trickles
a byte every few seconds never trips it. So each request has a deadline, start to finish,
and a timer shuts the connection when it passes, whatever the request is waiting on
(connecting, sending the body, or reading the headers or the body of the answer).
"""

from __future__ import annotations

import base64
import binascii
import functools
import html
import http.client
import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from typing import Any

from plangraph.errors import PlangraphError, UsageError

__all__ = ["CONNECT_TIMEOUT", "EndpointError", "EndpointTimeout", "HTTPRefusal", "TIMEOUT", "check_url",
           "one_line", "send", "with_query"]

LARGEST_ANSWER = 1 << 30  # bytes: a query's rows or a server's reply, never a whole region's data
TIMEOUT = 120.0  # seconds for one request, start to finish: loading a large plan into a busy store takes a while
CONNECT_TIMEOUT = 15.0  # seconds to connect: a server that has not accepted by then is down or unreachable


class EndpointError(PlangraphError):
    """The server could not be reached, or answered with an HTTP error: ``URL: what (HTTP n)``."""

    exit_code = 4


class EndpointTimeout(EndpointError):
    """The server did not answer in full before the request's deadline."""


def check_url(url: str) -> str:
    """Refuse URLs that are not http(s) or that carry credentials (they would be printed)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{url!r}: expected an http:// or https:// URL (e.g. http://127.0.0.1:7878/query)")
    if parts.username is not None or parts.password is not None:
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        raise UsageError(f"{parts.scheme}://…@{host}{parts.path}: the URL holds credentials (expected "
                         "them apart from the URL, which messages print)")
    return url


def one_line(value: object, limit: int = 300) -> str:
    """``value`` as one line of at most ``limit`` characters, for a message.

    An exception without a message stands as its type's name, so that the message says something.

    Examples
    --------
    >>> one_line("no\\n  such   graph")
    'no such graph'
    >>> one_line(TimeoutError())
    'TimeoutError'
    """
    text = " ".join(str(value).split())
    if not text and isinstance(value, BaseException):
        text = type(value).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # urllib would resend the Authorization header to wherever a redirect points.
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@dataclass
class HTTPRefusal(Exception):
    """The server answered with an HTTP error; ``error`` makes the message to show for it."""

    status: int
    reason: str
    detail: str
    location: str | None

    def error(self, url: str, what: str | None = None) -> EndpointError:
        what = what or "the server refused the request"
        tail = f": {self.detail}" if self.detail else ""
        if self.location:
            tail += f"; it redirects to {self.location} (give that URL instead)"
        elif self.status in (401, 403):
            tail += "; check the credentials named by `auth-env`"
        return EndpointError(f"{url}: {what} (HTTP {self.status} {self.reason}{tail})", options=["auth-env"])


class _Deadline:
    """The end of one request: ``watch`` arms a timer that shuts the connection at that time."""

    def __init__(self, seconds: float, connect: float) -> None:
        self.seconds = seconds
        self.connect = min(connect, seconds)
        self.end = time.monotonic() + seconds
        self.connected = False
        self.expired = False
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._stopped = False

    def left(self) -> float:
        return max(self.end - time.monotonic(), 0.001)  # 0 would make the socket non-blocking

    def watch(self, sock: socket.socket) -> None:
        """Bound what is left of the request on ``sock``, connected within the connect deadline."""
        self.connected = True
        sock.settimeout(self.left())
        timer = threading.Timer(self.left(), self._expire, (sock,))
        timer.daemon = True
        with self._lock:
            if self._stopped:
                return
            self._timer = timer
        timer.start()

    def _expire(self, sock: socket.socket) -> None:
        with self._lock:
            if self._stopped:
                return
            self.expired = True
        try:
            # wakes a recv or send blocked in the other thread, which then fails or sees the end;
            # the plain socket's shutdown, which leaves a TLS socket's state to its own thread
            socket.socket.shutdown(sock, socket.SHUT_RDWR)
        except OSError:
            pass

    def stop(self) -> bool:
        """Disarm the timer; whether the deadline passed before."""
        with self._lock:
            self._stopped = True
            if self._timer is not None:
                self._timer.cancel()
            return self.expired


def _connect(conn: http.client.HTTPConnection, deadline: _Deadline, connect: Callable[[], None]) -> None:
    conn.timeout = min(deadline.connect, deadline.left())
    connect()
    assert conn.sock is not None  # connect() made it
    deadline.watch(conn.sock)


class _HTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args: Any, deadline: _Deadline, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.deadline = deadline

    def connect(self) -> None:
        _connect(self, self.deadline, super().connect)


class _HTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args: Any, deadline: _Deadline, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.deadline = deadline

    def connect(self) -> None:  # the TLS handshake counts as connecting
        _connect(self, self.deadline, super().connect)


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(functools.partial(_HTTPConnection, deadline=self.deadline), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(functools.partial(_HTTPSConnection, deadline=self.deadline), req)


def send(method: str, url: str, data: bytes | None, headers: dict[str, str], authorization: str | None,
         timeout: float, *, connect_timeout: float = CONNECT_TIMEOUT) -> tuple[int, bytes, Message]:
    """The status, body and headers of the server's answer to one request.

    Raises HTTPRefusal when the server answers with an HTTP error, EndpointError when it
    cannot be reached within ``connect_timeout`` seconds or has not answered in full within
    ``timeout`` seconds of the start (however slowly it trickles the answer).
    """
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    if authorization:
        if not authorization.isascii():  # http.client's refusal would quote the character
            raise UsageError("the credentials hold a character that is not ASCII (expected a "
                             "token of ASCII characters, or user:password)")
        request.add_unredirected_header("Authorization", authorization)
    deadline = _Deadline(timeout, connect_timeout)
    opener = urllib.request.build_opener(_NoRedirect(), _HTTPHandler(deadline), _HTTPSHandler(deadline))
    refusal: HTTPRefusal | None = None
    try:
        try:
            with opener.open(request) as response:
                status, body, reply = response.status, _read_whole(response, url), response.headers
        except urllib.error.HTTPError as err:
            with err:
                text = err.read().decode("utf-8", "replace")
            refusal = HTTPRefusal(err.code, one_line(_redact(err.reason or "", authorization)),
                                  one_line(_redact(text, authorization), 200),
                                  _redact(err.headers.get("Location") or "", authorization) or None)
        finally:
            expired = deadline.stop()
    except (urllib.error.URLError, OSError, http.client.HTTPException) as err:
        raise _unanswered(url, err, deadline, authorization) from None
    except Exception:
        if deadline.expired:  # whatever a connection shut mid-read makes a library raise
            raise _unanswered(url, TimeoutError(), deadline, authorization) from None
        raise
    if expired:  # the answer may have been cut short by the timer
        raise _unanswered(url, TimeoutError(), deadline, authorization)
    if refusal is not None:
        raise refusal
    return status, body, reply


def _read_whole(response: http.client.HTTPResponse, url: str) -> bytes:
    """The answer's body, refused past ``LARGEST_ANSWER`` bytes rather than filling the memory."""
    declared = response.length
    if declared is not None and declared > LARGEST_ANSWER:
        raise EndpointError(f"{_base(url)}: the answer is {declared:,} bytes, more than the "
                            f"{LARGEST_ANSWER:,} plangraph reads")
    chunks, size = [], 0
    while chunk := response.read(1 << 20):
        size += len(chunk)
        if size > LARGEST_ANSWER:
            raise EndpointError(f"{_base(url)}: the answer is more than the {LARGEST_ANSWER:,} bytes "
                                "plangraph reads")
        chunks.append(chunk)
    return b"".join(chunks)


def _unanswered(url: str, err: BaseException, deadline: _Deadline, authorization: str | None) -> EndpointError:
    """The error for a request that got no complete answer, and why, in the system's terms."""
    reason = err.reason if isinstance(err, urllib.error.URLError) else err
    if deadline.expired or (deadline.connected and isinstance(reason, TimeoutError)):
        return EndpointTimeout(f"{_base(url)}: no complete answer within {deadline.seconds:g} s (the "
                               "deadline for one request)", hint="The server is stalled or too slow")
    quiet = (http.client.RemoteDisconnected, http.client.IncompleteRead)  # these quote nothing sent
    if isinstance(reason, http.client.HTTPException) and not isinstance(reason, quiet):
        # BadStatusLine and the like quote the server's line: named, not quoted
        return EndpointError(f"{_base(url)}: the answer is not HTTP ({type(reason).__name__})")
    why = one_line(_redact(str(getattr(reason, "strerror", None) or reason), authorization)) or type(reason).__name__
    if not deadline.connected:
        if isinstance(reason, TimeoutError):
            why = f"no connection within {deadline.connect:g} s"
        return EndpointError(f"{_base(url)}: cannot connect ({why})",
                             hint="Is the server running at this address?")
    return EndpointError(f"{_base(url)}: the connection broke before the answer was complete ({why})")


def with_query(url: str, extra: dict[str, str]) -> str:
    """``url`` with the parameters ``extra`` added to its query string."""
    parts = urllib.parse.urlsplit(url)
    query = "&".join(q for q in (parts.query, urllib.parse.urlencode(extra)) if q)
    return urllib.parse.urlunsplit(parts._replace(query=query))


def _base(url: str) -> str:
    """The URL without its query string (a graph IRI there only makes the line long)."""
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(query="", fragment=""))


def _redact(text: str, authorization: str | None) -> str:
    """``text`` with the credentials replaced by ``***``, should a server echo them back,
    whether as sent or escaped as URLs, HTML or JSON escape them."""
    if not authorization:
        return text
    scheme, _, value = authorization.partition(" ")
    secrets: list[str] = [authorization, value]
    if scheme == "Basic":
        try:
            decoded = base64.b64decode(value, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            decoded = ""
        secrets += [decoded, decoded.partition(":")[2]]
    escaped = set()
    for secret in filter(None, secrets):
        escaped.update({secret, urllib.parse.quote(secret, safe=""), urllib.parse.quote_plus(secret),
                        html.escape(secret), json.dumps(secret)[1:-1],
                        json.dumps(secret, ensure_ascii=False)[1:-1],
                        secret.encode("utf-8").decode("latin-1")})  # as http.client reads a header
    for secret in sorted(escaped, key=len, reverse=True):
        text = text.replace(secret, "***")
    return text
