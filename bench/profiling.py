"""Profiles of the stages where zangraph is far behind a peer (pyinstrument, sampling).

:func:`profile` runs a function under pyinstrument and returns the call tree's top lines and
the functions with the most time of their own, aggregated over the whole tree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

__all__ = ["profile"]


def _name(frame) -> str:
    return f"{frame.function}  {frame.file_path_short}:{frame.line_no}"


def _self_times(frame, acc: dict[str, float]) -> None:
    """Add each frame's own time (its ``[self]`` leaves, or all of it for a leaf) to ``acc``."""
    if not frame.children and frame.function and not frame.is_synthetic:
        acc[_name(frame)] += frame.time
    for c in frame.children:
        if c.is_synthetic_leaf:
            acc[_name(frame)] += c.time
        else:
            _self_times(c, acc)


def profile(
    fn: Callable[[], Any], tree_lines: int = 40, top: int = 15, interval: float = 0.0005
) -> dict[str, Any]:
    """``{"available", "seconds", "tree": [...], "self": [[seconds, function], ...]}``."""
    try:
        from pyinstrument import Profiler
    except ImportError as err:
        return {"available": False, "why": f"pyinstrument not installed ({err})"}
    prof = Profiler(interval=interval)
    prof.start()
    try:
        fn()
    finally:
        prof.stop()
    text = prof.output_text(unicode=False, color=False, show_all=False)
    lines = [ln.rstrip() for ln in text.splitlines()]
    start = next((i for i, ln in enumerate(lines) if ln.strip() and ln.lstrip()[0].isdigit()), 0)
    tree = [ln for ln in lines[start:] if ln.strip()][:tree_lines]
    acc: dict[str, float] = defaultdict(float)
    root = prof.last_session.root_frame()
    if root is not None:
        _self_times(root, acc)
    ranked = sorted(acc.items(), key=lambda kv: -kv[1])[:top]
    return {
        "available": True,
        "seconds": round(prof.last_session.duration, 3),
        "tree": tree,
        "self": [[round(s, 3), name] for name, s in ranked],
    }
