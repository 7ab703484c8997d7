"""Multi-criteria scoring engine (plain numpy, no Django).

Methods: weighted sum, TOPSIS, ELECTRE TRI-B, SMAA-2 and SMAA-TRI. The array-level functions
live in one module per method; `frenchtech.scoring.evaluate.evaluate` runs a parsed model
(`frenchtech.scoring.model`) on a performance table (`frenchtech.scoring.table`).
"""

# Named in every output so a published result can be traced to the rules that produced it;
# a change of formula is a new version, never a silent edit.
# ft-scoring-2: scores within 1e-9 (relative above 1) share a rank; ft-scoring-1 split them.
ENGINE_VERSION = "ft-scoring-2"
