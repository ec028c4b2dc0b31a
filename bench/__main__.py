"""Run benchmarks: `python -m bench [NAME ...] [--scale national] [options of one benchmark]`.

`--scale national` runs each benchmark at issue #21's national scale where it has a smaller
default (find-an-officer: 3,000,000 officers in 18,000 departments instead of 1,000,000 in
500; the partner API without its answer cache and with no query repeated; the import with
rounds of import against raw COPY); the others' defaults are that scale already (100,000 map
incidents, 50,000 posts, the 352,000-row import). Results go to the terminal; docs/benchmarks.md records them by hand
with the machine and the date.
"""

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path

# Arguments that take a benchmark to national scale, where its default is smaller: for the
# partner API, issue #21's mix (no answer cache, no query repeated) in rounds, each target
# between two ceiling runs; for the import, rounds of alternating import and raw COPY.
NATIONAL = {
    "officers_search": ["--scale", "national"],
    "api_load": ["--no-answer-cache", "--vary", "--rounds", "3"],
    "officers_import": ["--rounds", "2"],
}


def available() -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.iter_modules([str(Path(__file__).parent)])
        if not info.name.startswith("_")
    )


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", help=f"benchmarks to run (default: all): {available()}")
    parser.add_argument("--scale", choices=["city", "national"], default="city")
    args, rest = parser.parse_known_args()
    for name in args.names or available():
        if name not in available():
            parser.error(f"unknown benchmark {name!r}; choose from {available()}")
        print(f"\n=== {name} ===")
        scale = NATIONAL.get(name, []) if args.scale == "national" else []
        sys.argv = [f"bench.{name}", *scale, *rest]
        importlib.import_module(f"bench.{name}").main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
