"""The [Path] section of a path unit (systemd.path(5)), parsed from a LoadRequest.

Pure functions, no gRPC and no I/O: `parse_unit(name, fragment, sections, specifiers)` returns a
`Parsed` with the configuration (or None), the errors (the unit is not usable), the warnings (an
ignored key) and the printable properties. Errors and warnings are `Problem`s naming file, line,
section and key, so `sctl status` can point at the place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Tuple

SECTION = "Path"

# The five kinds of path specification, in the order systemd.path(5) lists them.
PATH_EXISTS = "PathExists"
PATH_EXISTS_GLOB = "PathExistsGlob"
PATH_CHANGED = "PathChanged"
PATH_MODIFIED = "PathModified"
DIRECTORY_NOT_EMPTY = "DirectoryNotEmpty"
PATH_TYPES = (PATH_EXISTS, PATH_EXISTS_GLOB, PATH_CHANGED, PATH_MODIFIED, DIRECTORY_NOT_EMPTY)

KNOWN_KEYS = set(PATH_TYPES) | {"Unit", "MakeDirectory", "DirectoryMode", "TriggerLimitIntervalSec", "TriggerLimitBurst"}

DEFAULT_TRIGGER_INTERVAL_USEC = 2_000_000   # systemd.path(5): TriggerLimitIntervalSec= defaults to 2s
DEFAULT_TRIGGER_BURST = 200                 # and TriggerLimitBurst= to 200
DEFAULT_DIRECTORY_MODE = 0o755
INFINITY = -1                               # an interval of "infinity"

MAX_PATH = 4095
MAX_UNIT_NAME = 255


@dataclass
class Problem:
    file: str
    line: int
    section: str
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}: " if self.file else ""
        return f"{where}{self.key + ': ' if self.key else ''}{self.message}"


@dataclass(frozen=True)
class PathSpec:
    type: str
    path: str


@dataclass
class PathConfig:
    specs: List[PathSpec]
    unit: str
    make_directory: bool = False
    directory_mode: int = DEFAULT_DIRECTORY_MODE
    trigger_interval_usec: int = DEFAULT_TRIGGER_INTERVAL_USEC
    trigger_burst: int = DEFAULT_TRIGGER_BURST


@dataclass
class Parsed:
    config: Optional[PathConfig]
    errors: List[Problem] = field(default_factory=list)
    warnings: List[Problem] = field(default_factory=list)
    properties: Dict[str, str] = field(default_factory=dict)


# --- unit names ---------------------------------------------------------------------------------

_NAME_CHARS = re.compile(r"^[A-Za-z0-9:_.\\@-]+$")
_SUFFIX = re.compile(r"\.([a-z][a-z0-9-]*)$")


def unit_name_problem(name: str) -> Optional[str]:
    """Why `name` is not a valid unit name (systemd.unit(5) "Description"), or None."""
    if not name:
        return "the name is empty"
    if len(name) > MAX_UNIT_NAME:
        return f"the name is longer than {MAX_UNIT_NAME} characters"
    if not _NAME_CHARS.match(name):
        return "a unit name consists of ASCII letters, digits, ':', '-', '_', '.', '\\' and '@'"
    m = _SUFFIX.search(name)
    if not m or m.start() == 0:
        return "a unit name ends in a type suffix such as .service"
    stem = name[: m.start()]
    if stem.count("@") > 1:
        return "a unit name has at most one '@'"
    if stem.startswith("@"):
        return "a unit name does not start with '@'"
    return None


def split_name(name: str) -> Tuple[str, str, str]:
    """(prefix, instance, suffix) of a unit name: foo@bar.path → ("foo", "bar", "path")."""
    stem, _, suffix = name.rpartition(".")
    prefix, at, instance = stem.partition("@")
    return prefix, instance if at else "", suffix


# --- value parsers ------------------------------------------------------------------------------

_TRUE = {"1", "yes", "y", "true", "t", "on"}
_FALSE = {"0", "no", "n", "false", "f", "off"}


def parse_bool(value: str) -> bool:
    v = value.strip().lower()
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False
    raise ValueError(f'"{value}" is not a boolean (yes/no, true/false, on/off, 1/0)')


_TIME_UNITS = {
    "us": 1, "usec": 1, "\u00b5s": 1, "\u03bcs": 1,
    "ms": 1_000, "msec": 1_000,
    "s": 1_000_000, "sec": 1_000_000, "second": 1_000_000, "seconds": 1_000_000, "": 1_000_000,
    "m": 60_000_000, "min": 60_000_000, "minute": 60_000_000, "minutes": 60_000_000,
    "h": 3_600_000_000, "hr": 3_600_000_000, "hour": 3_600_000_000, "hours": 3_600_000_000,
    "d": 86_400_000_000, "day": 86_400_000_000, "days": 86_400_000_000,
    "w": 604_800_000_000, "week": 604_800_000_000, "weeks": 604_800_000_000,
    "M": 2_629_800_000_000, "month": 2_629_800_000_000, "months": 2_629_800_000_000,
    "y": 31_557_600_000_000, "year": 31_557_600_000_000, "years": 31_557_600_000_000,
}
_TIME_PART = re.compile(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*([A-Za-z\u00b5\u03bc]*)")


def parse_timespan_usec(value: str) -> int:
    """A systemd.time(7) time span ("2s", "1min 30s", "500ms", a bare number of seconds, "infinity")."""
    v = value.strip()
    if v == "infinity":
        return INFINITY
    if not v:
        raise ValueError("the time span is empty")
    total = 0
    pos = 0
    while pos < len(v):
        m = _TIME_PART.match(v, pos)
        if not m or m.end() == pos:
            raise ValueError(f'"{value}" is not a time span (e.g. "2s", "500ms", "1min 30s")')
        number, unit = m.group(1), m.group(2)
        if unit not in _TIME_UNITS:
            raise ValueError(f'"{unit}" in "{value}" is not a time unit (us, ms, s, min, h, d, w, M, y)')
        total += int(float(number) * _TIME_UNITS[unit])
        pos = m.end()
        while pos < len(v) and v[pos].isspace():
            pos += 1
    if total > 2**63 - 1:
        raise ValueError(f'"{value}" is too long a time span')
    return total


def format_timespan(usec: int) -> str:
    if usec == INFINITY:
        return "infinity"
    if usec == 0:
        return "0"
    parts = []
    for unit, size in (("d", 86_400_000_000), ("h", 3_600_000_000), ("min", 60_000_000), ("s", 1_000_000), ("ms", 1_000), ("us", 1)):
        if usec >= size:
            parts.append(f"{usec // size}{unit}")
            usec %= size
    return " ".join(parts)


def parse_unsigned(value: str) -> int:
    v = value.strip()
    if not re.fullmatch(r"\d+", v):
        raise ValueError(f'"{value}" is not an unsigned integer')
    n = int(v)
    if n > 2**32 - 1:
        raise ValueError(f'"{value}" is larger than {2**32 - 1}')
    return n


def parse_mode(value: str) -> int:
    v = value.strip()
    if not re.fullmatch(r"[0-7]{1,5}", v) or int(v, 8) > 0o7777:
        raise ValueError(f'"{value}" is not an octal access mode (e.g. 0755)')
    return int(v, 8)


def expand_specifiers(value: str, specifiers: Dict[str, str]) -> str:
    """Replaces %x by its expansion ("%%" is a literal %); an unknown specifier is an error."""
    out = []
    i = 0
    while i < len(value):
        c = value[i]
        if c != "%":
            out.append(c)
            i += 1
            continue
        if i + 1 >= len(value):
            raise ValueError(f'"{value}" ends with a lone "%" (write "%%" for a percent sign)')
        k = value[i + 1]
        if k == "%":
            out.append("%")
        elif k in specifiers:
            out.append(specifiers[k])
        else:
            raise ValueError(f'"%{k}" in "{value}" is not a known specifier')
        i += 2
    return "".join(out)


def normalize_path(value: str) -> str:
    """An absolute, simplified path ("//" and "/./" and a trailing "/" removed); ".." is refused."""
    if "\0" in value:
        raise ValueError("the path contains a NUL byte")
    if not value.startswith("/"):
        raise ValueError(f'"{value}" is not an absolute path')
    parts = [p for p in value.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise ValueError(f'"{value}" contains ".." (write the path without it)')
    path = "/" + "/".join(parts)
    if len(path) > MAX_PATH:
        raise ValueError(f"the path is longer than {MAX_PATH} characters")
    return path


def default_specifiers(name: str) -> Dict[str, str]:
    """The specifiers a worker can compute from the unit name alone, used when the core sends none."""
    prefix, instance, _ = split_name(name)
    stem = name.rpartition(".")[0]
    return {"n": name, "N": stem, "p": prefix, "i": instance, "I": instance, "j": prefix.rpartition("-")[2], "J": prefix.rpartition("-")[2]}


# --- the section ----------------------------------------------------------------------------------

@dataclass
class _Entry:
    key: str
    value: str
    file: str
    line: int


@dataclass
class _Section:
    name: str
    entries: List[_Entry]
    file: str
    line: int


def parse_unit(name: str, fragment_path: str, sections: Iterable[_Section], specifiers: Dict[str, str]) -> Parsed:
    """Parses the sections the core handed over for unit `name` (already known to be a valid name)."""
    specs: List[PathSpec] = []
    specs_seen = False
    unit_value: Optional[str] = None
    make_directory = False
    directory_mode = DEFAULT_DIRECTORY_MODE
    interval = DEFAULT_TRIGGER_INTERVAL_USEC
    burst = DEFAULT_TRIGGER_BURST
    errors: List[Problem] = []
    warnings: List[Problem] = []
    spec_map = {**default_specifiers(name), **specifiers}
    header: Optional[Tuple[str, int]] = None

    for section in sections:
        if section.name != SECTION:
            warnings.append(Problem(section.file, section.line, section.name, "",
                                    f"section [{section.name}] is not owned by the path worker; ignored"))
            continue
        if header is None:
            header = (section.file or fragment_path, section.line)
        for e in section.entries:
            def bad(message: str, e: _Entry = e) -> None:
                errors.append(Problem(e.file, e.line, SECTION, e.key, message))
            value = e.value
            try:
                if e.key in PATH_TYPES:
                    specs_seen = True
                    if value == "":
                        specs = []          # an empty assignment resets the list (systemd.path(5))
                        continue
                    path = normalize_path(expand_specifiers(value, spec_map))
                    spec = PathSpec(e.key, path)
                    if spec not in specs:
                        specs.append(spec)
                elif e.key == "Unit":
                    if value == "":
                        unit_value = None
                        continue
                    target = expand_specifiers(value, spec_map)
                    why = unit_name_problem(target)
                    if why:
                        raise ValueError(f'"{target}" is not a valid unit name: {why}')
                    if target.endswith(".path"):
                        raise ValueError(f'"{target}" is a path unit; a path unit cannot trigger another path unit')
                    if target == name:
                        raise ValueError("a path unit cannot trigger itself")
                    unit_value = target
                elif e.key == "MakeDirectory":
                    make_directory = False if value == "" else parse_bool(value)
                elif e.key == "DirectoryMode":
                    directory_mode = DEFAULT_DIRECTORY_MODE if value == "" else parse_mode(value)
                elif e.key == "TriggerLimitIntervalSec":
                    interval = DEFAULT_TRIGGER_INTERVAL_USEC if value == "" else parse_timespan_usec(value)
                elif e.key == "TriggerLimitBurst":
                    burst = DEFAULT_TRIGGER_BURST if value == "" else parse_unsigned(value)
                else:
                    warnings.append(Problem(e.file, e.line, SECTION, e.key, f"unknown key {e.key} in [{SECTION}]; ignored"))
            except ValueError as error:
                bad(str(error))

    if not specs and not any(p.key in PATH_TYPES for p in errors):
        file, line = header if header else (fragment_path, 0)
        what = "every path setting was reset by an empty assignment" if specs_seen else (
            "there is no [Path] section" if header is None else "the [Path] section sets none")
        errors.append(Problem(file, line, SECTION, "PathExists" if header is None else "",
                              f"the unit has nothing to watch ({what}): set PathExists=, PathExistsGlob=, "
                              "PathChanged=, PathModified= or DirectoryNotEmpty="))

    prefix, instance, _ = split_name(name)
    default_unit = f"{prefix}@{instance}.service" if instance else f"{prefix}.service"
    if "@" in name and not instance and unit_value is None:
        errors.append(Problem(fragment_path, header[1] if header else 0, SECTION, "Unit",
                              f"{name} is a template; only its instances (name@instance.path) can be loaded"))
    unit = unit_value or default_unit

    properties = {
        "Unit": unit,
        "Paths": " ".join(f"{s.type}={s.path}" for s in specs),
        "MakeDirectory": "yes" if make_directory else "no",
        "DirectoryMode": f"{directory_mode:04o}",
        "TriggerLimitIntervalUSec": format_timespan(interval),
        "TriggerLimitBurst": str(burst),
    }
    config = None if errors else PathConfig(specs, unit, make_directory, directory_mode, interval, burst)
    return Parsed(config, errors, warnings, properties)


def sections_from_request(request) -> List[_Section]:
    """The LoadRequest's sections as plain data (so the parser does not depend on protobuf).

    Section.file/line (common.proto) name the header, which the core always sends, so that a
    missing key can point at it."""
    return [_Section(s.name, [_Entry(e.key, e.value, e.file, int(e.line)) for e in s.entries], s.file, int(s.line))
            for s in request.sections]
