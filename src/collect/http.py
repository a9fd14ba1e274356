"""A polite HTTP client for collecting: robots.txt obeyed, a User-Agent naming the project, at most one
request per host per interval, timeouts (urllib3), and retries with backoff on 5xx that also wait their turn."""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable
from urllib import robotparser
from urllib.parse import urljoin, urlparse

import urllib3
from urllib3.exceptions import (ConnectTimeoutError, MaxRetryError, NameResolutionError, NewConnectionError,
                                ProtocolError, ReadTimeoutError, SSLError)
from urllib3.util.retry import Retry

RETRY_STATUSES = (500, 502, 503, 504)


class FetchError(Exception):
    """A request that got no usable answer; ``offline`` when the network itself could not be reached."""

    def __init__(self, reason: str, offline: bool = False):
        super().__init__(reason)
        self.reason, self.offline = reason, offline


class Forbidden(FetchError):
    """robots.txt asks this project not to fetch the address."""


@dataclass
class Response:
    url: str
    status: int
    body: bytes
    retry_after: str = ""


class PoliteClient:
    def __init__(self, user_agent: str, per_host_interval_s: float = 1.0, timeout_s: float = 15.0, retries: int = 2,
                 backoff_s: float = 1.0, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.user_agent, self.interval, self.timeout = user_agent, per_host_interval_s, timeout_s
        self.retries, self.backoff = retries, backoff_s
        # urllib3 follows redirects; the retries on 5xx are ours, so that each one also waits its turn
        self.http = urllib3.PoolManager(headers={"User-Agent": user_agent}, retries=Retry(total=5, connect=0, read=0,
                                        status=0, redirect=5, raise_on_redirect=False, raise_on_status=False),
                                        timeout=urllib3.Timeout(connect=timeout_s, read=timeout_s))
        self.clock, self.sleep = clock, sleep
        self.last: dict[str, float] = {}
        self.robots: dict[str, robotparser.RobotFileParser | FetchError] = {}

    def _wait_turn(self, host: str) -> None:
        last = self.last.get(host)
        if last is not None:
            wait = self.interval - (self.clock() - last)
            if wait > 0:
                self.sleep(wait)
        self.last[host] = self.clock()

    def _get(self, url: str) -> Response:
        """GET with retries on 5xx: the first after ``backoff`` s, then twice as long (or the server's
        Retry-After, up to a minute), every attempt waiting its turn for the host."""
        for attempt in range(self.retries + 1):
            r = self._once(url)
            if r.status not in RETRY_STATUSES or attempt == self.retries:
                return r
            self.sleep(min(60.0, _retry_after(r) or self.backoff * 2 ** attempt))
        return r

    def _once(self, url: str) -> Response:
        host = urlparse(url).netloc.lower()
        self._wait_turn(host)
        try:
            r = self.http.request("GET", url, preload_content=True, redirect=True)
        except MaxRetryError as exc:
            raise _explain(exc.reason or exc, self.timeout) from exc
        except (ReadTimeoutError, ConnectTimeoutError, NewConnectionError, NameResolutionError, ProtocolError,
                SSLError, TimeoutError, OSError) as exc:
            raise _explain(exc, self.timeout) from exc
        finally:
            self.last[host] = self.clock()
        return Response(url, r.status, r.data or b"", r.headers.get("Retry-After", ""))

    def allowed(self, url: str) -> bool:
        """robots.txt of the URL's host (read once per run): a missing file (4xx) allows everything; a
        server error allows nothing, as RFC 9309 asks; a host that cannot be reached raises FetchError."""
        parts = urlparse(url)
        base = f"{parts.scheme}://{parts.netloc}"
        parser = self.robots.get(base)
        if parser is None:
            try:
                r = self._get(urljoin(base, "/robots.txt"))
                parser = robotparser.RobotFileParser(urljoin(base, "/robots.txt"))
                if 200 <= r.status < 300:
                    parser.parse(r.body.decode("utf-8", "replace").splitlines())
                elif 400 <= r.status < 500:
                    parser.allow_all = True
                else:
                    parser.disallow_all = True
            except FetchError as exc:
                parser = exc
            self.robots[base] = parser
        if isinstance(parser, FetchError):
            raise FetchError(parser.reason, parser.offline)
        return parser.can_fetch(self.user_agent, url)

    def get(self, url: str) -> Response:
        """The page, if robots.txt allows it; raises FetchError with a plain reason otherwise."""
        if not self.allowed(url):
            raise Forbidden("robots.txt forbids this address")
        return self._get(url)


def _retry_after(r: Response) -> float:
    try:
        return max(0.0, float(r.retry_after))
    except ValueError:
        return 0.0


def _explain(exc: BaseException, timeout: float) -> FetchError:
    text = str(exc)
    if isinstance(exc, NameResolutionError) or "Name or service not known" in text or "getaddrinfo" in text \
            or "Temporary failure in name resolution" in text:
        return FetchError("DNS: host not found", offline=True)
    if isinstance(exc, (ReadTimeoutError, ConnectTimeoutError, TimeoutError)) or "timed out" in text.lower():
        return FetchError(f"timeout: no answer within {timeout:g} s")
    if isinstance(exc, NewConnectionError) or "Connection refused" in text or "Network is unreachable" in text:
        return FetchError(f"connection failed ({text.split(': ')[-1][:80]})", offline=True)
    return FetchError(f"request failed ({type(exc).__name__}: {text[:100]})")
