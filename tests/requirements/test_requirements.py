"""Requirements REQ-1 to REQ-3 (tests/requirements/README.md): every requirement
in a README table of the repository is named by a test, one per row, each ID once."""
import os
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import check_requirements as cr  # noqa: E402

REPO = os.path.abspath(os.path.join(HERE, "..", ".."))


def tree(files):
    """A temporary repository holding `files` ({relative path: text})."""
    d = tempfile.TemporaryDirectory(prefix="requirements-test-")
    for rel, text in files.items():
        path = os.path.join(d.name, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    return d


TABLE = "| ID | The thing shall ... | how verified |\n|---|---|---|\n"
# The made-up IDs below use prefixes (QQ, QK, QQ-HW) that no README uses, so
# that this file, itself a test source, cannot stand in for a real test.


class Requirements(unittest.TestCase):
    def test_REQ_1_every_readme_requirement_of_the_repository_is_named_by_a_test(self):
        problems = cr.check(REPO)
        self.assertEqual(problems, [], "\n" + "\n".join(problems))

    def test_REQ_1_an_id_counts_only_as_a_whole_test_name_part(self):
        with tree({"lib/x/README.md": TABLE + "| QQ-1 | a | t |\n| QQ-12 | b | t |\n| QQ-2 | c | t |\n",
                   "lib/x/tests/a_test.cpp": "TEST(A, QQ_12_rejects_dotdot) {}\nTEST(A, XQQ_2_other) {}\n",
                   "lib/x/notes.txt": "QQ_2_only_in_a_note\n"}) as d:
            problems = cr.check(d)
        self.assertEqual(len(problems), 2, problems)
        self.assertIn("QQ-1 appears in no test name", problems[0])   # QQ_12 is not QQ_1
        self.assertIn("QQ-2 appears in no test name", problems[1])   # XQQ_2 and a .txt do not count

    def test_REQ_1_test_sources_of_every_kind_count(self):
        readme = TABLE + "".join("| QK-%d | r | t |\n" % i for i in range(1, 6))
        with tree({"svc/README.md": readme,
                   "svc/tests/unit/m.cpp": "TEST(M, QK_1_x) {}\n",
                   "svc/other_test.cpp": "TEST(M, QK_2_y) {}\n",
                   "svc/x/test_it.py": "def test_QK_3_z(self): pass\n",
                   "svc/x/a.test.mjs": "test('QK_4 works', () => {});\n",
                   "svc/x/run.sh": 'check "QK_5 works" true\n'}) as d:
            self.assertEqual(cr.check(d), [])

    def test_REQ_2_ranges_and_lists_are_refused(self):
        with tree({"README.md": TABLE + "| QQ-HW-1..6 | r | t |\n| QA-1, QA-2 | r | t |\n| QEPS-M1 | not an ID | t |\n",
                   "tests/t.py": "QQ_HW_1 QA_1 QA_2\n"}) as d:
            problems = cr.check(d)
        self.assertEqual(len(problems), 2, problems)
        self.assertIn('"QQ-HW-1..6" is not one requirement ID', problems[0])
        self.assertIn('"QA-1, QA-2" is not one requirement ID', problems[1])

    def test_REQ_3_an_id_used_twice_is_refused(self):
        with tree({"a/README.md": TABLE + "| QQ-HW-3 | hex | t |\n",
                   "b/README.md": TABLE + "| QQ-HW-3 | handler | t |\n",
                   "tests/t.py": "def test_QQ_HW_3_x(): pass\n"}) as d:
            problems = cr.check(d)
        self.assertEqual(len(problems), 1, problems)
        self.assertIn("QQ-HW-3 is already used at a/README.md:3", problems[0])


if __name__ == "__main__":
    unittest.main(verbosity=2)
