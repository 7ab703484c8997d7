"""Observatory benchmark: the engine against a pandas baseline and a raw DuckDB scan.

    .venv/bin/python bench/observatory_bench.py [--establishments N --companies M] [--national]
        [--repeat 3] [--formats parquet,csv]
        [--contenders engine,engine_1_thread,one_indicator,validated,floor,arrow_floor,pandas,spark]

Generates (or reuses, under var/bench/) a synthetic registry in Parquet and CSV, then runs
each contender `--repeat` times, in rounds (engine, floor, pandas, then again), each run in
its own subprocess (peak memory = the child's ru_maxrss), and keeps the median time (others
share the machine: the load average before each run is recorded with it):
* engine: the whole observatory run (validation, every indicator, diagnostics), on every
  core (the engine's default: DuckDB's threads and the CSV parse's);
* engine_1_thread: the same run on one thread (`threads=1`): with `engine`, the scaling;
* pandas: the digital company creations indicator by EPCI and year, chunked, as a data
  analyst would write it (pd.read_csv(usecols, dtype=str, chunksize) or Parquet batches);
* floor: the raw DuckDB scan of issue 3, of exactly the columns the engine reads from both
  SIRENE files (the engine's CSV dialect, every column as text, every core: DuckDB's
  parallel reader, one query), summing over
  each so that every value is decoded: no validation, no join, no indicator.
* arrow_floor: the same raw scan by the reader the engine uses for CSV, pyarrow's parser
  on every core (engine/csv_stream.py), which parses CSV in about half DuckDB's CPU time;
  for Parquet, pyarrow's Parquet reader (the engine reads Parquet with DuckDB). It shows
  how much of the engine's lead over `floor` is its reader's.
* validated, one_indicator (bench/observatory_ladder.py): the steps between the floors and
  the engine, reading as the engine does: the exact value rules of every column; then
  plus the least work of one indicator (classification, siège join, count). Their ratios to
  the floors show what any correct engine of this design must spend.
* spark (not run by default; needs `make spark-test`'s pyspark and Java): the Spark backend's
  whole run (run_on_spark: validation, every indicator, diagnostics) on a local[2] session
  with a SPARK_DRIVER_MEMORY heap, session start-up included (and reported apart). The JVM
  is a grandchild that ru_maxrss does not see: its peak memory is the highest sum of the
  resident memory of the child and all its descendants (JVM included), sampled every
  0.2 s, and its CPU seconds those of the child plus the JVM's (from /proc).
Results go to bench/results/observatory-<scale>-<YYYY-MM-DD>[-vN].json (never overwritten).
"""

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NATIONAL = {"companies": 30_000_000, "establishments": 44_000_000}
TARGETS = {"parquet_seconds_national": 60, "csv_seconds_national": 180, "peak_memory_gb": 4,
           "speedup_over_pandas": 10, "ratio_to_floor": 1.5,
           # Issue 17: from CSV on 2 cores, and the speed-up from 1 to 2 threads.
           "csv_ratio_to_floor_2_cores": 1.3, "speedup_1_to_2_threads": 1.6}  # fmt: skip
SPARK_DRIVER_MEMORY = "2g"
CONTENDERS = ("engine", "engine_1_thread", "one_indicator", "validated", "floor", "arrow_floor",
              "pandas", "spark")  # fmt: skip
