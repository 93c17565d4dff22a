"""The [Path] parser on its own: values, places of errors and warnings, and the example units."""
from __future__ import annotations

import os
import sys
import unittest
from types import SimpleNamespace

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.dont_write_bytecode = True
sys.path.insert(0, ROOT)

from smpath import config as cfg  # noqa: E402


def section(entries, file="/u/x.path", line=4, name="Path"):
    return cfg._Section(name, [cfg._Entry(k, v, file, line + 1 + i) for i, (k, v) in enumerate(entries)], file, line)


def parse(entries, name="x.path", specifiers=None):
    return cfg.parse_unit(name, "/u/x.path", [section(entries)], specifiers or {})


class ValuesTest(unittest.TestCase):
    def test_timespans(self):
        self.assertEqual(cfg.parse_timespan_usec("2s"), 2_000_000)
        self.assertEqual(cfg.parse_timespan_usec("1min 30s"), 90_000_000)
        self.assertEqual(cfg.parse_timespan_usec("1min30s"), 90_000_000)
        self.assertEqual(cfg.parse_timespan_usec("500ms"), 500_000)
        self.assertEqual(cfg.parse_timespan_usec("3"), 3_000_000)
        self.assertEqual(cfg.parse_timespan_usec("1.5h"), 5_400_000_000)
        self.assertEqual(cfg.parse_timespan_usec("infinity"), cfg.INFINITY)
        for bad in ("", "s", "5 parsecs", "-1s", "1 2 x"):
            with self.assertRaises(ValueError, msg=bad):
                cfg.parse_timespan_usec(bad)

    def test_booleans_modes_numbers(self):
        self.assertTrue(cfg.parse_bool("on"))
        self.assertFalse(cfg.parse_bool("0"))
        self.assertRaises(ValueError, cfg.parse_bool, "perhaps")
        self.assertEqual(cfg.parse_mode("0700"), 0o700)
        self.assertEqual(cfg.parse_mode("755"), 0o755)
        self.assertRaises(ValueError, cfg.parse_mode, "0800")
        self.assertRaises(ValueError, cfg.parse_mode, "17777")
        self.assertEqual(cfg.parse_unsigned("0"), 0)
        self.assertRaises(ValueError, cfg.parse_unsigned, "-1")
        self.assertRaises(ValueError, cfg.parse_unsigned, str(2**32))

    def test_paths_and_specifiers(self):
        self.assertEqual(cfg.normalize_path("//a/./b/"), "/a/b")
        self.assertRaises(ValueError, cfg.normalize_path, "a/b")
        self.assertRaises(ValueError, cfg.normalize_path, "/a/../b")
        self.assertEqual(cfg.expand_specifiers("/run/%i/%%", {"i": "tty1"}), "/run/tty1/%")
        self.assertRaises(ValueError, cfg.expand_specifiers, "/run/%Q", {})
        self.assertRaises(ValueError, cfg.expand_specifiers, "/run/%", {})

    def test_unit_names(self):
        self.assertIsNone(cfg.unit_name_problem("getty@tty1.service"))
        for bad in ("", "noext", ".service", "a/b.service", "a@b@c.service", "x" * 300 + ".service"):
            self.assertIsNotNone(cfg.unit_name_problem(bad), bad)


