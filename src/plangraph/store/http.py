"""HTTP to a shared triple store, with the standard library's ``urllib`` only: the request,
the server's refusal, and the credentials that go with it.

Credentials come from an environment variable and go only into the ``Authorization``
header: never into a message, and never to another host (redirects are not followed).
Both the Graph Store Protocol pushes (``plangraph.store.push``) and the SPARQL Protocol
queries (``plangraph.sparql.endpoint``) go through ``send``.
"""

from __future__ import annotations

import base64
import binascii
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import Message

from plangraph.errors import PlangraphError, UsageError

__all__ = ["EndpointError", "HTTPRefusal", "TIMEOUT", "check_url",
           "one_line", "send", "with_query"]

TIMEOUT = 120.0  # seconds; loading a large plan into a busy store takes a while


class EndpointError(PlangraphError):
    """The server could not be reached, or answered with an HTTP error: ``URL: what (HTTP n)``."""

    exit_code = 4


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
            tail += "; check the credentials named by --auth-env"
        return EndpointError(f"{url}: {what} (HTTP {self.status} {self.reason}{tail})")


def send(method: str, url: str, data: bytes, headers: dict[str, str], authorization: str | None,
         timeout: float) -> tuple[int, bytes, Message]:
    """The status, body and headers of the server's answer to one request.

    Raises HTTPRefusal when the server answers with an HTTP error, EndpointError when it
    cannot be reached or does not answer within ``timeout`` seconds.
    """
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    if authorization:
        request.add_unredirected_header("Authorization", authorization)
    opener = urllib.request.build_opener(_NoRedirect())
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as err:
        detail = one_line(err.read().decode("utf-8", "replace"), 200)
        raise HTTPRefusal(err.code, err.reason or "", _redact(detail, authorization),
                          err.headers.get("Location")) from None
    except (urllib.error.URLError, OSError) as err:
        reason = err.reason if isinstance(err, urllib.error.URLError) else err
        if isinstance(reason, (socket.timeout, TimeoutError)):
            what = f"no answer within {timeout:g} s"
        else:
            what = f"cannot connect ({one_line(getattr(reason, 'strerror', None) or reason)})"
        raise EndpointError(f"{_base(url)}: {what}; is the server running at this address?") from None


def with_query(url: str, extra: dict[str, str]) -> str:
    """``url`` with the parameters ``extra`` added to its query string."""
    parts = urllib.parse.urlsplit(url)
    query = "&".join(q for q in (parts.query, urllib.parse.urlencode(extra)) if q)
    return urllib.parse.urlunsplit(parts._replace(query=query))


def _base(url: str) -> str:
    """The URL without its query string (a graph IRI there only makes the line long)."""
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(query="", fragment=""))


def _redact(text: str, authorization: str | None) -> str:
    """``text`` with the credentials replaced by ``***``, should a server echo them back."""
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
    for secret in sorted((s for s in secrets if len(s) >= 3), key=len, reverse=True):
        text = text.replace(secret, "***")
    return text
