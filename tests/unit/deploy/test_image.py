"""Dockerfile and .dockerignore: one slim, non-root image holding the installed package only."""

from __future__ import annotations

import json
from fnmatch import fnmatchcase
from pathlib import PurePosixPath

import pytest

from .manifests import DOCKERFILE, DOCKERIGNORE, pod_spec, workloads


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the Dockerfile, continuation lines joined."""
    joined = DOCKERFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    lines = [line.strip() for line in joined.splitlines()]
    pairs = [line.split(maxsplit=1) for line in lines if line and not line.startswith("#")]
    return [(pair[0].upper(), pair[1] if len(pair) > 1 else "") for pair in pairs]


def arguments(instruction: str) -> list[str]:
    return [args for name, args in instructions() if name == instruction]


def ignore_patterns() -> list[str]:
    lines = [line.strip() for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def in_build_context(path: str) -> bool:
    """Whether Docker sends `path` with the build context (last matching pattern wins).

    A pattern also excludes everything under a directory it matches; `**/` matches zero or
    more directories.
    """
    parts = PurePosixPath(path).parts
    candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    included = True
    for line in ignore_patterns():
        negated = line.startswith("!")
        pattern = line.lstrip("!").rstrip("/")
        options = [pattern, pattern.removeprefix("**/")]
        if any(fnmatchcase(c, p) for c in candidates for p in options):
            included = negated
    return included


def test_image_is_python_3_11_slim() -> None:
    assert arguments("FROM") == ["python:3.11-slim"]


def test_package_is_installed_without_a_pip_cache() -> None:
    assert any("pip install --no-cache-dir ." in args for args in arguments("RUN"))


def test_image_runs_as_the_non_root_user_the_pods_declare() -> None:
    user = arguments("USER")[-1].split(":")[0]
    assert user.isdigit(), "runAsNonRoot can only check a numeric user"
    assert int(user) > 0
    for workload in workloads():
        assert pod_spec(workload)["securityContext"]["runAsUser"] == int(user), workload


def test_default_command_runs_the_gateway() -> None:
    (cmd,) = arguments("CMD")
    assert json.loads(cmd) == ["python", "-m", "services.gateway"]


@pytest.mark.parametrize(
    "path",
    [
        "pyproject.toml",
        "services/__init__.py",
        "services/contracts/reference/shanghai_districts.csv",
        "services/monitoring/migrations/0001_initial.sql",
        "services/gateway/console/static/vendor/echarts.min.js",
        "services/gateway/console/templates/base.html",
    ],
)
def test_build_context_holds_the_package_and_its_data(path: str) -> None:
    assert in_build_context(path)


@pytest.mark.parametrize(
    "path",
    [
        ".venv/bin/python",
        ".state/kafka/data/meta.properties",
        "deploy/kafka/libs/kafka-clients.jar",
        "tests/unit/deploy/test_image.py",
        "bench/README.md",
        "services/contracts/__pycache__/topics.cpython-311.pyc",
        ".mypy_cache/3.11/services.json",
        "fugong.egg-info/PKG-INFO",
        ".git/HEAD",
        ".env",
    ],
)
def test_build_context_leaves_out_environments_state_tests_and_caches(path: str) -> None:
    assert not in_build_context(path)


def test_every_copied_source_is_in_the_build_context() -> None:
    for args in arguments("COPY"):
        *sources, _destination = args.split()
        for source in sources:
            if not source.startswith("--"):
                assert in_build_context(source.rstrip("/")), source
