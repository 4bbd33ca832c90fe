"""Debian's Firefox ESR, driven over Marionette (Mozilla's own remote protocol, no geckodriver).

``Firefox`` starts ``/usr/bin/firefox-esr --headless --marionette`` in a fresh profile and
connects ``marionette_driver`` to it. The profile's ``marionette.port`` is 0, so Firefox binds
a free port itself and writes it to ``MarionetteActivePort`` in the profile: no race between
choosing a port and binding it. The prefs below keep Firefox's background services (updates,
telemetry, studies, remote settings, safe browsing, captive portal, ...) off the closed network,
and MOZ_DISABLE_NONLOCAL_CONNECTIONS=1 makes Firefox refuse any connection but local ones.
``--remote-allow-system-access`` lets a test read the browser's own console from the chrome side
(``console_problems``), as the Chromium tests read Chromium's log over CDP.

Leaving always stops the browser and deletes the profile: a Marionette quit request first, then
SIGTERM and SIGKILL to the process group Firefox was started in (its content processes too).
Firefox's stdout and stderr (start-up chatter such as "*** You are running in headless mode.")
go to a log file, shown when start-up fails.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from marionette_driver.marionette import Marionette

FIREFOX = Path("/usr/bin/firefox-esr")
TIMEOUT_S = 20  # a bound for start-up and every wait; waits return as soon as they hold
POLL_S = 0.1

PREFS: dict[str, bool | int | str] = {
    "marionette.port": 0,  # any free port, written to <profile>/MarionetteActivePort
    "intl.accept_languages": "vi-VN, vi",
    # A quiet first start: no welcome, default-browser or new-tab pages.
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.page": 0,
    "browser.startup.homepage": "about:blank",
    "browser.startup.homepage_override.mstone": "ignore",
    "browser.aboutwelcome.enabled": False,
    "browser.newtabpage.enabled": False,
    "startup.homepage_welcome_url": "about:blank",
    "datareporting.policy.firstRunURL": "",
    # Updates of the browser, its add-ons, plugins and search engines.
    "app.update.disabledForTesting": True,
    "app.update.auto": False,
    "extensions.update.enabled": False,
    "extensions.systemAddon.update.enabled": False,
    "extensions.getAddons.cache.enabled": False,
    "extensions.blocklist.enabled": False,
    "media.gmp-manager.updateEnabled": False,
    "browser.search.update": False,
    # Telemetry, studies and experiments (Normandy, Nimbus), remote settings.
    "toolkit.telemetry.enabled": False,
    "toolkit.telemetry.unified": False,
    "toolkit.telemetry.archive.enabled": False,
    "toolkit.telemetry.server": "",
    "datareporting.healthreport.uploadEnabled": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "datareporting.usage.uploadEnabled": False,
    "app.normandy.enabled": False,
    "app.normandy.api_url": "",
    "app.shield.optoutstudies.enabled": False,
    "messaging-system.rsexperimentloader.enabled": False,
    "services.settings.server": "data:,#remote-settings-dummy/v1",  # with the env, see start()
    "security.remote_settings.crlite_filters.enabled": False,
    "security.remote_settings.intermediates.enabled": False,
    "security.OCSP.enabled": 0,
    # Safe browsing and tracking-protection lists.
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "browser.safebrowsing.blockedURIs.enabled": False,
    "browser.safebrowsing.downloads.enabled": False,
    "browser.safebrowsing.downloads.remote.enabled": False,
    "browser.safebrowsing.provider.google.updateURL": "",
    "browser.safebrowsing.provider.google4.updateURL": "",
    "browser.safebrowsing.provider.mozilla.updateURL": "",
    # Connectivity checks, push, geolocation and region lookups, speculative connections.
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "network.trr.mode": 5,
    "network.dns.disablePrefetch": True,
    "network.prefetch-next": False,
    "network.http.speculative-parallel-limit": 0,
    "dom.push.connection.enabled": False,
    "browser.region.network.url": "",
    "browser.region.update.enabled": False,
    "geo.provider.network.url": "",
    "browser.topsites.contile.enabled": False,
    "identity.fxaccounts.enabled": False,
}

T = TypeVar("T")


def until(condition: Callable[[], T], what: str, timeout: float = TIMEOUT_S) -> T:
    """Poll ``condition`` until it returns something truthy and return that, or fail."""
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s: {what}")
        time.sleep(POLL_S)
    return result


def _import_marionette() -> type[Marionette]:
    # marionette_driver imports mozrunner, which imports the deprecated telnetlib and calls
    # the deprecated distro.linux_distribution() (via mozinfo): harmless here, but this test
    # suite turns warnings into errors.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "'telnetlib' is deprecated", DeprecationWarning)
        warnings.filterwarnings(
            "ignore", r"distro\.linux_distribution\(\) is deprecated", DeprecationWarning
        )
        from marionette_driver.marionette import Marionette
    return Marionette


class Firefox:
    """A headless Firefox in a fresh profile with a Marionette session; use it with ``with``."""

    def __init__(self, binary: Path = FIREFOX) -> None:
        self.binary = binary
        self.root = Path(tempfile.mkdtemp(prefix="vanban-firefox-"))
        self.profile = self.root / "profile"
        self.log = self.root / "firefox.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.marionette: Marionette | None = None

    def __enter__(self) -> Firefox:
        try:
            self.start()
        except BaseException as error:
            if self.log.exists():
                error.add_note("Firefox's output:\n" + self.log.read_text(errors="replace"))
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def start(self) -> None:
        marionette_class = _import_marionette()
        self.profile.mkdir()
        (self.profile / "user.js").write_text(
            "".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in PREFS.items()),
            encoding="utf-8",
        )
        # MOZ_DISABLE_NONLOCAL_CONNECTIONS: Firefox refuses connections to other hosts, and lets
        # the remote settings server be the dummy above (release builds ignore it otherwise).
        env = {
            **os.environ,
            "MOZ_CRASHREPORTER_DISABLE": "1",
            "MOZ_DISABLE_NONLOCAL_CONNECTIONS": "1",
        }
        # System access lets the test read the browser's console from the chrome context.
        command = [str(self.binary), "--headless", "--marionette", "--remote-allow-system-access"]
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [*command, "--no-remote", "--profile", str(self.profile)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,  # its own process group, so that all of it can be ended
            )
        port = until(self._active_port, "Firefox's Marionette port")
        self.marionette = marionette_class(
            host="127.0.0.1", port=port, socket_timeout=TIMEOUT_S, startup_timeout=TIMEOUT_S
        )
        self.marionette.start_session()
        self.marionette.timeout.page_load = TIMEOUT_S
        self.marionette.timeout.script = TIMEOUT_S

    def _active_port(self) -> int | None:
        assert self.process is not None
        if self.process.poll() is not None:
            raise RuntimeError(f"Firefox exited with {self.process.returncode} during start-up")
        try:
            return int((self.profile / "MarionetteActivePort").read_text(encoding="ascii"))
        except (FileNotFoundError, ValueError):  # not written yet, or half written
            return None

    def console_problems(self) -> list[str]:
        """Return the warnings and errors of web content in Firefox's console.

        Read from the browser (chrome) side, so nothing is added to the page: uncaught
        exceptions and promise rejections, CSP violations and other script or network errors of
        every frame, the sandboxed preview frame included. Messages of the browser itself
        (chrome code, add-on manager) are not the page's and are left out.
        """
        assert self.marionette is not None
        with self.marionette.using_context("chrome"):
            return self.marionette.execute_script(
                """
                return Services.console.getMessageArray()
                  .filter((m) => m instanceof Ci.nsIScriptError && !m.isFromChromeContext
                          && m.logLevel >= Ci.nsIConsoleMessage.warn)
                  .map((m) => m.toString());
                """
            )

    def stop(self) -> None:
        """Quit Firefox (or end its processes) and delete the profile; safe to call twice."""
        try:
            quitting = self.marionette is not None and self._quit()
            if self.process is not None:
                self._end_processes(quitting)
        finally:
            self.marionette = None
            shutil.rmtree(self.root, ignore_errors=True)

    def _quit(self) -> bool:
        """Ask Firefox to quit; return whether it took the request."""
        assert self.marionette is not None
        from marionette_driver import errors

        if self.marionette.session is None:
            return False
        try:
            # The public quit() serves only browsers that marionette_driver launched itself.
            self.marionette._request_in_app_shutdown()
            return True
        except (OSError, errors.MarionetteException):
            return False  # the connection or the browser is gone: its processes are ended
        finally:
            self.marionette.delete_session(send_request=False)

    def _end_processes(self, quitting: bool) -> None:
        """Wait for Firefox to quit, else end its process group: SIGTERM, then SIGKILL."""
        assert self.process is not None
        group = self.process.pid  # start_new_session: the group's id is Firefox's pid

        def ended() -> bool:
            return self.process.poll() is not None and not _live_members(group)

        for sig in ([None] if quitting else []) + [signal.SIGTERM, signal.SIGKILL]:
            if sig is not None:
                with contextlib.suppress(ProcessLookupError):  # all gone meanwhile
                    os.killpg(group, sig)
            try:
                until(ended, "Firefox's processes to end", timeout=10)
            except AssertionError:
                if sig is signal.SIGKILL:
                    raise
                continue
            break
        self.process = None


def _live_members(group: int) -> list[int]:
    """Return the processes of a process group that still run (zombies are not counted)."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses
            fields = stat.read_text(encoding="ascii", errors="replace").rpartition(")")[2].split()
        except OSError:  # ended meanwhile
            continue
        if fields[0] != "Z" and int(fields[2]) == group:
            members.append(int(stat.parent.name))
    return members
