"""The registration service and a headless Chromium for the browser tests.

The service is the binary `make browser-test` builds (`KIX_SERVICE_BIN`), started once for the
session on `--port 0` with a database and a hub file in a temporary folder, and stopped by its
pid. The hub is the one kix embeds (`kix-core/data/emap.json`, the file `kix_core::emap()`
reads) with webinar 20 moved a month ahead, at 11:00 UTC: 17:00 in Bishkek (UTC+6 all year),
and a copy of it, "webinar 21", whose registrations wait for an organiser's approval. Organiser
tokens for that database are made with the binary's own `token create` (`service.token(...)`).

Chromium is Debian's (`/usr/bin/chromium`), driven by Playwright without a browser download.
Every page a test opens records its console errors and uncaught exceptions, and the test fails
if there is any. Screenshots go to `target/screenshots/`.
"""
import datetime
import json
import os
import pathlib
import re
import signal
import subprocess
import zoneinfo

import pytest
from playwright.sync_api import sync_playwright

ROOT = pathlib.Path(__file__).resolve().parents[2]
EVENT = "kix-emap-webinar-20"
# The same webinar, with every registration pending until an organiser approves it.
APPROVAL_EVENT = "kix-emap-webinar-21"
SCREENSHOTS = ROOT / "target" / "screenshots"
CHROMIUM = os.environ.get("KIX_CHROMIUM", "/usr/bin/chromium")


def service_binary():
    given = os.environ.get("KIX_SERVICE_BIN")
    if given:
        return pathlib.Path(given)
    # Run by hand (pytest tests/browser): build it the way the Makefile does.
    subprocess.run(["cargo", "build", "--quiet", "-p", "registration-service"], cwd=ROOT, check=True)
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return target / "debug" / "registration-service"


def write_hub(folder):
    """The embedded hub with webinar 20 a month ahead at 11:00 UTC, 40 seats, a waiting list
    and consent required (so the form shows its box)."""
    hub = json.loads((ROOT / "kix-core" / "data" / "emap.json").read_text(encoding="utf-8"))
    event = next(e for e in hub["events"] if e["id"] == EVENT)
    day = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=30)).date()
    start = datetime.datetime(day.year, day.month, day.day, 11, 0, tzinfo=datetime.timezone.utc)
    # The event keeps its organiser's zone (Geneva); its wall clock there is what the hub holds.
    local = start.astimezone(zoneinfo.ZoneInfo(event["zone"])).replace(tzinfo=None)
    event["start"] = local.isoformat()
    event["end"] = (local + datetime.timedelta(minutes=90)).isoformat()
    event.pop("duration_minutes", None)
    event["registration"] = {"required": True, "capacity": 40, "waiting_list": True, "consent_required": True}
    approval = json.loads(json.dumps(event))
    approval.update(id=APPROVAL_EVENT, number=21)
    approval["registration"] = {"required": True, "capacity": 40, "approval": "manual"}
    hub["events"].append(approval)
    path = folder / "hub.json"
    path.write_text(json.dumps(hub, ensure_ascii=False), encoding="utf-8")
    return path


class Service:
    """A running service: its base URL and its database, where tokens are made and revoked."""

    def __init__(self, binary, url, db):
        self.binary, self.url, self.db = binary, url, db

    def token(self, name, *options):
        """A new organiser token (`token create --db DB --name NAME [OPTIONS]`): its last line."""
        out = subprocess.run([str(self.binary), "token", "create", "--db", str(self.db), "--name", name, *options],
                             check=True, capture_output=True, text=True)
        return out.stdout.strip().splitlines()[-1]

    def revoke(self, name):
        subprocess.run([str(self.binary), "token", "revoke", "--db", str(self.db), name], check=True,
                       capture_output=True)


@pytest.fixture(scope="session")
def running_service(tmp_path_factory):
    """The running service (`Service`)."""
    folder = tmp_path_factory.mktemp("service")
    hub = write_hub(folder)
    binary = service_binary()
    db = folder / "kix.sqlite3"
    process = subprocess.Popen(
        [str(binary), "--port", "0", "--db", str(db), "--hub", str(hub),
         # Every test registers from this one address; the limit itself is tested in Rust.
         "--submit-rate", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        found = re.match(r"listening on (http://\S+)", line)
        assert found, f"the service did not start: {line!r}"
        yield Service(binary, found.group(1), db)
    finally:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="session")
def service(running_service):
    """The base URL of the running service."""
    return running_service.url


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield browser
        browser.close()


class Visitor:
    """One person's browser: a context with their language and zone, and the console errors
    of every page they open."""

    def __init__(self, browser, service, **context):
        self.service = service
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.errors = []
        self.page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))

    def open(self, path):
        self.page.goto(self.service + path)
        return self.page

    def screenshot(self, name):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def visitor(browser, service):
    """Opens a visitor's browser (`visitor(locale=..., timezone_id=...)`); at the end of the
    test, no page may have logged an error."""
    opened = []

    def open_visitor(**context):
        v = Visitor(browser, service, **context)
        opened.append(v)
        return v

    yield open_visitor
    errors = [e for v in opened for e in v.errors]
    for v in opened:
        v.context.close()
    assert errors == [], "the pages logged errors"
