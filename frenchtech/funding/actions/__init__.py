"""Write actions on funding: one function each, atomic, permission-checked, audited."""
