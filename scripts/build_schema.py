"""Write the JSON Schema of format v1 from the declaration of its fields.

    python scripts/build_schema.py          # rewrite src/skilltaxonomy/schema/…json
    python scripts/build_schema.py --check  # exit 1 if the shipped file differs

The fields are declared once, in `skilltaxonomy.formats.fields`; the careful reader,
the fast path and the writer are made from the same declaration.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from skilltaxonomy.formats.fields import json_schema_document

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "src" / "skilltaxonomy" / "schema" / "skilltaxonomy-1.schema.json"


def text() -> str:
    """The schema as the shipped file holds it: two-space indents, a final newline."""
    return json.dumps(json_schema_document(), ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str]) -> int:
    if "--check" in argv:
        if SCHEMA.read_text(encoding="utf-8") != text():
            print(f"{SCHEMA} differs from the declared fields: run scripts/build_schema.py")
            return 1
        return 0
    SCHEMA.write_text(text(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
