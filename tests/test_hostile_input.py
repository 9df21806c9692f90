"""Data that tries to break the output: line breaks and control characters in values, bytes that
are not UTF-8, a closed pipe, and the CLI's edges. Nothing is injected, nothing crashes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from neuron_policy.cli import main

from .conftest import ROOTS, WriteData, sphinx_path, warnings

INJECTION = '"2.8\\r\\n::error file=evil.py,line=1::INJECTED \\e[31m"'
#: A declared phase that differs from the computed one: the message names the version.
EVIL_DEP = (
    f'title: TensorFlow\ncategory: framework\nversions:\n  - version: {INJECTION}\n    sdk: ">=2.0"\n'
    "    phase: upcoming\n"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_line_breaks_in_values_never_start_a_line_of_output(
    capsys: pytest.CaptureFixture[str], write_data: WriteData, fmt: str
) -> None:
    root = write_data(deps={"tensorflow": EVIL_DEP})
    code, out, err = run(capsys, "check", str(root), "--today", "2026-11-24", "--format", fmt)
    assert code == 1
    lines = (out + err).splitlines()
    assert not [line for line in lines if line.lstrip().startswith("::error file=evil")]
    assert "\x1b" not in out + err and "\r" not in out + err
    if fmt == "json":
        (finding,) = json.loads(out)
        assert "2.8\\r\\n::error file=evil.py" in finding["message"]  # shown, escaped


def test_line_breaks_in_values_never_start_a_line_of_the_build_log(make_app: Any, tmp_path: Path) -> None:
    srcdir = tmp_path / "evil"
    import shutil

    shutil.copytree(ROOTS / "test-basic", srcdir)
    (srcdir / "policy_data" / "dependencies" / "tensorflow.yaml").write_text(EVIL_DEP, encoding="utf-8")
    app = make_app("html", srcdir=sphinx_path(srcdir), freshenv=True)
    app.build()
    log = "\n".join(warnings(app))
    assert "::error file=evil.py" in log  # reported...
    assert not [line for line in log.splitlines() if line.startswith("::")]  # ...but never at a line start
    assert "\x1b[31m" not in log
    assert app.statuscode == 1


def test_a_file_name_that_is_not_utf8_is_reported_in_valid_utf8(write_data: WriteData, tmp_path: Path) -> None:
    root = write_data()
    os.close(os.open(os.fsencode(root / "dependencies") + b"/\xff.yaml", os.O_CREAT | os.O_WRONLY))
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for fmt in ("text", "json", "github"):
        result = subprocess.run(
            [sys.executable, "-m", "neuron_policy", "check", str(root), "--today", "2026-11-24", "--format", fmt],
            capture_output=True, env=env, check=False,
        )  # fmt: skip
        assert result.returncode == 1, result.stderr
        output = (result.stdout + result.stderr).decode("utf-8")  # valid UTF-8, or this raises
        assert "Traceback" not in output
        if fmt == "json":
            (finding,) = json.loads(result.stdout)
            assert finding["file"].endswith("dependencies/\\xff.yaml")
            assert finding["message"] == "'\\xff' is not an id ([a-z0-9][a-z0-9-]*)"
        else:
            assert "dependencies/\\xff.yaml" in output


def test_a_latin1_conf_py_with_a_bad_value_is_one_located_error(make_app: Any, tmp_path: Path) -> None:
    import shutil

    srcdir = tmp_path / "latin1"
    shutil.copytree(ROOTS / "test-basic", srcdir)
    conf = srcdir / "conf.py"
    text = conf.read_text(encoding="utf-8").replace(
        'neuron_policy_today = "2025-10-01"', 'neuron_policy_today = "soon"'
    )
    conf.write_bytes(b"# -*- coding: latin-1 -*-\n# Caf\xe9\n" + text.encode("latin-1"))
    app = make_app("html", srcdir=sphinx_path(srcdir), freshenv=True)
    app.build()
    errors = [w for w in warnings(app) if "ERROR" in w]
    assert errors == [
        "conf.py:7: ERROR: neuron_policy_today: expected a date YYYY-MM-DD, got 'soon' (or None for today) "
        "[neuron_policy.config]"
    ]
    assert app.statuscode == 1


def test_a_closed_pipe_ends_the_cli_quietly() -> None:
    script = "import sys; sys.stdin.readline()"  # a reader that stops after one line
    reader = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE)
    assert reader.stdin is not None
    result = subprocess.run(
        [sys.executable, "-m", "neuron_policy", "schema"], stdout=reader.stdin, stderr=subprocess.PIPE, check=False
    )
    reader.stdin.close()
    reader.wait()
    assert b"Traceback" not in result.stderr and b"BrokenPipeError" not in result.stderr


def test_an_empty_data_dir_argument_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "", "--today", "2026-11-24")
    assert code == 2
    assert "expected a directory, got an empty string" in err


def test_the_root_directory_keeps_its_slash(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", "/", "--today", "2026-11-24")
    assert code == 1
    assert out.splitlines()[0].startswith("/sdk.yaml:1:1: error: sdk.yaml is missing")
    assert err.startswith("/: 1 error")


def test_status_of_a_range_that_matches_nothing_is_an_error(
    capsys: pytest.CaptureFixture[str], write_data: WriteData
) -> None:
    code, out, err = run(capsys, "status", "sdk >=2.0,<1.0", str(write_data()), "--today", "2026-11-24")
    assert (code, out) == (2, "")
    assert "'sdk >=2.0,<1.0' matches no SDK release in the data" in err


WARNING_SDK = """\
releases:
  - {version: 2.10.0, released: 2023-01-10}
