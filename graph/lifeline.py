"""Worker processes that end with the process that started them."""

import os
import threading
import time

_CHECK_EVERY = 0.2  # seconds between looks at the parent


def die_with_parent(parent: int) -> None:
    """End this process soon after ``parent`` is gone, even when the parent was killed outright.

    A worker killed parent cannot tell its workers anything (``kill -9`` runs no
    clean-up): each worker watches for being re-parented instead, from a daemon
    thread, so it stops whatever it is doing, busy in native code or not.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_CHECK_EVERY)
        os._exit(1)  # the parent is gone: nobody will read what this worker makes

    threading.Thread(target=watch, name="okg-lifeline", daemon=True).start()
