"""The command line: thin wrappers that load config, run the pipeline and pick a reporter.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 a usage or
configuration error, or a document that could not be read.
"""
from __future__ import annotations

import sys

import click

from . import __version__
from .config import ConfigError, load_config, override
from .report import FORMATS
from .results import EXIT_ERROR, SEVERITIES, exit_status
CHECK_FORMATS = tuple(FORMATS)


class UserError(click.ClickException):
    """One line on stderr and exit code 2: never a traceback."""
    exit_code = EXIT_ERROR

    def show(self, file=None):
        click.echo(f"plainplan: {self.format_message()}", err=True)


def _session(config_path, select=(), ignore=(), template=False, fail_on=None):
    from .check.rules import RuleError
    from .run import Session

    try:
        config = load_config(config_path)
    except ConfigError as exc:
        raise UserError(str(exc)) from None
    override(config, select=list(select), ignore=list(ignore), fail_on=fail_on)
    try:
        return Session(config, mode="template" if template else None)
    except (RuleError, FileNotFoundError) as exc:
        raise UserError(str(exc)) from None


def _write(text: str, output) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    from .report.files import write_atomically

    write_atomically(output, text)


def exit_code(results, fail_on: str) -> int:
    return exit_status(any(r.error for r in results), (f.severity for r in results for f in r.findings), fail_on)


