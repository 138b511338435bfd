"""Many people on one server: 1, 5, 10 and 20 simulated users, each loading the page, searching,
adding a food and saving the plan, all starting at once.

    python -m bench.load                      # one app process; PostgreSQL if installed, else SQLite
    python -m bench.load --processes 2        # two, users spread over them (what nginx does)
    python -m bench.load --users 20 --py-spy /tmp/spy.raw    # and where the time went

The client speaks Streamlit's own websocket protocol (the protobuf BackMsg/ForwardMsg the
browser's frontend sends and receives on /_stcore/stream): it sends what a browser sends for
each click (the widget values and the button's trigger, with the fragment's id when the widget
lives in one) and waits for the run's `script_finished`, so a latency is the server's answer
time, queueing included. Headless Chromium was the alternative; on a two-core machine twenty
browser contexts drawing the page, its table and its charts would take the cores from the
server and the numbers would measure the browsers. These clients cost a few milliseconds of
CPU per action. What they skip: the page's static files (the same for everyone, cached by
browsers) and drawing.

Per level: p50/p95 per action; the app processes' CPU seconds per user (/proc/<pid>/stat);
their resident memory (VmRSS, /proc/<pid>/status) before the level, with every session open
(and per open session), and after everyone left: past Streamlit's disconnected-session TTL
(`--ttl`, `server.disconnectedSessionTTL`) and one more visit, since Streamlit drops expired
sessions only when a visitor next comes or goes. The same processes serve every level in turn,
so memory that is not given back shows as a rising "before". The 1-user line is one user five
times in a row, after a warm-up visit: the single-user numbers of the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import os
import re
import secrets
import signal
import statistics
import subprocess
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from bench import timing
from tests.support.postgres_server import PostgresMissing, start_postgres
from tests.support.streamlit_server import AppSpec, RunningApp, free_port, running_streamlit

ACTIONS = ("load", "search", "add", "save")
QUERIES = ("milk", "eggs", "salmon", "soy milk", "cheddar cheese", "beef liver", "yogurt", "cereal")
DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
RUN_TIMEOUT_S = 300
SINGLE_USER_ROUNDS = 5  # one user, five times in a row: p50/p95 of one visitor alone
COLD_VISITORS = 5


class RunFailed(RuntimeError):
    """The app answered an action with an exception or without the expected message."""


@dataclass
class Widget:
    id: str
    fragment_id: str


@dataclass
class User:
    """One visitor's websocket session, speaking the frontend's protocol."""

    url: str
    widgets: dict[tuple[str, str], Widget] = field(default_factory=dict)  # (kind, label) -> widget
    alerts: list[str] = field(default_factory=list)  # this run's st.success/info/warning/error texts
    page_script_hash: str = ""

    async def connect(self) -> None:
        address = self.url.replace("http://", "ws://") + "/_stcore/stream"
        self.socket = await websockets.connect(address, subprotocols=["streamlit"], origin=self.url,
                                               max_size=None, ping_interval=None)

    async def close(self) -> None:
        await self.socket.close()

    async def run(self, states: list[WidgetState], fragment_id: str = "") -> None:
        """Send one rerun (what a click sends) and read until the run, and any rerun it asks for, ends."""
        message = BackMsg()
        client = message.rerun_script
        client.page_script_hash = self.page_script_hash
        client.fragment_id = fragment_id
        client.widget_states.widgets.extend(states)
        self.alerts = []
        await self.socket.send(message.SerializeToString())
        async with asyncio.timeout(RUN_TIMEOUT_S):
            while True:
                reply = ForwardMsg()
                reply.ParseFromString(await self.socket.recv())
                kind = reply.WhichOneof("type")
                if kind == "new_session":
                    self.page_script_hash = reply.new_session.page_script_hash
                elif kind == "delta" and reply.delta.WhichOneof("type") == "new_element":
                    self._note(reply.delta.new_element, reply.delta.fragment_id)
                elif kind == "script_finished":
                    if reply.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                        raise RunFailed("the app did not compile")
                    if reply.script_finished in DONE:
                        return

    def _note(self, element, fragment_id: str) -> None:
        kind = element.WhichOneof("type")
        if kind == "exception":
            raise RunFailed(f"the app raised {element.exception.type}: {element.exception.message}")
        if kind == "alert":
            self.alerts.append(element.alert.body)
        elif kind == "html":  # the app's toast (confirmations) is HTML: read its text
            self.alerts.append(html.unescape(re.sub(r"<[^>]+>", " ", element.html.body)))
        elif kind in ("text_input", "button", "selectbox"):
            widget = getattr(element, kind)
            self.widgets[(kind, widget.label)] = Widget(widget.id, fragment_id)
            key = widget.id.rsplit("-", 1)[-1]  # "$$ID-<hash>-<key>" for a widget with a key
            if widget.id.startswith("$$ID-") and key != "None":
                self.widgets[(kind, f"key={key}")] = Widget(widget.id, fragment_id)

    def widget(self, kind: str, label: str) -> Widget:
        try:
            return self.widgets[(kind, label)]
        except KeyError:
            raise RunFailed(f"no {kind} labelled {label!r} on the page") from None

    def expect(self, text: str) -> None:
        if not any(text in alert for alert in self.alerts):
            raise RunFailed(f"expected {text!r}, got {self.alerts}")

    async def submit(self, form_text: tuple[str, str], button: str) -> None:
        """Type into a form's text box and press its submit button, as the frontend sends it."""
        box, submit = self.widget("text_input", form_text[0]), self.widget("button", button)
        await self.run([WidgetState(id=box.id, string_value=form_text[1]),
                        WidgetState(id=submit.id, trigger_value=True)],
                       submit.fragment_id)

    async def click(self, button: str) -> None:
        pressed = self.widget("button", button)
        await self.run([WidgetState(id=pressed.id, trigger_value=True)], pressed.fragment_id)