DIGITAL = ("2611Z", "2612Z", "2620Z", "2630Z", "2640Z", "2680Z", "4651Z", "4652Z", "5821Z",
           "5829A", "5829B", "5829C", "6110Z", "6120Z", "6130Z", "6190Z", "6201Z", "6202A",
           "6202B", "6203Z", "6209Z", "6311Z", "6312Z", "9511Z", "9512Z")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--establishments", type=int, default=10_000_000)
    parser.add_argument("--companies", type=int, default=7_000_000)
    parser.add_argument(
        "--national", action="store_true", help="30 M companies, 44 M establishments"
    )
    parser.add_argument("--formats", default="parquet,csv")
    parser.add_argument(
        "--contenders",
        default="engine,engine_1_thread,one_indicator,validated,floor,arrow_floor,pandas",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per contender (median)")
    parser.add_argument("--territories", type=Path, default=ROOT / "data" / "territories")
    parser.add_argument("--cache", type=Path, default=ROOT / "var" / "bench")
    parser.add_argument(
        "--note", default="", help="recorded with the results (the machine's state)"
    )
    # Internal: run one contender in this process and print its JSON result.
    parser.add_argument("--contender", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--format", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.contender:
        return _run_contender(args)
    if args.national:
        args.companies, args.establishments = NATIONAL["companies"], NATIONAL["establishments"]
    if args.national:
        scale = "national"
    elif args.establishments >= 1_000_000:
        scale = f"{args.establishments // 1_000_000}M"
    else:
        scale = str(args.establishments)
    record = {
        "scale": {"companies": args.companies, "establishments": args.establishments},
        "date": dt.date.today().isoformat(),
        "machine": {"cpus": os.cpu_count(), "load_average_at_start": os.getloadavg()},
        **({"note": args.note} if args.note else {}),
        "versions": _versions(),
        "repeat": args.repeat,
        "targets": TARGETS,
        "formats": {},
    }
    for file_format in args.formats.split(","):
        data, generation_seconds = _registry(args, file_format)
        results = {"generation_seconds": generation_seconds}
        contenders = args.contenders.split(",")
        # Rounds of one run per contender, so that a change of load hits them alike.
        runs = {contender: [] for contender in contenders}
        for _ in range(args.repeat):
            for contender in contenders:
                if runs[contender] and runs[contender][-1].get("failed"):
                    continue
                runs[contender].append(_measure_once(contender, data, file_format, args))
        for contender in contenders:
            results[contender] = _summary(runs[contender])
            print(f"{file_format:8} {contender:15} {results[contender]}", flush=True)
        _ratios(results)
        record["formats"][file_format] = results
    record["machine"]["load_average_at_end"] = os.getloadavg()
    out = _results_path(scale, record["date"])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(record, indent=2) + "\n", "utf-8")
    print(_table(record))
    print(out)
    return 0


def _results_path(scale: str, date: str) -> Path:
    # Earlier results of the same day stay: a new run gets the next -vN suffix.
    directory = ROOT / "bench" / "results"
    out, version = directory / f"observatory-{scale}-{date}.json", 1
    while out.exists():
        version += 1
        out = directory / f"observatory-{scale}-{date}-v{version}.json"
    return out


def _versions() -> dict:
    import duckdb
    import numpy
    import pandas
    import pyarrow

    return {
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "pyarrow": pyarrow.__version__,
        "pandas": pandas.__version__,
        "numpy": numpy.__version__,
    }


def _table(record: dict) -> str:
    """Side by side: one line per format and contender, then the ratios."""
    lines = [f"{'format':8} {'contender':15} {'median s':>9} {'runs s':>22} {'cpu s':>7} "
             f"{'peak GB':>8} {'Mrows/s':>8} {'load':>5}"]  # fmt: skip
    for file_format, results in record["formats"].items():
        for contender in CONTENDERS:
            result = results.get(contender)
            if not result or result.get("failed"):
                continue
            runs = " ".join(f"{s:.1f}" for s in result["runs_seconds"])
            lines.append(
                f"{file_format:8} {contender:15} {result['seconds']:9.2f} {runs:>22} "
                f"{result['cpu_seconds']:7.1f} {result['peak_memory_gb']:8.2f} "
                f"{result['rows_per_second'] / 1e6:8.2f} "
                f"{max(result['load_average_before']):5.1f}"
            )
        lines.append(f"{file_format:8} {'ratios':15} {results['ratios']}")
    return "\n".join(lines)


def _registry(args, file_format: str) -> tuple[Path, float | None]:
    directory = (
        args.cache / f"{args.companies}-{args.establishments}-{file_format.replace('.', '-')}"
    )
    marker = directory / "COMPLETE"
    if marker.exists():
        return directory, json.loads(marker.read_text())["seconds"]
    # In a child process: a child inherits its parent's peak memory on Linux, so the
    # parent must stay small for the contenders' ru_maxrss to mean anything.
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, __file__, "--contender", "generate", "--data", str(directory),
         "--format", file_format, "--territories", str(args.territories),
         "--companies", str(args.companies), "--establishments", str(args.establishments)],
        check=True,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    marker.write_text(json.dumps({"seconds": seconds}))
    return directory, seconds


def _measure_once(contender: str, data: Path, file_format: str, args) -> dict:
    load = os.getloadavg()[0]
    run = _measure(contender, data, file_format, args.territories)
    run["load_average_before"] = round(load, 2)
    return run


