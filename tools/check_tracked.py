"""Fail when git tracks a binary file, build output or a merge-conflict marker (run by `make lint`).

A compiled module in the repository goes stale without anyone noticing (a
checkout imports the old build) and every rebuild dirties the tree, so build
output stays ignored. Anything tracked must be UTF-8 text without NUL bytes,
unless listed in ALLOWED by its path with the reason it belongs in git.
"""
import pathlib
import re
import subprocess
import sys

# Tracked binary files that belong in the repository, by path, each with its reason.
# None today: the fuzz seed corpora are text drawn from the embedded data and the vectors.
ALLOWED: dict[str, str] = {}

BUILD_OUTPUT = re.compile(
    r"""(^|/)(target|node_modules|__pycache__|\.venv|[^/]+\.egg-info)/   # build and install folders
      | \.(so(\.\d+)*|dylib|dll|pyd|exe|o|a|rlib|whl|jar|class|pyc)$     # compiled artefacts
    """,
    re.VERBOSE,
)

CONFLICT_MARKER = re.compile(rb"^(<{7} |>{7} |={7}$)", re.MULTILINE)

root = pathlib.Path(__file__).resolve().parent.parent
listed = subprocess.run(["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True).stdout
names = [name for name in listed.decode("utf-8").split("\0") if name]
problems = []
for name in names:
    if name in ALLOWED:
        continue
    if BUILD_OUTPUT.search(name):
        problems.append(f"{name}: build output")
        continue
    path = root / name
    if path.is_symlink() or not path.is_file():
        continue  # symlinks are text in git; a file deleted in the work tree is no longer shipped
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        problems.append(f"{name}: not UTF-8 text")
        continue
    if b"\0" in data:
        problems.append(f"{name}: contains NUL bytes")
        continue
    # A merge that was committed half-resolved ships its markers silently (it happened once, in the README).
    if CONFLICT_MARKER.search(data):
        problems.append(f"{name}: contains a merge-conflict marker")

if problems:
    print("tracked files that should not be in git (git rm --cached them and ignore them,", file=sys.stderr)
    print("or add them to ALLOWED in tools/check_tracked.py with a reason):", file=sys.stderr)
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)
    sys.exit(1)
print(f"check_tracked: {len(names)} tracked files, no binary or build output")