class SectionTest(unittest.TestCase):
    def test_defaults(self):
        p = parse([("PathExists", "/run/flag")], name="foo@bar.path")
        self.assertEqual(p.errors, [])
        self.assertEqual(p.config.unit, "foo@bar.service")
        self.assertEqual((p.config.make_directory, p.config.directory_mode), (False, 0o755))
        self.assertEqual((p.config.trigger_interval_usec, p.config.trigger_burst), (2_000_000, 200))

    def test_every_key(self):
        p = parse([("PathExists", "/a"), ("PathExistsGlob", "/b/*.req"), ("PathChanged", "/c"), ("PathModified", "/d"),
                   ("DirectoryNotEmpty", "/e"), ("Unit", "other.service"), ("MakeDirectory", "yes"),
                   ("DirectoryMode", "0700"), ("TriggerLimitIntervalSec", "10s"), ("TriggerLimitBurst", "0")])
        self.assertEqual(p.errors, [])
        self.assertEqual([s.type for s in p.config.specs], list(cfg.PATH_TYPES))
        self.assertEqual(p.properties["Paths"], "PathExists=/a PathExistsGlob=/b/*.req PathChanged=/c PathModified=/d DirectoryNotEmpty=/e")
        self.assertEqual((p.config.unit, p.config.directory_mode, p.config.trigger_burst), ("other.service", 0o700, 0))

    def test_empty_assignment_resets_the_paths(self):
        p = parse([("PathExists", "/a"), ("PathExists", ""), ("PathChanged", "/b")])
        self.assertEqual([s.path for s in p.config.specs], ["/b"])
        p = parse([("PathExists", "/a"), ("PathChanged", "")])
        self.assertEqual(len(p.errors), 1)
        self.assertIn("reset", p.errors[0].message)
        self.assertEqual((p.errors[0].file, p.errors[0].line), ("/u/x.path", 4), "the [Path] header")

    def test_errors_name_the_line(self):
        p = parse([("PathExists", "/ok"), ("Unit", "self.path"), ("TriggerLimitBurst", "x")])
        self.assertEqual([(e.line, e.key) for e in p.errors], [(6, "Unit"), (7, "TriggerLimitBurst")])
        self.assertIsNone(p.config)
        p = parse([("PathExists", "/ok"), ("Unit", "x.path")], name="x.path")
        self.assertIn("path unit", p.errors[0].message)

    def test_unknown_key_and_foreign_section_are_warnings(self):
        p = cfg.parse_unit("x.path", "/u/x.path", [section([("PathExists", "/a"), ("Bogus", "1")]),
                                                    section([("K", "v")], name="Service", line=20)], {})
        self.assertEqual(p.errors, [])
        self.assertEqual([(w.line, w.section, w.key) for w in p.warnings], [(6, "Path", "Bogus"), (20, "Service", "")])

    def test_no_section_at_all(self):
        p = cfg.parse_unit("x.path", "/u/x.path", [], {})
        self.assertEqual(len(p.errors), 1)
        self.assertEqual(p.errors[0].file, "/u/x.path")


class RequestTest(unittest.TestCase):
    def test_the_header_is_where_the_core_says(self):
        """The core sends each Section's header file and line; the parser places a missing key there."""
        entry = SimpleNamespace(key="Unit", value="x.service", file="/u/d/10.conf", line=3)
        request = SimpleNamespace(sections=[SimpleNamespace(name="Path", file="/u/d/10.conf", line=2, entries=[entry])])
        sections = cfg.sections_from_request(request)
        self.assertEqual([(s.name, s.file, s.line) for s in sections], [("Path", "/u/d/10.conf", 2)])
        self.assertEqual([(e.key, e.file, e.line) for e in sections[0].entries], [("Unit", "/u/d/10.conf", 3)])
        p = cfg.parse_unit("x.path", "/u/x.path", sections, {})
        self.assertEqual([(e.file, e.line, e.key) for e in p.errors], [("/u/d/10.conf", 2, "")])


def read_unit(path):
    """A small reader of the unit files shipped with the example (the core does this for real)."""
    sections = []
    with open(path) as f:
        for number, line in enumerate(f, 1):
            text = line.strip()
            if not text or text[0] in "#;":
                continue
            if text.startswith("["):
                sections.append(cfg._Section(text[1:-1], [], path, number))
                continue
            key, _, value = text.partition("=")
            sections[-1].entries.append(cfg._Entry(key.strip(), value.strip(), path, number))
    return [s for s in sections if s.name == "Path"]


class ExampleUnitsTest(unittest.TestCase):
    def test_the_example_units_parse_cleanly(self):
        folder = os.path.join(ROOT, "units")
        names = sorted(n for n in os.listdir(folder) if n.endswith(".path"))
        self.assertTrue(names)
        for name in names:
            p = cfg.parse_unit(name, os.path.join(folder, name), read_unit(os.path.join(folder, name)), {})
            self.assertEqual((p.errors, p.warnings), ([], []), name)
            self.assertTrue(os.path.exists(os.path.join(folder, p.config.unit)), f"{name} triggers {p.config.unit}, which is shipped")


if __name__ == "__main__":
    unittest.main()
