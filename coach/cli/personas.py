"""`coach persona` and `coach practice`: the customers, and talking to one in the terminal."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import NamedTuple

from coach.cli.common import rubric_from, settings_from
from coach.datafile import Source, read_text
from coach.db import is_url, open_database
from coach.errors import DataFileError, DataFileErrors
from coach.languages import Address
from coach.personas import Persona, UnknownPersona, expand, find_persona, load_persona, load_personas, persona_schema
from coach.rubric import Rubric
from coach.settings import Settings


class Offered(NamedTuple):
    """A persona as coach offers it, and where it comes from: its file, or the version published
    in the page (which takes the file's place, for trainees and for these commands alike)."""

    persona: Persona
    page_version: int | None = None

    def where(self) -> str:
        return f", page version {self.page_version}" if self.page_version is not None else ""


def _published(settings: Settings, rubric: Rubric) -> dict[str, tuple[int, Persona]]:
    """The personas published in the page, from the database when there is one (reading never
    creates a database)."""
    where = settings.database_where()
    if not is_url(where) and not Path(where).is_file():
        return {}
    from coach.persona_versions import PersonaVersions

    db = open_database(where)
    try:
        return PersonaVersions(db, rubric).published()
    finally:
        db.close()


def _report(errors: list[DataFileError]) -> None:
    for error in errors:
        print(f"coach: {error}", file=sys.stderr)


def _named(args: argparse.Namespace) -> tuple[list[Offered], list[DataFileError]]:
    """The personas NAMES stands for, each a persona id (as `coach persona list` shows it: the
    page's published version when there is one), a file or a folder of files; every persona coach
    offers when none are named. A file that does not exist or an unknown id is a one-line error;
    each broken file is reported on stderr, and one never hides another."""
    settings = settings_from(args)
    rubric = rubric_from(settings)
    where = settings.persona_folders()
    if not args.names:
        personas, errors = load_personas(None, rubric, where)
        offered = {p.id: Offered(p) for p in personas}
        offered.update({pid: Offered(persona, version)
                        for pid, (version, persona) in _published(settings, rubric).items()})
        _report(errors)
        return list(offered.values()), errors
    out: list[Offered] = []
    errors = []
    files: dict[str, Source] | None = None
    published: dict[str, tuple[int, Persona]] | None = None
    for name in args.names:
        path = Path(name)
        if path.exists() or path.suffix in {".yaml", ".yml"} or len(path.parts) > 1 or name.endswith("/"):
            if not path.exists():
                raise DataFileError(path, "file not found")
            personas, found = load_personas([path], rubric)
            if not personas and not found:
                raise DataFileError(path, "holds no persona files (.yaml)")
            out += [Offered(p) for p in personas]
            errors += found
            continue
        files = where.files() if files is None else files
        published = _published(settings, rubric) if published is None else published
        if name in published:
            version, persona = published[name]
            out.append(Offered(persona, version))
        elif name in files:
            try:
                out.append(Offered(load_persona(files[name], rubric)))
            except DataFileErrors as exc:
                errors += exc.errors
            except DataFileError as exc:
                errors.append(exc)
        else:
            known = sorted({*files, *published})
            raise UnknownPersona(f"unknown persona '{name}' (no such file or persona id); known: {', '.join(known)}")
    _report(errors)
    return out, errors


def _validate(args: argparse.Namespace) -> int:
    offered, errors = _named(args)
    for o in offered:
        print(f"ok: {o.persona.id} ({o.persona.language}, {o.persona.difficulty.value}{o.where()})")
    return 1 if errors else 0


def _test(args: argparse.Namespace) -> int:
    """Play every persona (or those in PATHS) with the scripted trainees; non-zero when a promise fails."""
    import asyncio

    from coach.harness import rehearse

    offered, errors = _named(args)
    settings = settings_from(args)
    rubric = rubric_from(settings)

    async def all_of_them():
        return await asyncio.gather(*(rehearse(o.persona, rubric, settings) for o in offered))

    reports = asyncio.run(all_of_them())
    for report in reports:
        print(report.text())
    failed = [r.persona for r in reports if not r.ok]
    print(f"{len(reports) - len(failed)} of {len(reports)} personas keep their promises"
          + (f"; failing: {', '.join(failed)}" if failed else ""))
    return 1 if failed or errors else 0


def _versions(args: argparse.Namespace):
    from coach.persona_versions import PersonaVersions

    settings = settings_from(args)
    return PersonaVersions(open_database(settings.database_where()), rubric_from(settings))


def _export(args: argparse.Namespace) -> int:
    """Page-edited personas (their latest published versions) written as persona files."""
    versions = _versions(args)
    published = versions.published()
    wanted = args.ids or sorted(published)
    missing = [pid for pid in wanted if pid not in published]
    if missing:
        raise DataFileError(missing[0], "has no published version in the database")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for pid in wanted:
        version = published[pid][0]
        (out / f"{pid}.yaml").write_text(versions.text(pid, version) or "", encoding="utf-8")
        print(f"{pid}: version {version} -> {out / f'{pid}.yaml'}")
    return 0


def _import(args: argparse.Namespace) -> int:
    """Persona files stored as new versions in the database (drafts, or published with --publish)."""
    versions = _versions(args)
    failed = 0
    for path in expand([Path(p) for p in args.paths]):
        text = read_text(path)
        try:
            saved = versions.save(text, args.author, path)  # validated as that file: its name is the id
        except (DataFileError, DataFileErrors) as exc:
            for error in exc.errors if isinstance(exc, DataFileErrors) else [exc]:
                print(f"coach: {error}", file=sys.stderr)
            failed += 1
            continue
        if args.publish:
            versions.publish(saved.persona_id, saved.version)
        print(f"{saved.persona_id}: version {saved.version} {'published' if args.publish else 'saved as a draft'}")
    return 1 if failed else 0


def _list(args: argparse.Namespace) -> int:
    """Every persona coach offers; one published in the page shows its version (it replaces the file)."""
    args.names = []
    offered, errors = _named(args)
    for o in offered:
        p = o.persona
        source = f"page v{o.page_version}" if o.page_version is not None else "file"
        print(f"{p.id:<22} {p.language}  {p.difficulty.value:<6}  {source:<8}  {p.customer_name:<18}  {p.display_name}")
    return 1 if errors else 0


def _schema(args: argparse.Namespace) -> int:
    print(json.dumps(persona_schema(), ensure_ascii=False, indent=2))
    return 0


def _practice(args: argparse.Namespace) -> int:
    from coach.terminal import practice_in_terminal

    settings = settings_from(args)
    rubric = rubric_from(settings)
    persona = find_persona(args.persona, rubric, settings.persona_folders())
    return practice_in_terminal(persona, settings=settings, rubric=rubric, engine=args.engine, seed=args.seed,
                                save_dir=args.save, address=Address(args.address or settings.address))


def register(sub: argparse._SubParsersAction, sources: argparse.ArgumentParser) -> None:
    persona = sub.add_parser("persona", help="check and list customer personas")
    persona_sub = persona.add_subparsers(dest="persona_command", metavar="ACTION", required=True)
    pv = persona_sub.add_parser("validate", parents=[sources], help="validate persona files; every problem is reported")
    pv.add_argument("names", nargs="*", metavar="NAME",
                    help="persona ids, files or folders (default: every persona coach offers)")
    pv.set_defaults(func=_validate)
    pt = persona_sub.add_parser("test", parents=[sources],
                                help="play personas with scripted trainees and check each keeps its promises")
    pt.add_argument("names", nargs="*", metavar="NAME",
                    help="persona ids, files or folders (default: every persona coach offers)")
    pt.set_defaults(func=_test)
    persona_sub.add_parser("list", parents=[sources],
                           help="list the personas (files, and versions published in the page)").set_defaults(func=_list)
    pe = persona_sub.add_parser("export", parents=[sources], help="write personas edited in the page as files")
    pe.add_argument("ids", nargs="*", help="persona ids (default: every persona edited in the page)")
    pe.add_argument("--out", required=True, help="folder to write the files to")
    pe.set_defaults(func=_export)
    pi = persona_sub.add_parser("import", parents=[sources], help="store persona files as versions in the database")
    pi.add_argument("paths", nargs="+", help="persona files or folders")
    pi.add_argument("--publish", action="store_true", help="publish them at once (default: drafts)")
    pi.add_argument("--author", default="coach persona import", help="who the versions are recorded as by")
    pi.set_defaults(func=_import)
    persona_sub.add_parser("schema", help="print the persona JSON Schema").set_defaults(func=_schema)

    practice = sub.add_parser("practice", parents=[sources], help="talk to a persona in the terminal, graded on every reply")
    practice.add_argument("persona", help="persona id (see `coach persona list`) or a persona file")
    practice.add_argument("--engine", choices=["auto", "offline", "llm"], default=None)
    practice.add_argument("--seed", type=int, default=0, help="the scripted customer's seed (same seed, same lines)")
    practice.add_argument("--address", choices=[a.value for a in Address], default=None,
                          help="how the customer speaks to you where the language marks it (Polish pan/pani, "
                               "Arabic verb forms...); default: the `address` setting, neutral")
    practice.add_argument("--save", metavar="DIR", default=None,
                          help="folder for the transcript, saved after every turn (default: transcripts/ in the data directory)")
    practice.set_defaults(func=_practice)
