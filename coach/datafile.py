"""Load trainer-written YAML/JSON files into pydantic models with file:line:field errors.

PyYAML's node tree keeps the line of every key and item; we keep a map from each
field path to its line so a pydantic error can be reported where the author wrote it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from coach.errors import DataFileError, DataFileErrors

M = TypeVar("M", bound=BaseModel)
Loc = tuple[str | int, ...]
Source = str | Path | Traversable  # a file on disk, or one shipped inside the package


MAX_DEPTH = 40  # a persona nests a few levels; far deeper is a mistake (or an attack on the parser)
MAX_NUMBER_CHARS = 100  # digits of one number: Python refuses to read an int past 4,300 of them
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


def _walk(node: yaml.Node, path: Loc, lines: dict[Loc, int], dupes: list[tuple[Loc, int]],
          numbers: list[tuple[Loc, int]]) -> None:
    """Record the line of every key and item below `node`, every key given twice and every number too long."""
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.ScalarNode) and node.tag in _NUMBER_TAGS and len(node.value) > MAX_NUMBER_CHARS:
        numbers.append((path, node.start_mark.line + 1))
    if isinstance(node, yaml.MappingNode):
        children = []
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                dupes.append((path + (key,), key_node.start_mark.line + 1))
            seen.add(key)
            children.append((path + (key,), key_node, value_node))
    elif isinstance(node, yaml.SequenceNode):
        children = [(path + (i,), item, item) for i, item in enumerate(node.value)]
    else:
        return
    for child_path, mark_node, child in children:
        lines[child_path] = mark_node.start_mark.line + 1
        _walk(child, child_path, lines, dupes, numbers)


def field_name(loc: Loc) -> str:
    """`('criteria', 2, 'sources')` -> `criteria[2].sources`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def line_of(loc: Loc, lines: dict[Loc, int], default: int | None = None) -> int | None:
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return default


def _clean_loc(loc: tuple[Any, ...]) -> Loc:
    # pydantic adds tags such as 'function-after[...]' or union member names; drop them.
    return tuple(p for p in loc if isinstance(p, int) or ("[" not in str(p) and "-" not in str(p)))


def errors_from_validation(path: Source, exc: ValidationError, lines: dict[Loc, int], base_line: int | None = None) -> list[DataFileError]:
    out = []
    for err in exc.errors():
        loc = _clean_loc(err["loc"])
        msg = err["msg"]
        if err["type"] == "missing":
            msg = "is required but missing"
        elif err["type"] == "extra_forbidden":
            msg = "is not a known field (check its spelling)"
        out.append(DataFileError(path, msg, line=line_of(loc, lines, base_line), field=field_name(loc) or None))
    return out


def read_text(path: Source) -> str:
    """A trainer-written file's text, or a one-line error saying what is wrong with the path."""
    path = Path(path) if isinstance(path, str) else path
    try:
        if path.is_dir():
            raise DataFileError(path, "is a folder, not a file")
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(path, "file not found") from None
    except IsADirectoryError:
        raise DataFileError(path, "is a folder, not a file") from None
    except PermissionError:
        raise DataFileError(path, "cannot be read (permission denied)") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(path, f"is not UTF-8 text ({exc.reason} at byte {exc.start})") from None


MAX_FILE_CHARS = 200_000  # a rubric or persona is a few kilobytes; anything near this is a mistake


class _TooDeep(yaml.composer.ComposerError):
    def __init__(self, field: str, mark: yaml.Mark):
        super().__init__(None, None, f"nests deeper than {MAX_DEPTH} levels", mark)
        self.field = field


