"""Every repository path named in the docs, the README, and the comments and docstrings of
the code exists: a renamed or deleted file leaves no stale pointer behind. Also: the
indicator definitions the code cites are in the repository, under the engine's version."""

import ast
import io
import re
import subprocess
import tokenize
from pathlib import Path

import pytest

from frenchtech.observatory.engine.schema import DEFINITIONS_VERSION

REPOSITORY = Path(__file__).resolve().parents[2]
EXTENSIONS = (
    "py", "md", "html", "txt", "sql", "csv", "json", "toml", "lock", "in", "sh", "svg", "js",
    "css", "po", "yaml", "yml",
)  # fmt: skip
# A path: segments joined by "/", ending in a known extension or in "/" (a directory); a
# bare file name only for Markdown pages (the way documents cite each other).
PATH = re.compile(
    r"(?<![\w/.:@<{$\"-])"  # not inside a word, URL, placeholder or quoted code string
    r"((?:[\w.-]+/)+(?:[\w-]+(?:\.[\w-]+)*\.(?:" + "|".join(EXTENSIONS) + r")\b)?"
    r"|[A-Za-z][\w-]*\.md\b)"
)
# Not repository paths: what `make run` creates, the virtualenv, pages' URLs.
NOT_IN_REPOSITORY = ("var/", ".venv/", "frenchtech.egg-info/")


def tracked_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPOSITORY, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    return [name for name in listed if (REPOSITORY / name).exists()]


def python_prose(source: str) -> str:
    """The comments and docstrings of a Python module, nothing else."""
    parts = [
        token.string
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.COMMENT
    ]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            docstring = ast.get_docstring(node, clean=False)
            if docstring:
                parts.append(docstring)
    return "\n".join(parts)


def sql_prose(source: str) -> str:
    return "\n".join(line.split("--", 1)[1] for line in source.splitlines() if "--" in line)


def prose_of(name: str) -> str | None:
    path = REPOSITORY / name
    if name.endswith(".py"):
        return python_prose(path.read_text(encoding="utf-8"))
    if name.endswith(".sql"):
        return sql_prose(path.read_text(encoding="utf-8"))
    if name.endswith(".md") and (name.startswith("docs/") or name == "README.md"):
        return path.read_text(encoding="utf-8")
    return None


# A directory is named from the repository's top or from the package (`calls/`); other
# words joined by slashes ("Paris/Lyon/", URL paths) are not paths.
DIRECTORY_ROOTS = {"frenchtech", "tests", "docs", "data", "bench", "scripts", ".ci"} | {
    path.name for path in (REPOSITORY / "frenchtech").iterdir() if path.is_dir()
}


def named_paths(text: str) -> set[str]:
    found = set()
    for match in PATH.finditer(text):
        candidate = match.group(1).removeprefix("./")
        if candidate.startswith(NOT_IN_REPOSITORY) or "path/to/" in candidate:
            continue
        is_directory = candidate.endswith("/")
        if is_directory and candidate.split("/")[0] not in DIRECTORY_ROOTS | {".."}:
            continue
        found.add(candidate)
    return found


def exists(candidate: str, citing: str, files: list[str], directories: set[str]) -> bool:
    if candidate.startswith("../"):  # a relative link of a page
        resolved = ((REPOSITORY / citing).parent / candidate).resolve()
        # Outside the repository is not a repository path.
        return not resolved.is_relative_to(REPOSITORY) or resolved.exists()
    if candidate.endswith("/"):
        name = candidate.rstrip("/")
        return any(d == name or d.endswith("/" + name) for d in directories)
    return any(f == candidate or f.endswith("/" + candidate) for f in files)


@pytest.fixture(scope="module")
def repository():
    files = tracked_files()
    directories = {str(Path(f).parent) for f in files}
    for directory in list(directories):
        directories.update(str(parent) for parent in Path(directory).parents)
    return files, directories


def test_every_path_named_in_docs_comments_and_docstrings_exists(repository):
    files, directories = repository
    missing = []
    for citing in files:
        if citing.startswith(("data/sources/", "bench/results/")):
            continue  # recorded outputs, not prose
        prose = prose_of(citing)
        if prose is None:
            continue
        for candidate in sorted(named_paths(prose)):
            if not exists(candidate, citing, files, directories):
                missing.append(f"{citing}: {candidate}")
    assert missing == [], "\n".join(missing)


def test_the_scan_sees_paths_in_comments_docstrings_and_pages():
    source = '"""See docs/nowhere.md."""\n# and frenchtech/gone.py\nvalue = "not/a/comment.py"\n'
    assert named_paths(python_prose(source)) == {"docs/nowhere.md", "frenchtech/gone.py"}
    assert named_paths("[a](methodology/x.md), `calls/perms.py`, INDICATORS.md, and/or") == {
        "methodology/x.md",
        "calls/perms.py",
        "INDICATORS.md",
    }
    assert named_paths("var/observatory/ and https://example.org/a/b.md") == set()
    assert named_paths("Paris/Lyon/ and /api/v1/ and calls/ and tests/core/") == {
        "calls/",
        "tests/core/",
    }


def test_the_indicator_definitions_are_in_the_repository_under_the_engines_version():
    definitions = REPOSITORY / "docs" / "methodology" / "indicator-definitions.md"
    title = definitions.read_text(encoding="utf-8").splitlines()[0]
    assert title == f"# Indicator definitions (version `{DEFINITIONS_VERSION}`)"
