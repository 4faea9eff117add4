"""Build the review page of A/74/400 and take a screenshot of it with headless Chromium.

    python scripts/review_screenshot.py [out/review.png] [--threshold 0.9] [--all]

With ``aligner.pipeline`` available the page shows the pipeline's alignment of the shared
corpus; until then it is built from the gold beads, one link per bead, with a stand-in
confidence from the length ratio and the numbers of each side (a demo, not a measure).

Also home of ``Chromium``, the small DevTools-protocol driver the review tests use: it talks
to the browser over ``--remote-debugging-pipe``, so it needs no Python package and no port.
"""

from __future__ import annotations

import argparse
import base64
import fcntl
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from aligner.model import Bitext, Disagreement, Document, Link, Sentence, StructuralAlignment  # noqa: E402
from aligner.writers.review import write_review  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
)
CORPUS = REPO.parent / "shared" / "corpora" / "un-a74400"

# Key events need the legacy key code as well as the key for Chromium to deliver them fully.
KEY_CODES = {"ArrowDown": 40, "ArrowUp": 38, "Escape": 27, "Enter": 13, "/": 191}


class BrowserError(RuntimeError):
    """The browser answered a command with an error, or did not answer in time."""


class Chromium:
    """A headless Chromium with one page, driven over the DevTools protocol on a pipe.

    Chromium reads commands on fd 3 and writes replies and events on fd 4, each a JSON
    message ended by a NUL byte. Use as a context manager; the profile is a fresh temporary
    folder removed on exit.
    """

    def __init__(self, executable: Path = CHROMIUM, *, width: int = 1440, height: int = 960) -> None:
        self._profile = tempfile.TemporaryDirectory(prefix="review-chromium-")
        self._next_id = 0
        self._replies: dict[int, dict[str, Any]] = {}
        self.events: list[dict[str, Any]] = []
        self._changed = threading.Condition()
        self.session: str | None = None
        self._process, self._commands, self._messages = self._launch(executable, width, height)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.session = self._attach_page()
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )

    def _launch(self, executable: Path, width: int, height: int) -> tuple[subprocess.Popen, int, int]:
        """Start Chromium with the two pipe ends it expects as fds 3 and 4.

        The ends are first moved to fds >= 10 so that the redirections cannot clobber each
        other, whatever numbers the pipes got (bash, since dash has no fds above 9).
        """
        to_browser, commands = os.pipe()
        messages, from_browser = os.pipe()
        to_browser, from_browser = _high_fd(to_browser), _high_fd(from_browser)
        shell = f'exec "$0" "$@" 3<&{to_browser} 4>&{from_browser} {to_browser}<&- {from_browser}>&-'
        arguments = [
            *CHROMIUM_FLAGS,
            f"--user-data-dir={self._profile.name}",
            f"--window-size={width},{height}",
            "about:blank",
        ]
        process = subprocess.Popen(
            ["/bin/bash", "-c", shell, str(executable), *arguments],
            pass_fds=(to_browser, from_browser),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser)
        os.close(from_browser)
        return process, commands, messages

    def _read(self) -> None:
        pending = b""
        while chunk := os.read(self._messages, 1 << 16):
            pending += chunk
            *complete, pending = pending.split(b"\0")
            with self._changed:
                for raw in complete:
                    message = json.loads(raw)
                    if "id" in message:
                        self._replies[message["id"]] = message
                    else:
                        self.events.append(message)
                self._changed.notify_all()

    def _attach_page(self) -> str:
        targets = self.send("Target.getTargets")["targetInfos"]
        page = next((target["targetId"] for target in targets if target["type"] == "page"), None)
        if page is None:
            page = self.send("Target.createTarget", url="about:blank")["targetId"]
        return self.send("Target.attachToTarget", targetId=page, flatten=True)["sessionId"]

    def send(
        self, method: str, *, timeout: float = 20.0, browser: bool = False, **params: Any
    ) -> dict[str, Any]:
        """Send one command to the page (to the browser itself before a page is attached, or
        with ``browser=True``) and wait for its result."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if self.session and not browser:
            message["sessionId"] = self.session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        reply = self._wait(lambda: self._replies.pop(message["id"], None), timeout, method)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def _wait(self, found: Any, timeout: float, what: str) -> Any:
        deadline = time.monotonic() + timeout
        with self._changed:
            while (result := found()) is None:
                left = deadline - time.monotonic()
                if left <= 0 or self._process.poll() is not None:
                    raise BrowserError(f"no answer from Chromium for {what}")
                self._changed.wait(left)
        return result

    def open(self, url: str, timeout: float = 20.0) -> None:
        """Load ``url`` and wait for its load event."""
        with self._changed:
            self.events.clear()
        self.send("Page.navigate", url=url)
        self._wait(
            lambda: next((e for e in self.events if e["method"] == "Page.loadEventFired"), None), timeout, url
        )

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises are awaited)."""
        reply = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in reply:
            raise BrowserError(f"{expression!r}: {reply['exceptionDetails'].get('text')}")
        return reply["result"].get("value")

    def press(self, key: str) -> None:
        """Press and release one key, as a user would."""
        code = KEY_CODES.get(key, ord(key.upper()) if len(key) == 1 else 0)
        typed = {"text": key} if len(key) == 1 else {}
        self.send("Input.dispatchKeyEvent", type="keyDown", key=key, windowsVirtualKeyCode=code, **typed)
        self.send("Input.dispatchKeyEvent", type="keyUp", key=key, windowsVirtualKeyCode=code)

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and browser log errors (CSP refusals among them)."""
        found = []
        with self._changed:
            events = list(self.events)
        for event in events:
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(params["exceptionDetails"].get("text", "exception"))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(" ".join(str(arg.get("value", "")) for arg in params.get("args", [])))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                found.append(params["entry"].get("text", ""))
        return found

    def screenshot(self, path: Path) -> None:
        shot = self.send("Page.captureScreenshot", format="png")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        try:
            if self._process.poll() is None:
                self.send("Browser.close", timeout=5, browser=True)
            self._process.wait(timeout=10)
        except (BrowserError, OSError, subprocess.TimeoutExpired):
            self._process.kill()
            self._process.wait()
        finally:
            os.close(self._commands)
            self._reader.join(timeout=5)
            os.close(self._messages)
            self._profile.cleanup()

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _high_fd(fd: int) -> int:
    """A duplicate of ``fd`` numbered 10 or more; ``fd`` itself is closed."""
    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return high


# --- a Bitext from the gold beads, until the pipeline exists ---------------------------------

RESOLUTION = re.compile(r"^Projet de (?:résolution|décision) ([IVXLC]+)\s*$")
NUMBERED = re.compile(r"^(\d+)\.\s")
FOOTNOTE = re.compile(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Þ«“])")
DIGITS = re.compile(r"\d+")
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def split_sentences(text: str, count: int) -> list[str]:
    """``text`` cut into ``count`` sentences (the bead says how many it holds)."""
    if count <= 1 or not text:
        return [text] if count == 1 else []
    pieces: list[str] = []
    for piece in SENTENCE_END.split(text):
        if pieces and NUMBERED.match(pieces[-1] + " ") and pieces[-1][:-1].isdigit():
            pieces[-1] = f"{pieces[-1]} {piece}"  # "2." is a paragraph number, not a sentence
        else:
            pieces.append(piece)
    if len(pieces) < count:
        return [text, *[""] * (count - 1)]
    return [*pieces[: count - 1], " ".join(pieces[count - 1 :])]


class KeyGuesser:
    """Unit keys from the text: the leading paragraph number, inside the current draft
    resolution if any; beads without a number belong to their block."""

    def __init__(self) -> None:
        self.resolution = ""
        self.last_block = ""
        self.last_key = ""

    def key(self, block: str, french: str) -> str:
        if match := RESOLUTION.match(french):
            self.resolution = f"res:{match.group(1)}"
        prefix = f"{self.resolution}/" if self.resolution else ""
        if match := NUMBERED.match(french):
            key = f"{prefix}{'op' if self.resolution else 'para'}:{match.group(1)}"
        elif match := FOOTNOTE.match(french):
            key = f"{prefix}fn:{match.group(1).translate(SUPERSCRIPTS)}"
        elif block == self.last_block:
            key = self.last_key
        else:
            key = f"{prefix}block:{block}"
        self.last_block, self.last_key = block, key
        return key


def stand_in_confidence(french: str, english: str, kind: str) -> float:
    """A plausible-looking score for the demo: the length ratio (trusted less on short
    texts), lowered where the numbers differ or the link is not 1-1."""
    if not french or not english:
        return 0.2
    ratio = len(english) / len(french) / 0.92
    weight = min(1.0, (len(french) + len(english)) / 300)
    score = math.exp(-1.2 * weight * abs(math.log(ratio)))
    if sorted(DIGITS.findall(french)) != sorted(DIGITS.findall(english)):
        score *= 0.6
    if kind != "1-1":
        score *= 0.85
    return round(score, 3)


def gold_bitext(folder: Path) -> Bitext:
    """One link per gold bead, and stand-in disagreements where the numbers differ."""
    source: list[Sentence] = []
    target: list[Sentence] = []
    links: list[Link] = []
    disagreements: list[Disagreement] = []
    keys = KeyGuesser()
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        bead = json.loads(line)
        key = keys.key(bead["block"], bead["fr"])
        french = split_sentences(bead["fr"], bead["fr_n"])
        english = split_sentences(bead["en"], bead["en_n"])
        first_source, first_target = len(source), len(target)
        source += [Sentence(text, key, i) for i, text in enumerate(french, first_source)]
        target += [Sentence(text, key, i) for i, text in enumerate(english, first_target)]
        link = Link(
            tuple(range(first_source, len(source))), tuple(range(first_target, len(target))), 0.0, key
        )
        link.confidence = stand_in_confidence(bead["fr"], bead["en"], link.kind)
        links.append(link)
        disagreements += _stand_in_disagreements(key, bead["fr"], bead["en"])
    structure = StructuralAlignment(
        Document(str(folder / "fr.txt"), "fr", "text", []),
        Document(str(folder / "en.txt"), "en", "text", []),
        [],
        disagreements,
    )
    return Bitext(
        "fr",
        "en",
        source,
        target,
        links,
        structure,
        str(folder / "fr.txt"),
        str(folder / "en.txt"),
        "A/74/400",
    )


def _stand_in_disagreements(key: str, french: str, english: str) -> list[Disagreement]:
    if not english:
        return [Disagreement("missing", key, "no English counterpart")]
    only_fr = sorted(set(DIGITS.findall(french)) - set(DIGITS.findall(english)))
    only_en = sorted(set(DIGITS.findall(english)) - set(DIGITS.findall(french)))
    if not only_fr and not only_en:
        return []
    detail = f"numbers only in French: {', '.join(only_fr) or 'none'}; only in English: {', '.join(only_en) or 'none'}"
    return [Disagreement("number", key, detail)]


def corpus_bitext(folder: Path) -> tuple[Bitext, str]:
    """The pipeline's alignment when the pipeline exists, else the gold stand-in."""
    try:
        from aligner.pipeline import align_files
    except ImportError:
        return gold_bitext(folder), "gold beads (stand-in confidences)"
    return align_files(folder / "fr.txt", folder / "en.txt"), "aligner.pipeline"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("png", nargs="?", type=Path, default=REPO / "out" / "review.png")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--threshold", type=float, default=0.9)
    parser.add_argument("--all", action="store_true", help="untick the filter before the screenshot")
    parser.add_argument("--press", default="", help="keys to press before the screenshot, e.g. jjjn")
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--height", type=int, default=960)
    options = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"review_screenshot: {CHROMIUM} not found (apt-get install -y chromium)", file=sys.stderr)
        return 2
    bitext, origin = corpus_bitext(options.corpus)
    page = options.png.with_suffix(".html")
    write_review(bitext, page, threshold=options.threshold)
    with Chromium(width=options.width, height=options.height) as browser:
        browser.open(page.resolve().as_uri())
        timing = browser.evaluate(
            "[document.documentElement.dataset.renderMs, document.documentElement.dataset.readyMs]"
        )
        if options.all:
            browser.evaluate("document.getElementById('filter-on').click()")
        for key in options.press:
            browser.press(key)
        browser.screenshot(options.png)
        errors = browser.errors()
    print(f"{len(bitext.links)} links from {origin}; page {page}; screenshot {options.png}")
    print(f"render time: {timing[0]} ms (page ready {timing[1]} ms after navigation start)")
    for error in errors:
        print(f"console error: {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
