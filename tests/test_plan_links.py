"""Plan links (issue 8): goals linked to the worries they answer and the strengths they build
on; a plan-level finding when no goal builds on a strength; a note on a worry no goal answers."""
import pytest

PLAN_RULE = "balance-plan-strengths"
WORRY_RULE = "smart-worry-without-goal"


@pytest.fixture(scope="module")
def run(session):
    """Check Markdown with the chosen rules; returns (findings, goals, stats)."""
    from plainplan.parse import parse
    from plainplan.read.markdown import read_markdown

    def go(text, rules=(PLAN_RULE, WORRY_RULE)):
        document = read_markdown("plan.md", text.encode("utf-8"))
        chosen = [r for r in session.rules if r.id in rules]
        return session.checker.check(parse(document, session.checker.nlp), chosen)
    return go


def of(findings, rule):
    return [f for f in findings if f.rule == rule]


STRENGTHS = """# Plan for Sam

## What is working well

- Mum loves Sam and reads him a story every night.
- Sam is proud of his drawings, and his art teacher says he is talented.

## What we are worried about

- Dad hit Mum in May.
- Sam has missed 12 days of school this term.
"""

DONE_TO = STRENGTHS + """
## The plan

| What needs to happen | Who | By when |
|---|---|---|
| Mum must go to the Freedom Programme. | Mum | Every Tuesday from 3 March |
| Dad will not come to the house. | Dad | From today |
| The school will ring Mum on any day Sam is not in class by 9.30am. | Mrs Reid (head teacher) | Every school day |
"""


def test_a_plan_done_to_a_family_gets_one_finding_on_its_heading_naming_the_strengths(run):
    findings, goals, _ = run(DONE_TO)
    [finding] = of(findings, PLAN_RULE)
    assert finding.category == "balance" and finding.severity == "warning"
    # Never scope "document": that is the document-level strengths/worries verdict.
    assert finding.scope == "block" and finding.location["kind"] == "heading"
    assert finding.context == "The plan"
    assert "Mum loves Sam and reads him a story every night" in finding.message
    assert "proud of his drawings" in finding.message
    assert all(g["strengths"] == [] for g in goals)


def test_a_network_member_named_only_in_the_plan_table_is_drawn_on(run):
    text = STRENGTHS + """
## The plan

| What needs to happen | Who | By when |
|---|---|---|
| Mum will go to the Freedom Programme. | Mum | Every Tuesday from 3 March |
| Pat will take Sam to school and collect him. | Pat Jones (Nan) | Every Monday and Wednesday |
"""
    findings, goals, _ = run(text)
    assert not of(findings, PLAN_RULE)
    assert "Pat (nan)" in goals[1]["strengths"]
    assert goals[0]["strengths"] == []


def test_a_network_member_named_in_the_strengths_and_in_a_goal_links_them(run):
    text = """## What is working well

- Farah's sister, Sana, has moved in to help with the children.

## What we are worried about

- Dad hit Mum in May.
- Dad has been drinking every evening.

## The plan

- Sana will stay with Farah and the children every weekend until 1 June.
- Dad will go to the alcohol service every Monday from 3 March.
"""
    findings, goals, _ = run(text)
    assert not of(findings, PLAN_RULE)
    assert "Farah's sister, Sana, has moved in to help with the children." in goals[0]["strengths"]
    assert "Sana (sister)" in goals[0]["strengths"]
    # The sister's possessor ("Farah's") is not taken for the network member.
    assert not any("Farah (" in s for g in goals for s in g["strengths"])
    assert goals[1]["worries"] == ["Dad has been drinking every evening."]


def test_a_goal_that_says_it_builds_on_what_works_builds_on_strengths(run):
    text = STRENGTHS + """
## The plan

- Mum will keep a calm routine every evening, as she already does at weekends.
- Dad will not come to the house from today.
"""
    findings, goals, _ = run(text)
    assert not of(findings, PLAN_RULE)
    assert any("already does" in s for s in goals[0]["strengths"])


def test_a_goal_on_the_childs_own_interest_shares_its_subject_with_the_strength(run):
    text = STRENGTHS + """
## The plan

- Sam will go to the art club at the youth centre every Thursday from 5 March.
- Dad will not come to the house from today.
"""
    findings, goals, _ = run(text)
    assert not of(findings, PLAN_RULE)
    assert goals[0]["strengths"] == ["Sam is proud of his drawings, and his art teacher says he is talented."]


def test_a_network_word_the_goal_turns_away_from_is_not_drawn_on(run):
    text = STRENGTHS + """
## The plan

- Sam will stop seeing his friends from the park from today.
- Mum will ring the police every time Sam is not home by 9pm.
"""
    findings, goals, _ = run(text)
    assert len(of(findings, PLAN_RULE)) == 1
    assert goals[0]["strengths"] == []


