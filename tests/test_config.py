"""litcurate.toml: defaults for the raw and curated folders, options still win."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from litcurate.cli import app
from litcurate.config import ConfigError, default_map, load_config

runner = CliRunner()


def test_settings_become_every_commands_defaults(tmp_path: Path) -> None:
    (tmp_path / "litcurate.toml").write_text('raw = "papers"\ncurated = "dataset"\nworkers = 2\n')
    defaults = default_map(load_config(tmp_path))
    assert defaults["ingest"] == {"paths": ["papers"], "curated": "dataset", "workers": 2}
    assert defaults["review"]["list"]["curated"] == "dataset"
    assert defaults["review"]["serve"]["raw"] == "papers"


def test_a_config_default_is_used_and_an_option_wins(tmp_path: Path) -> None:
    defaults = default_map({"curated": str(tmp_path / "from-config")})
    result = runner.invoke(app, ["status"], default_map=defaults)
    assert result.exit_code == 2 and "from-config" in result.output
    result = runner.invoke(app, ["status", "--curated", str(tmp_path / "from-option")], default_map=defaults)
    assert result.exit_code == 2 and "from-option" in result.output


@pytest.mark.parametrize(
    "text, message",
    [
        ('curatd = "x"\n', "unknown setting"),
        ("workers = 'two'\n", "must be a int"),
        ("raw = \n", "litcurate.toml"),
    ],
)
def test_a_bad_config_is_a_usage_error_naming_the_file(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "litcurate.toml").write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_config(tmp_path)
