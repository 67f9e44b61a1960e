"""dutygraph: a knowledge graph of who is responsible for what in a government's work plan.

The pipeline runs in stages, one module each:
source (bytes → text) → reader (text → records) → resolve (records → roles and units)
→ graph (→ RDF) → query / table / report.
"""

from dutygraph.errors import DutygraphError, InputError

__version__ = "0.1.0"
__all__ = ["DutygraphError", "InputError", "__version__"]
