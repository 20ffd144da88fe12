"""``plangraph serve``: the store in a browser, on this machine, until Ctrl-C."""

from __future__ import annotations

import errno
import socket
from pathlib import Path

import click

from plangraph.cli.app import cli
from plangraph.cli.options import debug_option, store_option
from plangraph.errors import PlangraphError

__all__ = ["serve"]

LOOPBACK = "127.0.0.1"


@cli.command()
@store_option()
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="The port to listen on (0: any free port).")
@click.option("--host", default=LOOPBACK, show_default=True,
              help="The address to listen on. The default answers this machine only; another "
                   "address shows the plans to everyone who can reach it.")
@debug_option
def serve(store_dir: Path, port: int, host: str) -> None:
    """Explore the built store in a browser: the plans, every named question as a form (with
    CSV and Excel downloads), a page for everything in the graph, the views and the audit, and a
    SPARQL endpoint (/sparql) with a query editor. Read-only; stops on Ctrl-C.

    \b
    Example:
      plangraph serve                 # then open http://127.0.0.1:8000/
      plangraph query who-leads-what --endpoint http://127.0.0.1:8000/sparql
    """
    import uvicorn

    from plangraph.publish.serve.app import make_app

    def ready() -> None:
        # said once the server answers and Ctrl-C stops it cleanly (uvicorn's handler is in place)
        click.echo(f"plangraph: serving {store_dir} at {address} (read-only; Ctrl-C stops)", err=True)

    app = make_app(store_dir, hosts=_hosts(host), on_ready=ready)  # no store: an error before listening
    sock = _listen(host, port)
    address = f"http://{host if ':' not in host else f'[{host}]'}:{sock.getsockname()[1]}/"
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # uvicorn stops on Ctrl-C, then raises it again: here, it is how serving ends
    finally:
        sock.close()
    click.echo("plangraph: stopped serving", err=True)


def _hosts(host: str) -> list[str]:
    """The Host headers the app answers: this machine's names, and the address it listens on
    (a page fetched through another name, as a DNS-rebinding attack would, is refused)."""
    names = [LOOPBACK, "localhost", "[::1]"]
    if host not in (LOOPBACK, "localhost"):
        names.append("*" if host in ("0.0.0.0", "::") else host)
    return names


def _listen(host: str, port: int) -> socket.socket:
    """A socket listening on ``host``:``port``, or a one-line error saying why not."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        family, kind, proto, _, address = infos[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except socket.gaierror as err:
        raise PlangraphError(f"cannot listen on {host!r}: not an address of this machine ({err.strerror})") from err
    except OSError as err:
        if err.errno == errno.EADDRINUSE:
            raise PlangraphError(f"port {port} on {host} is already in use (is plangraph serve already "
                                 "running?)", hint=f"Choose another port: --port {port + 1}") from err
        raise PlangraphError(f"cannot listen on {host}:{port} ({err.strerror})") from err
    return sock
