"""Plan checks: goals and SMART+W letters, sections, child's voice, strengths and worries, readability."""
import pytest

from plainplan.config import Config
from plainplan.document import Block, Document


@pytest.fixture(scope="module")
def run(session):
    """Check a document (text or blocks) with the chosen rules; returns (findings, goals, stats)."""
    from plainplan.parse import parse
    from plainplan.read.markdown import read_markdown

    def go(source, rules=None, config=None):
        document = source if isinstance(source, Document) else read_markdown("plan.md", source.encode("utf-8"))
        checker = session.checker
        saved = checker.config
        if config is not None:
            checker.config = config
        try:
            chosen = session.rules if rules is None else [r for r in session.rules if r.id in rules]
            return checker.check(parse(document, checker.nlp), chosen)
        finally:
            checker.config = saved
    return go


PLAN = """# Plan for the Parker family

## What we are worried about

- Maddie has gone missing four times since Christmas.

## The plan

| What needs to happen | Who | By when | How will we know |
|---|---|---|---|
| Rob will share the address with the police exploitation team. | Rob Ainsley | By 8 February 2027 | Police will confirm they are taking action. |
| School to support Maddie's attendance. | School | Ongoing | Improved attendance. |
| Karen to attend a parenting course. | Karen | ASAP | Better boundaries. |
"""


def test_plan_table_rows_are_goals_judged_with_their_whole_row(run):
    findings, goals, stats = run(PLAN)
    assert [g["text"] for g in goals] == [
        "Rob will share the address with the police exploitation team.",
        "School to support Maddie's attendance.",
        "Karen to attend a parenting course.",
    ]
    assert goals[0]["smart"] and goals[0]["who"] == "Rob Ainsley" and goals[0]["when"] == "By 8 February 2027"
    assert goals[1]["missing"] == ["S", "M", "T", "W"]
    assert goals[2]["missing"] == ["S", "M", "R", "T"]
    assert goals[1]["location"]["table"] == 1 and goals[1]["location"]["row"] == 2
    smart = [f for f in findings if f.rule == "smart"]  # smart-worry-without-goal notes are judged in test_plan_links
    assert len(smart) == 2 and all(f.scope == "goal" for f in smart)
    assert smart[0].goal == {"text": "School to support Maddie's attendance.", "missing": ["S", "M", "T", "W"]}
    assert "'School' is not a named person" in smart[0].message
    assert "'Ongoing' is not a timescale" in smart[0].message
    assert stats["goals"] == 3 and stats["smart_goals"] == 1


def test_word_table_cells_are_read_the_same_way(run):
    doc = Document(path="plan.docx", format="docx")
    doc.add(Block(text="Plan", kind="heading", level=1))
    rows = [("Action", "Responsible", "Timescale"),
            ("Evie to be weighed weekly.", "HV", "Weekly"),
            ("Mum and Aaron must stop using drugs.", "Mum and Aaron", "Immediately"),
            ("Core group to meet monthly.", "All", "Monthly")]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            doc.add(Block(text=text, kind="table-cell", table=1, row=r, col=c, heading=("Plan",)))
    _, goals, _ = run(doc, rules=["smart"])
    assert [(g["text"], g["missing"]) for g in goals] == [
        ("Evie to be weighed weekly.", ["W"]),
        ("Mum and Aaron must stop using drugs.", ["A"]),
        ("Core group to meet monthly.", ["W"]),
    ]


def test_goals_and_stats_are_reported_even_when_their_rules_are_ignored(run):
    _, goals, stats = run(PLAN, rules=["readability-long-sentence"])
    assert len(goals) == 3
    for key in ("reading_age", "fk_grade", "strengths", "worries", "child_voice", "passive_share"):
        assert key in stats


def test_configured_section_aliases_find_goals(run):
    text = "## Jobs to do\n\n- Nan will take Bailey to nursery every weekday morning.\n"
    assert run(text)[1] == []
    config = Config(sections={"plan": ["Jobs to do"]})
    _, goals, _ = run(text, config=config)
    assert len(goals) == 1 and goals[0]["smart"]


