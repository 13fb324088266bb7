"""Write the JSON Schemas of formats v2 and v1 from the declaration of their fields.

    python scripts/build_schema.py          # rewrite src/skilltaxonomy/schema/…json
    python scripts/build_schema.py --check  # exit 1 if a shipped file differs

The fields are declared once, in `skilltaxonomy.formats.fields`; the careful reader,
the fast path and the writers are made from the same declaration.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from skilltaxonomy.formats.fields import VERSIONS, json_schema_document

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "src" / "skilltaxonomy" / "schema"


def text(version: int) -> str:
    """The schema as the shipped file holds it: two-space indents, a final newline."""
    return json.dumps(json_schema_document(version), ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str]) -> int:
    status = 0
    for version in VERSIONS:
        path = FOLDER / f"skilltaxonomy-{version}.schema.json"
        if "--check" in argv:
            if not path.exists() or path.read_text(encoding="utf-8") != text(version):
                print(f"{path} differs from the declared fields: run scripts/build_schema.py")
                status = 1
        else:
            path.write_text(text(version), encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
