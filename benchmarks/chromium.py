"""Headless Chromium (Debian's package) as the page's tests and benchmarks open it, through Playwright."""

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags for a sandboxed machine with no network: no first-run, sync or background fetches.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch(playwright, chromium: str = CHROMIUM):
    """Headless Chromium with no network of its own."""
    return playwright.chromium.launch(executable_path=chromium, args=FLAGS)