def test_time_words_that_are_not_a_timescale(run):
    text = "## Actions\n\n- Nan will take Bailey to nursery as required.\n- Nan will take Bailey to nursery every time Mum is unwell.\n"
    _, goals, _ = run(text, rules=["smart"])
    assert "T" in goals[0]["missing"] and "T" not in goals[1]["missing"]


def test_negated_worries_are_not_worries_and_quoted_words_are_not_counted(run):
    _, _, stats = run("There are no concerns about neglect. Sam said 'I hate it when Dad drinks'. Mum loves Sam.\n")
    assert stats["worries"] == 0 and stats["strengths"] == 1


def test_balance_gives_the_counts(run):
    findings, _, _ = run("Dad hit Mum. Sam has missed school. The house has mould. Mum has been drinking. Mum loves Sam.\n",
                         rules=["balance"])
    assert len(findings) == 1 and findings[0].scope == "document" and findings[0].text == ""
    assert "4 worries and 1 strengths" in findings[0].message


def test_adults_speech_is_not_the_childs_voice(run):
    text = ("| Child | Sam Jones (7) |\n|---|---|\n| Mother | Kate Jones |\n\n"
            "## Worries\n\nKate said, 'I am doing my best.' Mum told me Sam is happy.\n")
    findings, _, stats = run(text, rules=["child-voice"])
    assert stats["child_voice"] == 0
    assert [f.scope for f in findings] == ["document"]


def test_a_short_note_is_not_judged_as_a_whole_record(run):
    findings, _, _ = run("Ellie went to the party. Adults there gave her alcohol.\n", rules=["child-voice", "balance"])
    assert findings == []


def test_letters_to_a_child_count_what_the_child_said(run):
    text = ("Hi Leo,\n\nThank you for seeing me.\n\n## What is going well\n\n"
            "- Family time with Mum is the part of the week you said you look forward to most.\n")
    findings, _, stats = run(text, rules=["child-voice"])
    assert stats["child_voice"] == 1 and not findings


def test_boilerplate_views_section_is_a_finding_on_that_section(run):
    text = ("## Children's views\n\nBailey did not want to talk to the social worker. Evie too young.\n\n"
            "## Background\n\nBailey told his teacher he was hungry.\n")
    findings, _, stats = run(text, rules=["child-voice"])
    assert stats["child_voice"] == 1
    assert len(findings) == 1 and findings[0].scope == "block"
    assert findings[0].location["kind"] == "heading" and "did not want" in findings[0].message


def test_long_sentences_do_not_count_quoted_words_and_reading_age_follows_textstat(run):
    import textstat

    from plainplan.check.analysis.readability import fk_grade, syllables

    quoted = "Maddie said, '" + " ".join(["we"] * 40) + "'.\n"
    assert not run(quoted, rules=["readability-long-sentence"])[0]
    text = "The cat sat on the mat. It was a sunny day and the children played outside in the garden."
    words = text.replace(".", "").split()
    mine = fk_grade(len(words), 2, sum(syllables(w) for w in words))
    assert mine == pytest.approx(textstat.flesch_kincaid_grade(text), abs=0.2)
    _, _, stats = run(text + "\n")
    assert stats["reading_age"] == pytest.approx(mine + 5, abs=0.1)


def test_a_goals_second_sentence_is_not_another_action(run):
    text = ("# Plan\n\n## What happens next\n\n"
            "- I will visit you every two weeks on Tuesday. You can ring me, or tell Grandad if you want to talk.\n"
            "- Mum will stop drinking, go to every group, keep the house clean and take Sam to school daily.\n")
    _, goals, _ = run(text, rules=["smart"])
    assert "A" not in goals[0]["missing"]
    assert "A" in goals[1]["missing"]
