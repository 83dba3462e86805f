"""`python -m actlocal.servicecheck`: one clear line when PostgreSQL or Redis cannot be reached.

Run by `make test` before anything else so a missing service is not reported as 200 failures.
"""

from __future__ import annotations

import os
import sys
from urllib.parse import urlparse


def main() -> int:
    import psycopg
    import redis

    db_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/actlocal")
    parsed = urlparse(db_url)
    try:
        psycopg.connect(
            host=parsed.hostname or "127.0.0.1",
            port=parsed.port or 5432,
            user=parsed.username or "postgres",
            password=parsed.password or None,
            dbname="postgres",
            connect_timeout=3,
        ).close()
    except Exception as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(
            f"PostgreSQL is not reachable at {parsed.hostname}:{parsed.port or 5432} ({first}); "
            "start it (see DEVELOPERS.md) or set TEST_DATABASE_URL.",
            file=sys.stderr,
        )
        return 1
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=3).ping()
    except Exception as exc:
        print(
            f"Redis is not reachable at {redis_url} ({exc}); start it (see DEVELOPERS.md).",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
