"""`python -m shopdesk` is the same front door as the `shopdesk` command."""

from shopdesk.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
