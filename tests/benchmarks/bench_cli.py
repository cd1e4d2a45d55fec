"""`computefit estimate` and `estimate --json` against `python -c "import pydantic"` (not a test).

Run from the repository root: `python -m tests.benchmarks.bench_cli [--pairs 21] [--also NAME=DIR]`.
Whole fresh processes, as a user runs the command (the console script's own line), one after the other in each
round: the floor, then each command of each checkout; a warm-up round first. The floor is `import pydantic`
with the start-up settings the commands use (desktop.startup.skip_pydantic_plugins first, as desktop.cli.main
does), and the bare `import pydantic` beside it. Per round, each command's time is divided by that round's floor;
the table gives the median time of each, and the median of those ratios (a machine whose speed drifts during the
run moves both sides of a round together). `--also before=DIR` adds another checkout (e.g. `git worktree add`
of the commit before a change) for before/after figures; in the warm-up round each command's output must equal
the app's, byte for byte.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.benchmarks.bench_budgets import timed_run

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "resources" / "examples" / "http-api.workload.json"
BUDGET = 1.5  # x the floor (issue 26)
CLI_MAIN = "import re, sys; from desktop.cli import main; sys.exit(main())"  # what the console script runs
FLOOR = "from desktop.startup import skip_pydantic_plugins; skip_pydantic_plugins(); import pydantic"
BARE = "import pydantic"


def output_of(command: list[str], env: dict[str, str], cwd: Path) -> str:
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


def measure(checkouts: dict[str, Path], pairs: int) -> dict[str, list[float]]:
    """Seconds of each command per round (the floors first), every output checked against the first."""
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as data:
        env = dict(os.environ, COMPUTEFIT_DATA_DIR=data, XDG_CACHE_HOME=str(Path(data) / "cache"))
        commands: dict[str, tuple[list[str], Path]] = {
            "floor": ([sys.executable, "-c", FLOOR], REPO), "bare": ([sys.executable, "-c", BARE], REPO)}
        for name, tree in checkouts.items():
            for flags in ([], ["--json"]):
                label = f"estimate{' --json' if flags else ''}" + ("" if name == "app" else f", {name}")
                commands[label] = ([sys.executable, "-c", CLI_MAIN, "estimate", str(EXAMPLE), *flags], tree)
        times: dict[str, list[float]] = {label: [] for label in commands}
        outputs: dict[str, str] = {}
        for label, (command, tree) in commands.items():  # a warm-up round (it also trusts the bundled book)
            out = output_of(command, dict(env, PYTHONPATH=str(tree)), tree)
            if outputs.setdefault(label.split(",")[0], out) != out:
                raise SystemExit(f"{label}: the output differs from the app's")
        for _ in range(pairs):
            for label, (command, tree) in commands.items():
                times[label].append(timed_run(command, dict(env, PYTHONPATH=str(tree)), tree)[0])
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=21)
    parser.add_argument("--also", action="append", default=[], metavar="NAME=DIR")
    args = parser.parse_args(argv)
    checkouts = {"app": REPO, **{n: Path(p).resolve() for n, p in (a.split("=", 1) for a in args.also)}}
    for tree in checkouts.values():  # bytecode as an installed package has it
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "desktop")], check=True)
    print(f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; {args.pairs} rounds after a warm-up; "
          f"example {EXAMPLE.name}")
    times = measure(checkouts, args.pairs)
    floor, bare = times["floor"], times["bare"]
    print(f"{'command':<34} {'median':>9} {'x floor':>8} {'x bare':>7}  budget")
    for label, values in times.items():
        ratio = statistics.median(a / b for a, b in zip(values, floor, strict=True))
        bare_ratio = statistics.median(a / b for a, b in zip(values, bare, strict=True))
        verdict = "" if not label.startswith("estimate") else (
            f"<= {BUDGET}x " + ("ok" if ratio <= BUDGET else "OVER BUDGET"))
        print(f"{label:<34} {statistics.median(values) * 1000:>6.0f} ms {ratio:>7.2f}x {bare_ratio:>6.2f}x  {verdict}")
    print(f"floor: python -c {FLOOR!r}; bare: python -c {BARE!r}; load now {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
