"""``make demo``: the whole pipeline on the project's own example testimonies."""

from __future__ import annotations


def main() -> None:
    print("casework demo: the pipeline is being built; see README.md")


if __name__ == "__main__":
    main()
