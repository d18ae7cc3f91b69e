"""`make bench`: the portal under gunicorn with production settings on PostgreSQL with a
large demo site, driven by wrk, against a trivial WSGI app serving the same bytes.

It prints, for each page: requests per second, p50/p95/p99 latency, SQL queries per
request, and the ratio to the trivial app measured in the same run (for the article rows,
just before each). Everything talks to 127.0.0.1 only; every load run is bounded in time.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
DB_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench")
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "100000"))
DURATION = os.environ.get("BENCH_DURATION", "10s")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "16")
WORKERS = os.environ.get("BENCH_WORKERS", str((os.cpu_count() or 2) * 2 + 1))
PORTAL_PORT, CACHED_PORT, TRIVIAL_PORT, REDIS_PORT = 8301, 8302, 8303, 8304
BENCH_REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/1")
SPREAD = int(os.environ.get("BENCH_SPREAD", "5000"))  # distinct articles in the spread run


def env(**extra) -> dict:
    base = dict(os.environ)
    base.update(
        DATABASE_URL=DB_URL,
        DEBUG="0",
        SECRET_KEY="bench-secret-key-not-for-production-0123456789abcdef",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        STATIC_ROOT=str(ROOT / "var" / "bench-static"),
        DJANGO_SETTINGS_MODULE="config.settings.base",
        LOG_LEVEL="WARNING",
        GUNICORN_ACCESSLOG="/dev/null",
    )
    base.update(extra)
    return base


def run(*args, **extra):
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env(**extra), check=True)


def ensure_database():
    name = DB_URL.rsplit("/", 1)[1]
    admin_url = DB_URL.rsplit("/", 1)[0] + "/postgres"
    import psycopg2

    conn = psycopg2.connect(admin_url)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cur.fetchone() is None:
            cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def start(app: str, port: int, **extra) -> subprocess.Popen:
    # The server's log goes to a file: a pipe nobody reads fills up, and then blocks it.
    log = tempfile.TemporaryFile()  # noqa: SIM115 - open while the server runs
    proc = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "-c",
            "config/gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            WORKERS,
            app,
        ],
        cwd=ROOT,
        env=env(**extra),
        stdout=subprocess.DEVNULL,
        stderr=log,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    log.seek(0)
    raise SystemExit(f"{app} did not start on port {port}: {log.read().decode()[-2000:]}")


def stop(proc: subprocess.Popen):
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=30)


def wrk(port: int, path: str, connections: str = CONNECTIONS, paths_file: str = "") -> dict:
    """One bounded wrk run on ``path``, or on the paths listed in ``paths_file`` in turn."""
    url = f"http://127.0.0.1:{port}{path}"
    urllib.request.urlopen(url, timeout=10).read()  # warm up
    out = subprocess.run(
        [
            "wrk",
            "-t1" if connections == "1" else "-t2",
            f"-c{connections}",
            f"-d{DURATION}",
            "--timeout",
            "10s",
            "-s",
            str(ROOT / "bench" / "report.lua"),
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**os.environ, "BENCH_PATHS_FILE": paths_file},
    ).stdout
    match = re.search(r"BENCH (.*)", out)
    return {k: float(v) for k, v in (item.split("=") for item in match.group(1).split())}


def queries_per_request(paths: list[str], page_cache: str = "0") -> dict:
    """SQL queries each page runs, measured in-process on the same database."""
    code = (
        "import json,sys,django;django.setup();"
        "from django.test import Client;from django.db import connection;"
        "from django.test.utils import CaptureQueriesContext;c=Client();out={};"
        "[c.get(p) for p in sys.argv[1:]];"  # warm caches (site chrome, counts)
        "exec('for p in sys.argv[1:]:\\n with CaptureQueriesContext(connection) as q:\\n"
        "  r=c.get(p)\\n out[p]=[r.status_code,len(q)]');print(json.dumps(out))"
    )
    result = subprocess.run(
        [PY, "-c", code, *paths],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env(PAGE_CACHE_SECONDS=page_cache),
        check=True,
    )
    measured = json.loads(result.stdout.strip().splitlines()[-1])
    failed = {path: status for path, (status, _) in measured.items() if status != 200}
    if failed:
        raise SystemExit(f"pages did not answer 200: {failed}")
    return measured


def sample_paths() -> dict:
    code = (
        "import json,django;django.setup();from news.models import Article;"
        "from members.models import Zone;"
        "a=Article.objects.published().filter(zone__isnull=False).select_related('zone')"
        ".order_by('-published_at')[500];"
        "d=a.published_at.date();"
        "print(json.dumps({'article':a.get_absolute_url(),'zone':a.zone.get_absolute_url(),"
        "'zone_slug':a.zone.slug,'region':a.zone.region_id[:2]+'0000',"
        "'date_from':str(d.replace(year=d.year-1)),'date_to':str(d)}))"
    )
    out = subprocess.run(
        [PY, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env(), check=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def spread_paths() -> str:
    """A file of ``SPREAD`` article paths in a fixed random order: a run over them renders
    articles no recent request rendered (the long tail a crawler or a shared link hits)."""
    code = (
        "import django,random;django.setup();from news.models import Article;"
        "ids=list(Article.objects.published().values_list('id',flat=True));"
        f"random.Random(6).shuffle(ids);print('\\n'.join(f'/news/{{i}}/' for i in ids[:{SPREAD}]))"
    )
    out = subprocess.run(
        [PY, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env(), check=True
    ).stdout
    paths = [line for line in out.splitlines() if line.startswith("/news/")]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
        fh.write("\n".join(paths) + "\n")
    return fh.name


def empty_redis():
    import redis

    redis.Redis.from_url(BENCH_REDIS_URL).flushdb()


def home_weight(port: int) -> int:
    """Bytes a browser transfers for the home page without images: the HTML gzipped (as
    the proxy in front would send it) plus every stylesheet and script, compressed."""
    import gzip

    base = f"http://127.0.0.1:{port}"
    html = urllib.request.urlopen(base + "/", timeout=10).read()
    total = len(gzip.compress(html))
    for asset in re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html):
        request = urllib.request.Request(base + asset.decode(), headers={"Accept-Encoding": "gzip"})
        total += len(urllib.request.urlopen(request, timeout=10).read())
    return total


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk (make bench does this).")
    ensure_database()
    run("migrate", "--noinput", "-v", "0")
    run("seed_demo", "--articles", str(ARTICLES))
    run("collectstatic", "--noinput", "-v", "0")
    s = sample_paths()
    pages = {
        "article page": s["article"],
        "/news/ zone+region+date": (
            f"/news/?zone={s['zone_slug']}&region={s['region']}"
            f"&date_from={s['date_from']}&date_to={s['date_to']}"
        ),
        "zone page": s["zone"],
        "search": "/news/?q=%E6%8B%9B%E5%95%86%E5%BC%95%E8%B5%84",
    }
    queries = queries_per_request(list(pages.values()))
    cached_queries = queries_per_request([s["article"]], page_cache="600")[s["article"]][1]
    portal = start("config.wsgi", PORTAL_PORT, PAGE_CACHE_SECONDS="0")
    cached = start("config.wsgi", CACHED_PORT, PAGE_CACHE_SECONDS="600")
    empty_redis()
    shared = start("config.wsgi", REDIS_PORT, PAGE_CACHE_SECONDS="600", REDIS_URL=BENCH_REDIS_URL)
    spread = spread_paths()
    try:
        url = f"http://127.0.0.1:{PORTAL_PORT}{s['article']}"
        html = urllib.request.urlopen(url, timeout=10).read()
        with tempfile.NamedTemporaryFile(suffix=".html", delete=False) as fh:
            fh.write(html)
        trivial = start("bench.trivial_wsgi", TRIVIAL_PORT, BENCH_BODY_FILE=fh.name)
        # The trivial app answers every path, /healthz included, with the same bytes.
        weight = home_weight(PORTAL_PORT)
        results, ceilings = {}, {}
        # Each article row is compared with the trivial app measured just before it: the
        # machine's speed drifts by some 15 % over a run, which would otherwise land on
        # whichever rows ran in a slow stretch.
        article_rows = [
            ("article page, uncached", PORTAL_PORT, s["article"], ""),
            (f"article, uncached, {SPREAD} others", PORTAL_PORT, "/", spread),
            ("article page, cached", CACHED_PORT, s["article"], ""),
            ("article page, cached (Redis)", REDIS_PORT, s["article"], ""),
        ]
        for label, port, path, paths_file in article_rows:
            ceilings[label] = wrk(TRIVIAL_PORT, "/")["rps"]
            results[label] = wrk(port, path, paths_file=paths_file)
        trivial_runs = sorted(ceilings.values())
        stop(trivial)
        for label in ("/news/ zone+region+date", "zone page", "search"):
            results[f"{label}, uncached"] = wrk(PORTAL_PORT, pages[label])
        # Latency for one visitor at a time (no queueing behind the other connections).
        alone = {label: wrk(PORTAL_PORT, path, connections="1") for label, path in pages.items()}
    finally:
        stop(portal)
        stop(cached)
        stop(shared)
        os.unlink(spread)
    median_ceiling = (trivial_runs[1] + trivial_runs[2]) / 2
    print(
        f"\n{ARTICLES} articles, gunicorn {WORKERS} sync workers, wrk -t2 -c{CONNECTIONS} "
        f"-d{DURATION}, {os.cpu_count()} cores, one run\n"
    )
    print(
        "trivial WSGI app (same bytes), measured before each article row: "
        + ", ".join(f"{rps:.0f}" for rps in ceilings.values())
        + f" req/s (median {median_ceiling:.0f})\n"
    )
    print(
        f"{'page':34} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'queries':>7} {'vs trivial':>10}"
    )
    query_of = {
        "article page, uncached": queries[s["article"]][1],
        f"article, uncached, {SPREAD} others": queries[s["article"]][1],
        "article page, cached": cached_queries,
        "article page, cached (Redis)": cached_queries,
        "/news/ zone+region+date, uncached": queries[pages["/news/ zone+region+date"]][1],
        "zone page, uncached": queries[s["zone"]][1],
        "search, uncached": queries[pages["search"]][1],
    }
    for label, r in results.items():
        q = query_of.get(label, "-")
        ceiling = ceilings.get(label, median_ceiling)
        print(
            f"{label:34} {r['rps']:9.1f} {r['p50']:8.2f} {r['p95']:8.2f} {r['p99']:8.2f} "
            f"{q!s:>7} {r['rps'] / ceiling:9.1%}"
        )
        if r["errors"]:
            print(f"  !! {int(r['errors'])} of {int(r['requests'])} requests failed or timed out")
    print("\none connection at a time (latency without queueing), uncached:")
    for label, r in alone.items():
        print(
            f"  {label:32} p50 {r['p50']:7.2f} ms   p95 {r['p95']:7.2f} ms   p99 {r['p99']:7.2f} ms"
        )
    print(f"\nhome page without images: {weight / 1024:.1f} KB transferred (gzip)")
    if any(r["errors"] for r in [*results.values(), *alone.values()]):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