def _summary(runs: list[dict]) -> dict:
    """The median run's figures, with every run's seconds and the highest peak memory."""
    if runs[-1].get("failed"):
        return runs[-1]
    median = sorted(runs, key=lambda run: run["seconds"])[(len(runs) - 1) // 2]
    return {
        **median,
        "seconds": round(statistics.median(run["seconds"] for run in runs), 2),
        "runs_seconds": [run["seconds"] for run in runs],
        "cpu_seconds": round(statistics.median(run["cpu_seconds"] for run in runs), 2),
        "peak_memory_gb": max(run["peak_memory_gb"] for run in runs),
        "load_average_before": [run["load_average_before"] for run in runs],
    }


def _measure(contender: str, data: Path, file_format: str, territories: Path) -> dict:
    command = [sys.executable, __file__, "--contender", contender, "--data", str(data),
               "--format", file_format, "--territories", str(territories)]  # fmt: skip
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        return {"failed": True, "status": status, "seconds": seconds}
    result = json.loads(output.strip().splitlines()[-1])
    rows = result["rows_read"]
    return {
        "seconds": round(seconds, 2),
        # CPU time (user + system, all threads) hardly moves with the load of other
        # processes, unlike wall time: it shows whether a change of time is the machine's.
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_memory_gb": round(usage.ru_maxrss / 1024**2, 2),
        "rows_per_second": round(rows / seconds),
        **result,
    }


def _ratios(results: dict) -> None:
    done = {
        name: result
        for name, result in results.items()
        if isinstance(result, dict) and result.get("cpu_seconds")
    }
    seconds = {name: result["seconds"] for name, result in done.items()}
    ratios = {}
    if "pandas" in done and "floor" in done:
        # Above 10, a 10x speed-up over pandas would be faster than reading the data.
        ratios["pandas_over_floor"] = round(seconds["pandas"] / seconds["floor"], 2)
    if "engine" in done and "pandas" in done:
        ratios["speedup_over_pandas"] = round(seconds["pandas"] / seconds["engine"], 2)
    # The ladder from each floor to the engine (bench/observatory_ladder.py), then the engine.
    for floor in ("floor", "arrow_floor"):
        for step in ("validated", "one_indicator", "engine"):
            if step in done and floor in done:
                ratios[f"{step}_over_{floor}"] = round(seconds[step] / seconds[floor], 2)
                ratios[f"{step}_over_{floor}_cpu"] = round(
                    done[step]["cpu_seconds"] / done[floor]["cpu_seconds"], 2
                )
    if "engine" in done and "engine_1_thread" in done:
        ratios["speedup_1_to_all_threads"] = round(
            seconds["engine_1_thread"] / seconds["engine"], 2
        )
    if "engine" in done and "spark" in done:
        ratios["spark_over_engine"] = round(seconds["spark"] / seconds["engine"], 2)
    results["ratios"] = ratios


# --- contenders (run in a child process) -----------------------------------------------------
def _files(data: Path) -> tuple[Path, Path, list[Path]]:
    files = [p for p in sorted(data.iterdir()) if not p.name.endswith((".txt", "COMPLETE"))]
    companies = next(p for p in files if p.name.startswith("StockUniteLegale"))
    establishments = next(p for p in files if p.name.startswith("StockEtablissement"))
    return companies, establishments, files


def _run_contender(args) -> int:
    if args.contender == "generate":
        from frenchtech.observatory.engine.generator import generate_registry

        generate_registry(
            args.data,
            companies=args.companies,
            establishments=args.establishments,
            file_format=args.format,
            reference_directory=args.territories,
            progress=True,
        )
        return 0
    companies, establishments, files = _files(args.data)
    runners = {"engine": _engine, "engine_1_thread": _engine_1_thread, "floor": _floor,
               "arrow_floor": _arrow_floor, "pandas": _pandas, "spark": _spark,
               "validated": _validated, "one_indicator": _one_indicator}  # fmt: skip
    result = runners[args.contender](companies, establishments, files, args)
    print(json.dumps(result))
    return 0


def _engine(companies, establishments, files, args, threads=None) -> dict:
    import tempfile

    from frenchtech.observatory.engine.compute import default_threads, run_engine

    threads = threads or default_threads()
    with tempfile.TemporaryDirectory(dir=args.cache) as work:
        result = run_engine(
            files, reference_directory=args.territories, work_directory=work, threads=threads
        )
    rows = sum(entry["rows"] for entry in result.diagnostics["input_files"])
    return {"rows_read": rows, "values": result.indicators.num_rows, "threads": threads}


def _engine_1_thread(companies, establishments, files, args) -> dict:
    return _engine(companies, establishments, files, args, threads=1)


def _spark(companies, establishments, files, args) -> dict:
    import resource

    memory = _TreeMemory(os.getpid())
    memory.start()
    start = time.perf_counter()
    from pyspark import __version__ as pyspark_version

    from frenchtech.observatory.engine.spark import build_session, run_on_spark

    spark = build_session("observatory-bench", driver_memory=SPARK_DRIVER_MEMORY)
    started = time.perf_counter()
    result = run_on_spark(files, args.territories, spark=spark)
    finished = time.perf_counter()
    jvm_cpu_seconds, jvm_peak_bytes = memory.jvm_figures()
    spark.stop()
    memory.stop()
    own = resource.getrusage(resource.RUSAGE_SELF)
    rows = sum(entry["rows"] for entry in result.diagnostics["input_files"])
    return {
        "rows_read": rows,
        "values": result.indicators.num_rows,
        "startup_seconds": round(started - start, 2),
        "run_seconds": round(finished - started, 2),
        "pyspark": pyspark_version,
        "driver_memory": SPARK_DRIVER_MEMORY,
        "peak_memory_gb": round(memory.peak_bytes / 1024**3, 2),
        "jvm_peak_memory_gb": round(jvm_peak_bytes / 1024**3, 2),
        "python_peak_memory_gb": round(own.ru_maxrss / 1024**2, 2),
        "cpu_seconds": round(own.ru_utime + own.ru_stime + jvm_cpu_seconds, 2),
    }


class _TreeMemory:
    """Samples the resident memory of a process and all its descendants (Linux /proc)."""

    def __init__(self, root: int, interval: float = 0.2):
        import threading

        self.root, self.interval, self.peak_bytes = root, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.is_set():
            total = sum(_status_bytes(pid, "VmRSS") for pid in self._tree())
            self.peak_bytes = max(self.peak_bytes, total)
            self._stop.wait(self.interval)

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                children.setdefault(parent, []).append(int(entry.name))
        tree, pending = [], [self.root]
        while pending:
            pid = pending.pop()
            tree.append(pid)
            pending += children.get(pid, [])
        return tree

    def jvm_figures(self) -> tuple[float, int]:
        """CPU seconds and peak resident bytes (VmHWM) of the Java processes in the tree."""
        ticks, cpu, peak = os.sysconf("SC_CLK_TCK"), 0.0, 0
        for pid in self._tree():
            try:
                if Path(f"/proc/{pid}/comm").read_text().strip() != "java":
                    continue
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            cpu += (int(fields[11]) + int(fields[12])) / ticks
            peak = max(peak, _status_bytes(pid, "VmHWM"))
        return cpu, peak


def _status_bytes(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{key}:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _floor(companies, establishments, files, args) -> dict:
    import duckdb

    from frenchtech.observatory.engine.compute import _reader, default_threads
    from frenchtech.observatory.engine.schema import READ_COLUMNS
    from frenchtech.observatory.engine.sources import recognise

    if args.format == "csv.zip":
        raise SystemExit("the floor reads plain CSV or Parquet")
    connection = duckdb.connect()
    connection.execute(f"SET threads = {default_threads()}").fetchall()
    connection.execute("SET memory_limit = '3GB'").fetchall()
    connection.execute("SET preserve_insertion_order = false").fetchall()
    for index, path in enumerate((companies, establishments)):
        source = recognise(path)
        # The engine's own reader (same dialect, every CSV column as text), without its
        # reject store. SUM(LENGTH()) and FILTER make DuckDB decode every value (a bare
        # COUNT or MIN of a Parquet column is answered from its metadata).
        sums = ", ".join(
            f"SUM(LENGTH({name}))"
            if source.column_types.get(name, "text") == "text"
            else f"COUNT(*) FILTER (WHERE {name} IS NOT NULL)"
            for name in READ_COLUMNS[source.kind]
        )
        reader = _reader(source, index, store_rejects=False)
        connection.execute(f"SELECT COUNT(*), {sums} FROM {reader}").fetchall()  # noqa: S608
    return {"rows_read": _row_count(companies, establishments, args.format)}


def _arrow_floor(companies, establishments, files, args) -> dict:
    from contextlib import ExitStack

    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from frenchtech.observatory.engine.compute import default_threads
    from frenchtech.observatory.engine.csv_stream import open_stream
    from frenchtech.observatory.engine.schema import READ_COLUMNS
    from frenchtech.observatory.engine.sources import recognise

    if args.format == "csv.zip":
        raise SystemExit("the floor reads plain CSV or Parquet")
    for path in (companies, establishments):
        source = recognise(path)
        columns = list(READ_COLUMNS[source.kind])
        with ExitStack() as opened:
            if source.format == "parquet":
                batches = pq.ParquetFile(path).iter_batches(batch_size=1 << 17, columns=columns)
            else:
                batches = opened.enter_context(open_stream(source, default_threads()))
            for batch in batches:
                # As the DuckDB floor: every text value's length, every other value's presence.
                for column in batch.columns:
                    if _is_text(column.type):
                        pc.sum(pc.utf8_length(column))
                    else:
                        pc.count(column)
    return {"rows_read": _row_count(companies, establishments, args.format)}


def _is_text(arrow_type) -> bool:
    import pyarrow as pa

    return pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type)


def _validated(companies, establishments, files, args) -> dict:
    from observatory_ladder import validated

    result = validated(companies, establishments)
    return {"rows_read": _row_count(companies, establishments, args.format), **result}


def _one_indicator(companies, establishments, files, args) -> dict:
    from observatory_ladder import one_indicator

    result = one_indicator(companies, establishments)
    return {"rows_read": _row_count(companies, establishments, args.format), **result}


def _row_count(companies: Path, establishments: Path, file_format: str) -> int:
    # From the generator's parameters (in the directory name), not another scan.
    companies_count, establishments_count = companies.parent.name.split("-")[:2]
    return int(companies_count) + int(establishments_count)


def _pandas(companies, establishments, files, args) -> dict:
    import pandas as pd
    import pyarrow.parquet as pq

    from frenchtech.observatory.engine.territories import load_reference

    company_columns = ["siren", "dateCreationUniteLegale", "activitePrincipaleUniteLegale",
                       "nomenclatureActivitePrincipaleUniteLegale",
                       "nicSiegeUniteLegale"]  # fmt: skip
    establishment_columns = ["siren", "nic", "codeCommuneEtablissement"]

    def chunks(path: Path, columns: list[str]):
        if args.format == "parquet":
            for batch in pq.ParquetFile(path).iter_batches(batch_size=1_000_000, columns=columns):
                yield batch.to_pandas()
        else:
            yield from pd.read_csv(path, usecols=columns, dtype=str, chunksize=1_000_000)

    digital_set = set(DIGITAL)
    sieges = []
    for frame in chunks(companies, company_columns):
        code = frame["activitePrincipaleUniteLegale"].str.replace(".", "", regex=False)
        keep = (frame["nomenclatureActivitePrincipaleUniteLegale"] == "NAFRev2") & code.isin(
            digital_set
        )
        kept = frame.loc[keep, ["siren", "nicSiegeUniteLegale", "dateCreationUniteLegale"]]
        kept["year"] = pd.to_datetime(kept["dateCreationUniteLegale"], errors="coerce").dt.year
        sieges.append(kept.drop(columns="dateCreationUniteLegale"))
    sieges = pd.concat(sieges).rename(columns={"nicSiegeUniteLegale": "nic"})
    sieges["siren"] = sieges["siren"].astype(str)
    sieges["nic"] = sieges["nic"].astype(str)
    counts = []
    for frame in chunks(establishments, establishment_columns):
        merged = frame.merge(sieges, on=["siren", "nic"], how="inner")
        counts.append(merged.groupby(["codeCommuneEtablissement", "year"]).size())
    reference = load_reference(args.territories).tables["reference_communes"].to_pandas()
    resolution = dict(
        zip(reference["code"], reference["parent_code"].fillna(reference["code"]), strict=True)
    )
    communes = reference[reference["kind"] == "commune"]
    epci_of = dict(zip(communes["code"], communes["epci_code"], strict=True))
    total = pd.concat(counts).groupby(level=[0, 1]).sum().reset_index()
    total["epci"] = total["codeCommuneEtablissement"].map(resolution).map(epci_of)
    result = total.groupby(["epci", "year"])[0].sum()
    return {"rows_read": _row_count(companies, establishments, args.format), "groups": len(result)}


if __name__ == "__main__":
    sys.exit(main())