def selection_options(command):
    """The options `check` and `audit` share: which rules, which config, when to fail."""
    options = [
        click.option("--fail-on", type=click.Choice(SEVERITIES + ("never",)), default=None,
                     help="Exit 1 when a finding is at or above this severity (default: warning, or fail_on in config)."),
        click.option("--select", multiple=True, metavar="RULES",
                     help="Only these rule ids, names or categories (repeat or comma-separate)."),
        click.option("--ignore", multiple=True, metavar="RULES",
                     help="Skip these rule ids, names or categories (repeat or comma-separate)."),
        click.option("--config", "config_path", type=click.Path(dir_okay=False),
                     help="Use this config file instead of searching for .plainplan.yaml."),
        click.option("--template", is_flag=True, help="Check the files as templates (structure and prompt wording only)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _documents(paths) -> list:
    from .run import expand_paths

    files = expand_paths(paths)
    if not files:
        raise UserError("no documents found (plainplan reads .docx, .md, .markdown and .txt)")
    return files


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="plainplan")
def main():
    """Check children's social care assessments and plans for plain, caring language
    and SMART plans. Reads .docx, .md and .txt."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(CHECK_FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file instead of the screen.")
@selection_options
@click.option("-q", "--quiet", is_flag=True, help="Print findings only: no summary line.")
@click.option("--annotate", is_flag=True, help="Also write a copy of each Word document with a comment on each finding (NAME.plainplan.docx).")
@click.option("--suggest", is_flag=True, help="With --annotate: also write plain alternatives as tracked changes to accept or reject in Word.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), help="With --annotate: write the annotated copies into this folder.")
@click.option("--force", is_flag=True, help="With --annotate: replace annotated copies that already exist.")
def check(paths, fmt, output, fail_on, select, ignore, config_path, template, quiet, annotate, suggest, out_dir, force):
    """Check documents and folders (recursively: .docx, .md, .markdown, .txt)."""
    from .report import render, render_files

    if (suggest or out_dir or force) and not annotate:
        raise UserError("--suggest, --out and --force go with --annotate")
    session = _session(config_path, select, ignore, template, fail_on)
    files = _documents(paths)
    targets = _annotation_targets(files, out_dir, force) if annotate else {}
    results = _check_all(session, files)
    options = {"quiet": quiet, "rules": session.rules, "config": session.config}
    if output is None:
        _write(render(fmt, results, **options), None)
    else:
        for path, text in render_files(fmt, results, output, **options).items():
            _write(text, path)
    failed = _annotate_all(results, targets, suggest, quiet, session) if annotate else False
    sys.exit(EXIT_ERROR if failed else exit_code(results, session.config.fail_on))


def _annotation_targets(files, out_dir, force):
    from .report.annotate import AnnotateError, annotation_targets

    try:
        targets = annotation_targets(files, out_dir, force)
    except AnnotateError as exc:
        raise UserError(str(exc)) from None
    if not targets:
        click.echo("plainplan: --annotate writes comments into Word documents; none of these is one", err=True)
    return targets


def _annotate_all(results, targets, suggest, quiet, session) -> bool:
    """Write the annotated copies; True when one could not be written (exit 2)."""
    from .report.annotate import AnnotateError, annotate

    failed = False
    for result in results:
        target = targets.get(result.path)
        if target is None or result.error:
            continue
        try:
            annotate(result, target, suggest=suggest, rules=session.rules, config=session.config)
        except AnnotateError as exc:
            click.echo(f"plainplan: {exc}", err=True)
            failed = True
            continue
        if not quiet:
            click.echo(f"plainplan: wrote {target}", err=True)
    return failed


def _check_all(session, files):
    from .parse.nlp import ModelMissing

    results = []
    for path in files:
        try:
            results.append(session.check_path(path))
        except ModelMissing as exc:
            raise UserError(str(exc)) from None
    return results


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(("text", "json", "markdown")), default="text", show_default=True,
              help="markdown: the rules reference kept in docs/rules.md.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of the screen.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
def rules_command(fmt, output, config_path):
    """List every rule: id, category, severity and what it checks."""
    from .report.markdown_rules import render_rules_markdown
    from .report.rules import render_rules

    session = _session(config_path)
    if fmt == "markdown":
        _write(render_rules_markdown(session.rules), output)
    else:
        _write(render_rules(session.rules, session.config, fmt), output)


@main.command()
@click.argument("rule")
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
def explain(rule, config_path):
    """Explain a rule: what it finds, why it matters, what to write instead, examples."""
    from .check.rules import find_rule
    from .report.rules import render_explain

    session = _session(config_path)
    found = find_rule(session.rules, rule)
    if found is None:
        raise UserError(f"no rule '{rule}'; 'plainplan rules' lists them")
    click.echo(render_explain(found, session.config), nl=False)


@main.command()
@click.argument("path", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
def text(path, fmt):
    """Show the blocks of a document exactly as plainplan reads them, with locations."""
    from .document import ReadError
    from .read import read_document
    from .report.blocks import render_blocks

    try:
        document = read_document(path)
    except ReadError as exc:
        raise UserError(exc.message) from None
    click.echo(render_blocks(document, fmt), nl=False)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder for results.jsonl, summary.csv, findings.csv, goals.csv and report.html.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: one per core).")
@click.option("--resume", is_flag=True, help="Carry on an audit in --out: documents whose content is unchanged are not checked again.")
@click.option("--force", is_flag=True, help="Start again from nothing, replacing the audit already in --out.")
@click.option("--redact", is_flag=True, help="Leave document text (context, goal text, headings, names) out of every output.")
@click.option("--no-reports", is_flag=True, help="Do not write a per-document HTML report for each document.")
@click.option("--timeout", type=click.FloatRange(min=1), default=600, show_default=True,
              help="Seconds one document may take before it is stopped and recorded as an error.")
@click.option("--dask-scheduler", metavar="ADDRESS", help="Run on a Dask cluster (pip install \"plainplan[dask]\").")
@selection_options
@click.option("-q", "--quiet", is_flag=True, help="No progress and no summary lines.")
def audit(paths, out_dir, jobs, resume, force, redact, no_reports, timeout, dask_scheduler, fail_on, select,
          ignore, config_path, template, quiet):
    """Audit a batch of case files in parallel: CSV tables and an HTML dashboard in --out."""
    from .audit import AuditError, AuditOptions, audit as run
    from .audit.cluster import ClusterError
    from .audit.workers import default_jobs
    from .check.rules import RuleError
    from .parse.nlp import ModelMissing

    if resume and force:
        raise UserError("--resume carries on an audit and --force starts again: choose one")
    session = _session(config_path, select, ignore, template, fail_on)
    files = _documents(paths)
    options = AuditOptions(out=out_dir, jobs=jobs or default_jobs(), resume=resume, force=force, redact=redact,
                           reports=not no_reports, timeout=timeout, scheduler=dask_scheduler, quiet=quiet)
    try:
        code = run(session, paths, files, options, echo=lambda line: click.echo(line, err=True))
    except (AuditError, ClusterError, ModelMissing, RuleError) as exc:
        raise UserError(str(exc)) from None
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
