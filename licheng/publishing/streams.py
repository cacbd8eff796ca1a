"""Run inside a report's kernel: what a cell prints is cut at a limit before it is sent.

The renderer caps output as it arrives (licheng.publishing.execute), but a single
``print`` of 100 MB still reaches it as one 100 MB message, which costs the
render process several times that to receive. Cutting stdout and stderr in
the kernel, a little past the renderer's own cap (so the renderer still
marks the cut), keeps such a print from being sent at all. This module is
imported by the kernel: it must stay light and bind nothing in the user
namespace.
"""
from __future__ import annotations


def cap_streams(limit: int) -> None:
    """Keep at most ``limit`` characters of stdout and stderr per cell (together).

    IPython replaces each stream's ``write`` for the length of every cell (to
    keep the output in its history) and puts the original back after it, so
    the cut is installed anew at the start of each cell, around whatever
    ``write`` is in place then.
    """
    import sys

    from IPython import get_ipython

    used = [0]

    def wrap(write):
        def capped(text, *args, **kwargs):
            room = limit - used[0]
            if not isinstance(text, str):
                return write(text, *args, **kwargs)
            if room > 0:
                used[0] += min(len(text), room)
                write(text if len(text) <= room else text[:room], *args, **kwargs)
            return len(text)

        return capped

    def start_cell(*_):
        used[0] = 0
        for stream in (sys.stdout, sys.stderr):
            stream.write = wrap(stream.write)

    get_ipython().events.register("pre_run_cell", start_cell)
