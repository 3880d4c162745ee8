"""On Python 3.11 the README's test command resolved medspaCy's spaCy<3.8 with numpy 2 (pulled by pandas 3):
spaCy failed at import ("numpy.dtype size changed") and 27 tests failed.

The extra now bounds spaCy, thinc and numpy per Python version, and the
README and CI install with ``-c constraints.txt``, the exact set the tests
passed with on Python 3.11 and 3.13.
"""

from __future__ import annotations

import sys
import tomllib
from importlib.metadata import PackageNotFoundError, version

from packaging.requirements import Requirement

from ..conftest import TESTS

ROOT = TESTS.parent


def _constraints() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate():
                pins[requirement.name.lower().replace("_", "-")] = str(requirement.specifier).removeprefix("==")
    return pins


def _requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [Requirement(text) for text in project["dependencies"]]
    for extra in project["optional-dependencies"].values():
        wanted += [Requirement(text) for text in extra if not text.startswith("calcinosis-kg")]
    return [r for r in wanted if r.marker is None or r.marker.evaluate()]


def test_every_dependency_is_pinned_for_this_python() -> None:
    pins = _constraints()
    missing = [str(r) for r in _requirements() if r.name.lower().replace("_", "-") not in pins]
    assert missing == []


def test_the_pins_satisfy_the_projects_bounds() -> None:
    pins = _constraints()
    clashes = [f"{r} vs {pins[key]}" for r in _requirements() if (key := r.name.lower().replace("_", "-")) in pins and pins[key] not in r.specifier]
    assert clashes == []


def test_spacy_and_numpy_agree_on_this_python() -> None:
    import numpy
    import spacy

    major = int(numpy.__version__.split(".")[0])
    assert major == (1 if sys.version_info < (3, 12) else 2)
    assert spacy.blank("en")("calcinosis cutis")[0].text == "calcinosis"


def test_the_installed_set_is_the_pinned_one() -> None:
    """What the tests run with is what constraints.txt says (the README and CI install with -c constraints.txt)."""
    pins = _constraints()
    differ = {}
    for requirement in _requirements():
        key = requirement.name.lower().replace("_", "-")
        try:
            installed = version(requirement.name)
        except PackageNotFoundError:
            continue
        if key in pins and installed != pins[key]:
            differ[key] = (installed, pins[key])
    assert differ == {}
