"""The Spark backend of the observatory engine: the same portable indicator queries
(engine/sql, indicators.queries()) run by Spark SQL over the same staged relations.

See docs/methodology/spark.md. pyspark is optional: import this package only where it is
installed.
"""

from frenchtech.observatory.engine.spark.runner import build_session, run_on_spark

__all__ = ["build_session", "run_on_spark"]