def test_no_strengths_anywhere_is_left_to_the_document_level_rule(run):
    text = """## What we are worried about

- Dad hit Mum in May.
- Dad has been drinking every evening.
- Sam has missed 12 days of school this term.

## The plan

- Mum must go to the Freedom Programme every Tuesday.
- Dad must stop drinking.
"""
    findings, _, _ = run(text, rules=(PLAN_RULE, "balance"))
    assert not of(findings, PLAN_RULE)
    assert [f.scope for f in of(findings, "balance")] == ["document"]


def test_a_document_without_a_plan_or_with_one_goal_is_not_judged(run):
    findings, goals, _ = run(STRENGTHS)
    assert not findings and not goals
    findings, _, _ = run(STRENGTHS + "\n## The plan\n\n- Dad will not come to the house from today.\n")
    assert not of(findings, PLAN_RULE)


def test_worries_without_a_goal_get_an_info_note_on_the_worry(run):
    findings, goals, _ = run(DONE_TO)
    notes = of(findings, WORRY_RULE)
    # "Dad hit Mum" is answered by nothing (Dad keeping away is the house, not the hitting);
    # missed school is answered by the school's call, in other words.
    assert [n.text for n in notes] == ["Dad hit Mum in May"]
    note = notes[0]
    assert note.category == "smart" and note.severity == "info" and note.scope == "span"
    assert "\u201cDad hit Mum in May\u201d" in note.message and "Which goal" in note.message
    assert goals[2]["worries"] == ["Sam has missed 12 days of school this term."]


def test_only_worries_of_a_worries_section_and_not_negated_ones_are_noted(run):
    text = """Dad hit Mum in May.

## What we are worried about

- There are no concerns about neglect.
- Sam is wetting the bed most nights.
- Mum has been drinking every evening.

## The plan

- Mum will take Sam to the GP about his bedtime by 1 April.
- The health visitor will visit every week from 3 March.
"""
    findings, goals, _ = run(text)
    notes = of(findings, WORRY_RULE)
    assert [n.text for n in notes] == ["Mum has been drinking every evening"]
    assert goals[0]["worries"] == ["Sam is wetting the bed most nights."]


def test_a_worry_carried_on_in_a_second_sentence_is_one_worry(run):
    text = """## What we are worried about

Bilal has been controlling for several years. He checks her phone and keeps her bank card.

## The plan

- Emma will refer Farah to the Freedom Programme by 12 February.
- Police will tell Farah about Bilal's bail by 1 March.
"""
    findings, goals, _ = run(text)
    assert not of(findings, WORRY_RULE)
    assert goals[0]["worries"] == ["Bilal has been controlling for several years. He checks her phone and keeps her bank card."]


def test_every_goal_has_worries_and_strengths_lists(run):
    _, goals, _ = run(DONE_TO, rules=())
    assert goals and all(isinstance(g["worries"], list) and isinstance(g["strengths"], list) for g in goals)


def test_reports_show_the_links_and_the_redacted_audit_leaves_them_out(run):
    from plainplan.audit.tables import render_table
    from plainplan.report.annotate import summary_paragraphs
    from plainplan.report.html import goals_table

    _, goals, stats = run(DONE_TO, rules=())
    record = {"path": "plan.md", "stats": stats, "findings": [], "goals": goals}
    html = goals_table(record)
    assert "Answers the worries" in html and "Sam has missed 12 days of school this term." in html
    summary = summary_paragraphs(record, [], 9)
    assert any(line.strip().startswith("answers: Sam has missed 12 days") for line in summary)
    table = render_table("goals.csv", [{"path": "plan.md", "result": record}], redact=True)
    assert "missed 12 days" not in table and "Freedom" not in table


def test_when_words_are_not_what_a_strength_is_about(run):
    text = """## What is working well

- Leo's neighbour, Mrs Okafor, looks after him after school when Mum is at work.

## What we are worried about

- Dad has been drinking most evenings.

## The plan

- Leo to attend school every day.
- Dad must stop drinking.
"""
    findings, goals, _ = run(text)
    [finding] = of(findings, PLAN_RULE)
    assert "Okafor (neighbour)" in finding.message
    assert goals[0]["strengths"] == []


def test_a_reassurance_in_the_worries_section_is_not_a_worry_to_plan_for(session):
    from plainplan.read.markdown import read_markdown

    text = ("# Dear Maya\n\n## What we are worried about\n\n"
            "We are worried that your mum has been drinking a lot of alcohol. This is not your fault. "
            "Grown-ups are in charge of keeping children safe.\n\n## What happens next\n\n"
            "- Your mum has agreed to meet a worker from the alcohol service every week from 10 June.\n"
            "- I will visit you and Grandad every two weeks.\n")
    result = session.check_document(read_markdown("maya.md", text.encode()))
    notes = [f.text for f in result.findings if f.rule == "smart-worry-without-goal"]
    assert not any("Grown-ups" in n for n in notes)
