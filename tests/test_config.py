"""Configuration: discovery, validation with clear errors, and what each key changes."""
import pytest

from plainplan.config import ConfigError, load_config


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_found_from_the_working_directory_upward(tmp_path):
    write(tmp_path / ".plainplan.yaml", "reading_age: 12\nignore: [readability]\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    config = load_config(start=str(deep))
    assert config.reading_age == 12 and config.ignore == ["readability"]
    assert config.path == str(tmp_path / ".plainplan.yaml")


def test_pyproject_tool_section(tmp_path):
    write(tmp_path / "pyproject.toml", "[project]\nname='x'\n[tool.plainplan]\nfail_on = 'error'\naccept = ['contact']\n")
    config = load_config(start=str(tmp_path))
    assert config.fail_on == "error" and config.accept == ["contact"]


def test_pyproject_without_section_is_skipped(tmp_path):
    write(tmp_path / ".plainplan.yaml", "max_sentence_words: 30\n")
    sub = tmp_path / "sub"
    sub.mkdir()
    write(sub / "pyproject.toml", "[project]\nname='x'\n")
    assert load_config(start=str(sub)).max_sentence_words == 30


@pytest.mark.parametrize("text,words", [
    ("colour: blue\n", ["unknown key 'colour'", "allowed:"]),
    ("fail_on: loud\n", ["fail_on", "loud", "info, warning, error"]),
    ("reading_age: old\n", ["reading_age", "number"]),
    ("severity: {jargon: shouty}\n", ["severity of 'jargon'", "info, warning, error"]),
    ("sections: {wishes: [Voice]}\n", ["unknown section 'sections.wishes'", "child_views"]),
    ("acronyms: {allowed: [GP]}\n", ["acronyms.allowed", "allow, define"]),
    ("select: [[a]]\n", ["'select' should be a list"]),
    ("reading_age: [\n", ["not valid YAML"]),
])
def test_bad_config_names_file_key_and_allowed(tmp_path, text, words):
    path = write(tmp_path / ".plainplan.yaml", text)
    with pytest.raises(ConfigError) as err:
        load_config(str(path))
    message = str(err.value)
    assert str(path) in message
    for word in words:
        assert word in message


def test_extends_merges_and_resolves_paths(tmp_path):
    write(tmp_path / "base.yaml", "accept: [respite]\nglossary: [local.yaml]\nreading_age: 10\n")
    (tmp_path / "team").mkdir()
    child = write(tmp_path / "team" / ".plainplan.yaml", "extends: ../base.yaml\naccept: [placement]\nreading_age: 12\n")
    config = load_config(str(child))
    assert config.accept == ["respite", "placement"]
    assert config.reading_age == 12
    assert config.glossary == [str((tmp_path / "local.yaml").resolve())]


def test_extends_loop_is_an_error(tmp_path):
    write(tmp_path / "a.yaml", "extends: b.yaml\n")
    write(tmp_path / "b.yaml", "extends: a.yaml\n")
    with pytest.raises(ConfigError, match="loop"):
        load_config(str(tmp_path / "a.yaml"))


def rule(id, name, category, severity="error"):
    from plainplan.check.rules import Rule
    return Rule(id=id, name=name, category=category, severity=severity, kind="terms", message="")


def test_selection_severity_and_per_file_ignores(tmp_path):
    path = write(tmp_path / ".plainplan.yaml",
                 "select: [jargon, victim-blaming]\nignore: [jargon.care-words]\n"
                 "severity: {victim-blaming: warning}\nper_file_ignores: {'letters/*.md': [victim-blaming]}\n")
    config = load_config(str(path))
    jargon = rule("jargon-care", "jargon.care-words", "jargon")
    victim = rule("victim-at-risk", "victim-blaming.at-risk", "victim-blaming")
    assert not config.rule_selected(rule("blame-x", "blame.x", "blame"))  # not selected
    assert not config.rule_selected(jargon)          # ignored by dotted name
    assert config.rule_selected(victim)
    assert config.severity_for(victim, victim.severity) == "warning"
    assert not config.rule_selected(victim, str(tmp_path / "letters" / "to-sam.md"))
    assert config.rule_selected(victim, str(tmp_path / "plans" / "sam.md"))


def test_accept_words(tmp_path):
    config = load_config(str(write(tmp_path / "c.yaml", "accept: [Contact, 'family group conference']\n")))
    assert config.accepted("contact") and config.accepted("CONTACT") and config.accepted("Family Group  Conference")
    assert not config.accepted("placement")