class _NoAliases(yaml.SafeLoader):
    """YAML without aliases: trainer-written files never need `*name`, and a few nested aliases
    expand into billions of nodes (a "billion laughs" file would freeze whoever reads it). Nesting
    stops at `MAX_DEPTH` levels, before Python's recursion limit would."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self._path: list[Any] = []  # where the node being composed sits (None for keys and the root)

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed; write the value out",
                                              event.start_mark)
        self._path.append(index.value if isinstance(index, yaml.Node) else index)
        try:
            if len(self._path) > MAX_DEPTH:
                loc = tuple(p for p in self._path if isinstance(p, str | int))
                raise _TooDeep(field_name(loc), self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._path.pop()


def read_yaml(path: Source, text: str | None = None) -> tuple[Any, dict[Loc, int]]:
    """Parse a YAML file (or `text` reported as that file); return its data and the line of every field path."""
    if text is None:
        text = read_text(path)
    if len(text) > MAX_FILE_CHARS:
        raise DataFileError(path, f"is too long ({len(text):,} characters; at most {MAX_FILE_CHARS:,})")
    try:
        loader = _NoAliases(text)  # one parse: the node tree gives lines, then the data
        try:
            node = loader.get_single_node()
            lines: dict[Loc, int] = {}
            dupes: list[tuple[Loc, int]] = []
            numbers: list[tuple[Loc, int]] = []
            if node is not None:
                _walk(node, (), lines, dupes, numbers)
            problems = [DataFileError(path, "is given twice; keep one", line=ln, field=field_name(loc))
                        for loc, ln in dupes]
            problems += [DataFileError(path, f"is a number of more than {MAX_NUMBER_CHARS} characters", line=ln,
                                       field=field_name(loc) or None) for loc, ln in numbers]
            if problems:
                raise problems[0] if len(problems) == 1 else DataFileErrors(problems)
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise DataFileError(path, f"is not valid YAML: {exc.problem or exc.context}", line=line,
                            field=getattr(exc, "field", None) or None) from None
    except yaml.YAMLError as exc:
        raise DataFileError(path, f"is not valid YAML: {exc}") from None
    return data, lines


def load_model(path: Source, model: type[M], *, context: dict[str, Any] | None = None,
               text: str | None = None) -> M:
    """Read a YAML (or JSON, a YAML subset) file, or `text` named as that file, and validate it as `model`."""
    data, lines = read_yaml(path, text)
    if data is None:
        raise DataFileError(path, "is empty", line=1)
    if not isinstance(data, dict):
        raise DataFileError(path, f"must hold a mapping of fields, not a {type(data).__name__}", line=1)
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        errors = errors_from_validation(path, exc, lines, 1)
        raise (errors[0] if len(errors) == 1 else DataFileErrors(errors)) from None


def iter_jsonl_lines(path: str | Path, model: type[M]) -> Iterator[tuple[int, M | DataFileError | DataFileErrors]]:
    """Yield (line number, model or the error for that line): one bad line never hides the rest."""
    path = Path(path)
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise DataFileError(path, "file not found") from None
    except IsADirectoryError:
        raise DataFileError(path, "is a folder, not a file (give a .jsonl file of cases)") from None
    except PermissionError:
        raise DataFileError(path, "cannot be read (permission denied)") from None
    with handle:
        for number, raw_bytes in enumerate(handle, start=1):
            try:
                raw = raw_bytes.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield number, DataFileError(path, f"is not UTF-8 text ({exc.reason})", line=number)
                continue
            if not raw.strip():
                continue
            try:
                data = json.loads(raw)
            except json.JSONDecodeError as exc:
                yield number, DataFileError(path, f"is not valid JSON: {exc.msg} (column {exc.colno})", line=number)
                continue
            if not isinstance(data, dict):
                yield number, DataFileError(path, "each line must be a JSON object", line=number)
                continue
            try:
                yield number, model.model_validate(data)
            except ValidationError as exc:
                errors = errors_from_validation(path, exc, {}, number)
                yield number, errors[0] if len(errors) == 1 else DataFileErrors(errors)


def iter_jsonl(path: str | Path, model: type[M]) -> Iterator[M]:
    """Yield one validated model per non-blank line; stop at the first bad line, naming it."""
    for _, item in iter_jsonl_lines(path, model):
        if isinstance(item, Exception):
            raise item
        yield item