end_of_support:
  - {versions: "<2.11", announced: 2023-01-11, effective: 2023-06-01}
"""


def test_the_cli_can_fail_on_warnings_as_sphinx_build_w_does(
    capsys: pytest.CaptureFixture[str], write_data: WriteData
) -> None:
    root = str(write_data(sdk=WARNING_SDK))  # min-support: a warning
    assert run(capsys, "check", root, "--today", "2026-11-24")[0] == 0
    assert run(capsys, "check", root, "--today", "2026-11-24", "-W")[0] == 1
    assert run(capsys, "check", root, "--today", "2026-11-24", "--fail-on-warning")[0] == 1


def test_the_cli_applies_the_severities_and_suppressions_of_conf_py(
    capsys: pytest.CaptureFixture[str], write_data: WriteData
) -> None:
    root = write_data(sdk=WARNING_SDK)
    conf = root.parent / "conf.py"
    conf.write_text(
        'import os\nneuron_policy_data = "policy_data"\nneuron_policy_severity = {"min-support": "error"}\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "check", "--conf", str(conf), "--today", "2026-11-24")
    assert code == 1 and "error: SDK 2.10.0 released" in out  # the data directory comes from conf.py too
    with open(conf, "a", encoding="utf-8") as handle:
        handle.write('suppress_warnings = ["neuron_policy.min-support"]\n')
    assert run(capsys, "check", "--conf", str(conf), "--today", "2026-11-24")[:2] == (0, "")
    conf.write_text("neuron_policy_severity = dict(os=1)\n", encoding="utf-8")
    code, _, err = run(capsys, "check", "--conf", str(conf), "--today", "2026-11-24")
    assert code == 2
    assert err.strip() == (
        f"neuron-policy: error: {conf}:1: neuron_policy_severity is not a literal value; "
        "neuron-policy reads conf.py without running it"
    )


def test_the_pre_commit_hook_runs_the_check(write_data: WriteData) -> None:
    """The hook's entry, run as pre-commit runs it (the installed console script, its args, no file
    names), gives the check's verdict."""
    import shlex
    import shutil

    import yaml

    hooks = yaml.safe_load((Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml").read_text())
    (hook,) = hooks
    assert (hook["id"], hook["language"], hook["pass_filenames"]) == ("neuron-policy-check", "python", False)
    command = shlex.split(hook["entry"])
    script = shutil.which(command[0], path=str(Path(sys.executable).parent)) or shutil.which(command[0])
    assert script is not None, "the console script is installed with the package"
    root = write_data(sdk=WARNING_SDK)
    conf = root.parent / "conf.py"
    conf.write_text('neuron_policy_data = "policy_data"\nneuron_policy_today = "2026-11-24"\n', encoding="utf-8")
    args = [script, *command[1:], "--conf", str(conf), "-W"]
    result = subprocess.run(args, capture_output=True, text=True, check=False, cwd=root.parent)
    assert result.returncode == 1, result.stderr
    assert "warning: SDK 2.10.0 released 2023-01-10" in result.stdout


def test_conf_py_values_that_are_not_literals_of_the_right_kind_are_usage_errors(
    capsys: pytest.CaptureFixture[str], write_data: WriteData
) -> None:
    root = write_data(sdk=WARNING_SDK)
    conf = root.parent / "conf.py"
    conf.write_text('neuron_policy_severity = {[1]: "x"}\n', encoding="utf-8")
    code, _, err = run(capsys, "check", "--conf", str(conf), "--today", "2026-11-24")
    assert code == 2 and "neuron_policy_severity is not a literal value" in err
    conf.write_text(
        'suppress_warnings = ["a"]\nsuppress_warnings += ("neuron_policy.min-support",)\n', encoding="utf-8"
    )
    assert run(capsys, "check", "--conf", str(conf), "--today", "2026-11-24")[:2] == (0, "")
