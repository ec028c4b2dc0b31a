import argparse
import importlib
import pkgutil
import sys
from pathlib import Path


def available() -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.iter_modules([str(Path(__file__).parent)])
        if not info.name.startswith("_")
    )


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", help=f"benchmarks to run (default: all): {available()}")
    args, rest = parser.parse_known_args()
    for name in args.names or available():
        if name not in available():
            parser.error(f"unknown benchmark {name!r}; choose from {available()}")
        print(f"\n=== {name} ===")
        sys.argv = [f"bench.{name}", *rest]
        importlib.import_module(f"bench.{name}").main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
