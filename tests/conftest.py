import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
CASES = ROOT / "cases"
SEEDS = ROOT.parent / "shared" / "seeds"

sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def archive():
    from build_tools import pipeline

    return pipeline.load_archive(pipeline.case_files(CASES), display_root=ROOT)


@pytest.fixture(scope="session")
def cases_by_id(archive):
    return {case.case_id: case for case in archive.cases}
