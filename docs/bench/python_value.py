#!/usr/bin/env python3
"""Baseline benchmark of Python's ``multiprocessing.Value`` / ``Array``.

Gives reference figures for the Java "shared-state" project, which provides
a Java equivalent of ``multiprocessing.Value`` / ``Array``.  Measured cases
(``--ops`` operations per process, default 1,000,000):

  (a) ``with v.get_lock(): v.value += 1`` on ``Value('q', 0)``, 1 and 2
      processes: ns per increment and a check that the final total is exact.
  (b) unsafe ``v.value += 1`` (no explicit lock), 1 and 2 processes: ns per
      increment and the number (and percentage) of lost updates.
  (c) reading ``v.value``, 1 process: ns per read.
  (d) ``with a.get_lock(): a[0] += 1.0`` on ``Array('d', 10)``, 1 process.
  (e) as (a) with 4 processes, for comparison with the Java
      ``stress --procs 4`` mode.

ns per operation = parent wall time / total operations of all processes.
Workers are forked (``get_context('fork')``) and released together through a
Barrier; a second Barrier marks the end of the loops, so the parent's
``time.perf_counter_ns`` interval covers only the loops (plus two barrier
crossings), not process start-up or shutdown.

Run (standard library only, Linux/Unix because of ``fork``):

    python3 docs/bench/python_value.py            # readable table
    python3 docs/bench/python_value.py --json     # one JSON document
    python3 docs/bench/python_value.py --ops 200000   # quicker run
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from multiprocessing.context import ForkContext
from typing import Any

DEFAULT_OPS = 1_000_000
ARRAY_LENGTH = 10
STRESS_PROCS = 4

Worker = Callable[[Any, int], None]


# --------------------------------------------------------------------------
# Loops run in the worker processes.  Each takes the shared object and the
# number of operations; they are deliberately minimal.
# --------------------------------------------------------------------------

def locked_increment(v: Any, ops: int) -> None:
    for _ in range(ops):
        with v.get_lock():
            v.value += 1


def unsafe_increment(v: Any, ops: int) -> None:
    for _ in range(ops):
        v.value += 1


def read_value(v: Any, ops: int) -> None:
    for _ in range(ops):
        _x = v.value


def locked_array_increment(a: Any, ops: int) -> None:
    for _ in range(ops):
        with a.get_lock():
            a[0] += 1.0


# --------------------------------------------------------------------------
# Harness
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Result:
    case: str
    procs: int
    ops_per_proc: int
    total_ops: int
    wall_ns: int
    ns_per_op: float
    expected: int | None = None
    actual: int | None = None
    lost: int | None = None
    lost_pct: float | None = None
    exact: bool | None = None


def _run_worker(work: Worker, shared: Any, ops: int,
                start: Any, done: Any) -> None:
    start.wait()
    work(shared, ops)
    done.wait()


def time_parallel(ctx: ForkContext, work: Worker, shared: Any,
                  procs: int, ops: int) -> int:
    """Run ``work(shared, ops)`` in ``procs`` forked processes at once.

    Returns the wall time in ns measured by the parent from the moment all
    workers are released until all of them have finished their loops.
    """
    start = ctx.Barrier(procs + 1)
    done = ctx.Barrier(procs + 1)
    workers = [ctx.Process(target=_run_worker,
                           args=(work, shared, ops, start, done))
               for _ in range(procs)]
    for p in workers:
        p.start()
    start.wait()
    t0 = time.perf_counter_ns()
    done.wait()
    elapsed = time.perf_counter_ns() - t0
    for p in workers:
        p.join()
        if p.exitcode != 0:
            raise RuntimeError(f"worker exited with code {p.exitcode}")
    return elapsed


def counter_result(case: str, procs: int, ops: int,
                   wall_ns: int, actual: int) -> Result:
    total = procs * ops
    lost = total - actual
    return Result(case=case, procs=procs, ops_per_proc=ops, total_ops=total,
                  wall_ns=wall_ns, ns_per_op=wall_ns / total,
                  expected=total, actual=actual, lost=lost,
                  lost_pct=100.0 * lost / total, exact=lost == 0)


def bench_value_counter(ctx: ForkContext, case: str, work: Worker,
                        procs: int, ops: int) -> Result:
    v = ctx.Value("q", 0)
    wall = time_parallel(ctx, work, v, procs, ops)
    return counter_result(case, procs, ops, wall, v.value)


def bench_read(ctx: ForkContext, ops: int) -> Result:
    v = ctx.Value("q", 42)
    wall = time_parallel(ctx, read_value, v, 1, ops)
    return Result(case="read", procs=1, ops_per_proc=ops, total_ops=ops,
                  wall_ns=wall, ns_per_op=wall / ops)


def bench_array(ctx: ForkContext, ops: int) -> Result:
    a = ctx.Array("d", ARRAY_LENGTH)
    wall = time_parallel(ctx, locked_array_increment, a, 1, ops)
    # Doubles hold integers exactly up to 2**53, so the check is exact.
    return counter_result("array_locked", 1, ops, wall, int(a[0]))


def run_all(ops: int) -> list[Result]:
    ctx = multiprocessing.get_context("fork")
    return [
        bench_value_counter(ctx, "locked", locked_increment, 1, ops),
        bench_value_counter(ctx, "locked", locked_increment, 2, ops),
        bench_value_counter(ctx, "unsafe", unsafe_increment, 1, ops),
        bench_value_counter(ctx, "unsafe", unsafe_increment, 2, ops),
        bench_read(ctx, ops),
        bench_array(ctx, ops),
        bench_value_counter(ctx, "stress_locked", locked_increment,
                            STRESS_PROCS, ops),
    ]


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------

LABELS = {
    "locked": "(a) with v.get_lock(): v.value += 1",
    "unsafe": "(b) v.value += 1  (no lock)",
    "read": "(c) x = v.value",
    "array_locked": "(d) with a.get_lock(): a[0] += 1.0",
    "stress_locked": "(e) stress: locked increment",
}


def environment(ops: int) -> dict[str, Any]:
    return {
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "start_method": "fork",
        "ops_per_proc": ops,
    }


def format_table(env: dict[str, Any], results: list[Result]) -> str:
    lines = [
        f"Python {env['python']} ({env['implementation']}) on "
        f"{env['platform']}, {env['cpus']} CPUs, start method "
        f"{env['start_method']}, {env['ops_per_proc']:,} ops per process",
        "",
        f"{'case':<38} {'procs':>5} {'total ops':>11} {'wall ms':>9} "
        f"{'ns/op':>8}  check",
    ]
    for r in results:
        if r.expected is None:
            check = "-"
        elif r.exact:
            check = f"exact ({r.actual:,})"
        else:
            check = (f"LOST {r.lost:,} of {r.expected:,} "
                     f"({r.lost_pct:.2f}%), got {r.actual:,}")
        lines.append(
            f"{LABELS[r.case]:<38} {r.procs:>5} {r.total_ops:>11,} "
            f"{r.wall_ns / 1e6:>9.1f} {r.ns_per_op:>8.1f}  {check}")
    return "\n".join(lines)


def positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be a positive integer")
    return value


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark multiprocessing.Value / Array (baseline for "
                    "the Java shared-state project).")
    parser.add_argument("--ops", type=positive_int, default=DEFAULT_OPS,
                        help="operations per process "
                             f"(default {DEFAULT_OPS:,})")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON document instead of a table")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    results = run_all(args.ops)
    env = environment(args.ops)
    if args.json:
        print(json.dumps({"environment": env,
                          "results": [asdict(r) for r in results]},
                         indent=2))
    else:
        print(format_table(env, results))
    locked_ok = all(r.exact for r in results
                    if r.case in ("locked", "array_locked", "stress_locked"))
    return 0 if locked_ok else 1


if __name__ == "__main__":
    sys.exit(main())
