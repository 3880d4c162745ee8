"""Seconds per build stage: wall-clock stages by name, build processes' stages as ``cpu_<stage>``."""

from __future__ import annotations

import time

__all__ = ["Stopwatch"]


class Stopwatch:
    """Adds up seconds per stage into a dict: wall-clock stages by name, build processes' stages as ``cpu_<stage>``."""

    def __init__(self, into: dict[str, float]) -> None:
        self.into = into

    def __call__(self, stage: str) -> Lap:
        return Lap(self, stage)

    def add(self, stage: str, seconds: float) -> None:
        self.into[stage] = self.into.get(stage, 0.0) + seconds

    def add_cpu(self, stage: str, seconds: float) -> None:
        self.add(f"cpu_{stage}", seconds)


class Lap:
    def __init__(self, watch: Stopwatch, stage: str) -> None:
        self.watch, self.stage = watch, stage

    def __enter__(self) -> None:
        self.start = time.perf_counter()

    def __exit__(self, *_exc: object) -> None:
        self.watch.add(self.stage, time.perf_counter() - self.start)