async def one_user(url: str, number: int, label: str, times: dict[str, list[float]]) -> User:
    """Load, search, add the first match, save under a name of its own; the session stays open."""
    user = User(url)
    start = time.perf_counter()
    await user.connect()
    await user.run([])
    times["load"].append(time.perf_counter() - start)
    steps = [
        ("search", lambda: user.submit(("Search foods", QUERIES[number % len(QUERIES)]), "Search"), None),
        ("add", lambda: user.click("key=add_food"), "Added "),  # its label names the food, the amount and the meal
        ("save", lambda: user.submit(("Plan name", f"Load {label} user {number}"), "Save this plan"), "Saved as "),
    ]
    for action, step, expected in steps:
        start = time.perf_counter()
        await step()
        times[action].append(time.perf_counter() - start)
        if expected:
            user.expect(expected)
    return user


@dataclass(frozen=True)
class Level:
    users: int
    sessions: int  # sessions the server held when `rss_open` was read (closed ones wait for the TTL)
    times: dict[str, list[float]]
    cpu_s: float  # per user
    rss_before: int
    rss_open: int
    rss_after: int


def rss_bytes(pids: list[int]) -> int:
    """Resident memory of the app processes together."""
    total = 0
    for pid in pids:
        status = Path(f"/proc/{pid}/status").read_text()
        total += int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.M).group(1)) * 1024
    return total


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of the app processes so far."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


async def level(apps: list[RunningApp], users: int, label: str, ttl_s: int, rounds: int = 1) -> Level:
    """`users` at once, spread over the app processes in turn (`rounds` times in a row, for steadier
    single-user numbers); memory is read with every session of the last round open, and again
    after everyone left."""
    times: dict[str, list[float]] = {action: [] for action in ACTIONS}
    pids = [app.pid for app in apps]
    rss_before, cpu_before = rss_bytes(pids), cpu_seconds(pids)
    for round_ in range(rounds):
        sessions = await asyncio.gather(*(one_user(apps[n % len(apps)].url, n, f"{label}.{round_}", times)
                                          for n in range(users)))
        if round_ < rounds - 1:
            await asyncio.gather(*(session.close() for session in sessions))
    cpu_s = cpu_seconds(pids) - cpu_before
    rss_open = rss_bytes(pids)
    await asyncio.gather(*(session.close() for session in sessions))
    await asyncio.gather(*(leave(app.url, ttl_s) for app in apps))
    return Level(users, users * rounds, times, cpu_s / (users * rounds), rss_before, rss_open, rss_bytes(pids))


async def leave(url: str, ttl_s: int) -> None:
    """Wait out the disconnected-session TTL, then one more visit: Streamlit drops expired
    sessions only when its session store is next written (a visitor comes or goes), never on a
    timer, so on an idle server they stay until then."""
    await asyncio.sleep(ttl_s + 2)
    visitor = User(url)
    await visitor.connect()
    await visitor.run([])
    await visitor.close()
    await asyncio.sleep(2)


def ms(values: list[float], q: int) -> str:
    if len(values) == 1:
        return f"{values[0] * 1000:7.0f}"
    if q == 50:
        return f"{statistics.median(values) * 1000:7.0f}"
    return f"{timing.percentile([v * 1000 for v in values], q):7.0f}"


