"""The contracts of the patches in ``plangraph._compat`` with the installed libraries: the
private names each patch relies on are still there, and the patch is applied and undone."""

from __future__ import annotations

import inspect
from importlib.metadata import version

import pytest
from pyshacl.constraints.constraint_component import ConstraintComponent

import plangraph._compat.pyshacl as compat_pyshacl
from plangraph._compat import _release
from plangraph._compat.pyshacl import PATCHED_METHOD, TESTED_VERSIONS, patchable, without_result_descriptions


def _subclasses(cls: type) -> set[type]:
    found: set[type] = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


def test_the_installed_pyshacl_is_one_the_patch_was_written_for() -> None:
    # when this fails after an upgrade, check the contract below with the new pySHACL and
    # widen TESTED_VERSIONS; until then validation runs unpatched, correct but slower
    installed = version("pyshacl")
    assert _release(installed) >= TESTED_VERSIONS[0], installed
    assert _release(installed) < TESTED_VERSIONS[1], installed
    assert patchable()


def test_pyshacl_still_describes_each_result_with_the_patched_method() -> None:
    import pyshacl  # noqa: F401  (loads every constraint component)

    method = vars(ConstraintComponent).get(PATCHED_METHOD)
    assert inspect.isfunction(method)
    # the report graph is made by make_v_result, which asks the method for the description
    assert f"self.{PATCHED_METHOD}(" in inspect.getsource(ConstraintComponent.make_v_result)
    # no component describes its results its own way, out of the patch's reach
    assert [c.__name__ for c in _subclasses(ConstraintComponent) if PATCHED_METHOD in vars(c)] == []


def test_the_patch_is_applied_while_in_force_and_undone_after() -> None:
    original = vars(ConstraintComponent)[PATCHED_METHOD]
    with without_result_descriptions():
        patched = vars(ConstraintComponent)[PATCHED_METHOD]
        assert patched is not original
        assert patched(None, None, None, None, [], result_path=None) == ""
        with without_result_descriptions():  # uses may nest (and overlap, in threads)
            assert vars(ConstraintComponent)[PATCHED_METHOD] is patched
        assert vars(ConstraintComponent)[PATCHED_METHOD] is patched
    assert vars(ConstraintComponent)[PATCHED_METHOD] is original


def test_the_patch_is_undone_when_validation_fails() -> None:
    original = vars(ConstraintComponent)[PATCHED_METHOD]
    with pytest.raises(RuntimeError), without_result_descriptions():
        raise RuntimeError("validation failed")
    assert vars(ConstraintComponent)[PATCHED_METHOD] is original


def test_another_pyshacl_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compat_pyshacl, "patchable", lambda: False)
    original = vars(ConstraintComponent)[PATCHED_METHOD]
    with without_result_descriptions():
        assert vars(ConstraintComponent)[PATCHED_METHOD] is original
    assert vars(ConstraintComponent)[PATCHED_METHOD] is original
