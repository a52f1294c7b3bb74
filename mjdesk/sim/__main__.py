"""``python -m mjdesk.sim``: run the simulator until interrupted."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys
import threading

from .config import ALL_FAULTS, DEMO_KEY, SimConfig
from .server import Simulator


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m mjdesk.sim",
        description="A faithful fake of EvoLink's API for mj-v8.1, on loopback.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=0, help="port (default 0: a free one)")
    p.add_argument(
        "--key",
        action="append",
        default=None,
        help=f"accepted API key (repeatable; default: the demo key {DEMO_KEY!r})",
    )
    p.add_argument(
        "--speed-factor",
        type=float,
        default=1.0,
        help="divide every simulated duration by F (default 1: realistic timing)",
    )
    p.add_argument(
        "--fault-rate", type=float, default=0.0, help="probability of a fault per request"
    )
    p.add_argument(
        "--fault-kinds",
        default=",".join(ALL_FAULTS),
        help="comma-separated fault kinds drawn by --fault-rate",
    )
    p.add_argument("--seed", type=int, default=None, help="random seed (ids, timing, faults)")
    p.add_argument(
        "--control-token", default=None, help="token for /_sim/ (default: random, printed)"
    )
    p.add_argument(
        "--validation",
        choices=("sync", "async"),
        default="sync",
        help="invalid prompts: HTTP 400 (sync) or accepted then failed (async)",
    )
    p.add_argument("--unknown-model-status", type=int, choices=(400, 404), default=400)
    p.add_argument("--result-ttl", type=float, default=30 * 86400.0, help="result link lifetime, s")
    p.add_argument("--file-ttl", type=float, default=72 * 3600.0, help="uploaded file lifetime, s")
    p.add_argument("--file-max-bytes", type=int, default=100 * 1024 * 1024)
    p.add_argument("--file-quota", type=int, default=2000)
    p.add_argument("--file-error-style", choices=("status", "ok200", "mixed"), default="status")
    p.add_argument("--no-retry-after", action="store_true", help="429 without a Retry-After header")
    p.add_argument(
        "--rate-limit", type=float, default=0.0, help="requests per second per key (0: off)"
    )
    p.add_argument("--max-concurrent", type=int, default=0, help="running tasks per key (0: off)")
    p.add_argument("--credits", type=float, default=10_000.0, help="starting balance per key")
    p.add_argument(
        "--exit-on-stdin-eof",
        action="store_true",
        help="stop when standard input closes (a parent process that dies takes it along)",
    )
    p.add_argument(
        "--allow-private-callbacks",
        action="store_true",
        help="accept http://127.0.0.1 callback URLs (tests)",
    )
    return p


def config_from_args(args: argparse.Namespace) -> SimConfig:
    kinds = [k for k in args.fault_kinds.split(",") if k]
    unknown = set(kinds) - set(ALL_FAULTS)
    if unknown:
        raise SystemExit(f"unknown fault kinds: {', '.join(sorted(unknown))}")
    return SimConfig(
        keys=args.key or [DEMO_KEY],
        speed_factor=args.speed_factor,
        fault_rate=args.fault_rate,
        fault_kinds=kinds,
        seed=args.seed,
        validation=args.validation,
        unknown_model_status=args.unknown_model_status,
        result_ttl=args.result_ttl,
        file_ttl=args.file_ttl,
        file_max_bytes=args.file_max_bytes,
        file_quota=args.file_quota,
        file_error_style=args.file_error_style,
        retry_after_header=not args.no_retry_after,
        rate_limit_per_s=args.rate_limit,
        max_concurrent_tasks=args.max_concurrent,
        initial_credits=args.credits,
        allow_private_callbacks=args.allow_private_callbacks,
    )


async def _serve(args: argparse.Namespace) -> None:
    sim = Simulator(config_from_args(args), control_token=args.control_token)
    url = await sim.start(args.host, args.port)
    print(f"mjdesk-sim listening on {url}", flush=True)
    # The simulator's own control token (for /_sim/: never an API key), for the person who started
    # it on a terminal. A parent process (the demo) does not need it: it is not written there.
    if args.exit_on_stdin_eof:
        print("control token: (not shown to a parent process)", flush=True)
    elif args.control_token is None:
        print(f"control token: {sim.control_token}", flush=True)
    else:
        print("control token: (as given)", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    if args.exit_on_stdin_eof:
        threading.Thread(
            target=_stop_at_eof, args=(loop, stop), name="stdin-watch", daemon=True
        ).start()
    try:
        await stop.wait()
    finally:
        await sim.stop()


def _stop_at_eof(loop: asyncio.AbstractEventLoop, stop: asyncio.Event) -> None:
    with contextlib.suppress(OSError, ValueError):
        while sys.stdin.read(4096):
            pass
    loop.call_soon_threadsafe(stop.set)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