def report(results: list[Level]) -> None:
    mib = 1024 * 1024
    print(f"{'users':>5} " + " ".join(f"{a + ' p50/p95 ms':>20}" for a in ACTIONS)
          + f" {'CPU s/user':>10} {'RSS before':>10} {'open':>8} {'MiB/sess':>8} {'after':>8}")
    for result in results:
        cells = " ".join(f"{ms(result.times[a], 50) + ' /' + ms(result.times[a], 95):>20}" for a in ACTIONS)
        per_session = (result.rss_open - result.rss_before) / result.sessions / mib
        print(f"{result.users:>5} {cells} {result.cpu_s:>10.2f} {result.rss_before / mib:>10.1f} "
              f"{result.rss_open / mib:>8.1f} {per_session:>8.2f} {result.rss_after / mib:>8.1f}")


def profile_summary(raw: Path) -> None:
    """Where the server's CPU went, from py-spy's samples: how much was the app's script (our
    code and the Streamlit calls it makes) and, inside it, our functions (a function counts
    wherever it is on the stack); then the functions most often on top of the stack."""
    ours: Counter[str] = Counter()
    leaves: Counter[str] = Counter()
    total = script = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack:
            continue
        samples, frames = int(count), [re.sub(r":\d+\)$", ")", frame) for frame in stack.split(";")]
        total += samples
        script += samples if any(frame.startswith("ScriptRunner._run_script.") for frame in frames) else 0
        for frame in set(frames):
            if re.search(r"\((app\.py|ui/|planner/)", frame):
                ours[frame] += samples
        leaves[frames[-1]] += samples
    print(f"\nWhere the server's time went ({total} py-spy samples of busy threads): "
          f"{100 * script / total:.0f} % running the app's script")
    for frame, count in ours.most_common(14):
        print(f"  {100 * count / total:5.1f} %  {frame}")
    print("On top of the stack most often:")
    for frame, count in leaves.most_common(8):
        print(f"  {100 * count / total:5.1f} %  {frame[-110:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, nargs="+", default=[1, 5, 10, 20])
    parser.add_argument("--ttl", type=int, default=10, help="server.disconnectedSessionTTL, seconds")
    parser.add_argument("--processes", type=int, default=1, help="app processes (users are spread over them)")
    parser.add_argument("--sqlite", action="store_true", help="SQLite even when PostgreSQL is installed")
    parser.add_argument("--py-spy", type=Path, metavar="RAW", help="record the server with py-spy into RAW and "
                        "print where the time went (pip install py-spy)")
    args = parser.parse_args()
    with ExitStack() as stack, tempfile.TemporaryDirectory() as folder:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("FDC_", "B12_PLANNER_"))}
        env.update(B12_PLANNER_DATA_DIR=str(Path(folder) / "data"), B12_PLANNER_MODE="local",
                   STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL=str(args.ttl),
                   STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
        database = "SQLite"
        if not args.sqlite:
            try:
                server = start_postgres(durable=True)
            except PostgresMissing as error:
                print(f"{error}: using SQLite")
            else:
                stack.callback(server.close)
                env["B12_PLANNER_DATABASE_URL"] = server.create_database("load")
                database = "PostgreSQL"
        apps = stack.enter_context(running_streamlit(*(
            AppSpec(env, free_port(), Path(folder) / f"streamlit-{n}.log") for n in range(args.processes))))
        print(f"{args.processes} app process(es) (pid {', '.join(str(app.pid) for app in apps)}), plans in {database}, "
              f"disconnected-session TTL {args.ttl} s, {os.cpu_count()} CPUs; each user: load, search, add, save; "
              "all users at once.")
        run_label = secrets.token_hex(2)
        # Warm-up: the first visitors of a fresh process read the bundled data and build the index
        # (once, however many arrive together: planner/once.py).
        cold = asyncio.run(level(apps, COLD_VISITORS * len(apps), f"warm-up {run_label}", args.ttl))
        print(f"Fresh server, {COLD_VISITORS} first visitors per process at once: "
              f"{ms(cold.times['load'], 50).strip()} ms "
              f"to load (p50), {cold.rss_open / 2**20:.0f} MiB resident.")
        if args.py_spy:
            spy = subprocess.Popen(["py-spy", "record", "--pid", str(apps[0].pid), "--format", "raw", "--rate", "100",
                                    "--nonblocking", "-o", str(args.py_spy)], stdout=subprocess.DEVNULL)
        results = [asyncio.run(level(apps, users, f"{run_label}-{users}", args.ttl,
                                     SINGLE_USER_ROUNDS if users == 1 else 1))
                   for users in args.users]
        report(results)
        if args.py_spy:
            spy.send_signal(signal.SIGINT)
            spy.wait(timeout=60)
            profile_summary(args.py_spy)


if __name__ == "__main__":
    main()
