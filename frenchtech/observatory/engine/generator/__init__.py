"""Synthetic SIRENE registries in the official schema, for tests, demos and benchmarks.

Seeded and reproducible (same arguments, same bytes), vectorised, written in chunks so a
national-scale registry (30 M companies, 44 M establishments) fits in memory and minutes.
Every file says it is synthetic: its name, a sidecar text file, Parquet metadata.
"""

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from tqdm import tqdm

from frenchtech.observatory.engine.generator.masking import mask_units, text_dates
from frenchtech.observatory.engine.generator.places import build_places
from frenchtech.observatory.engine.generator.planted import PlantedEffect, epci_of_codes, plant
from frenchtech.observatory.engine.generator.registry import EPOCH, RegistrySettings, generate_chunk
from frenchtech.observatory.engine.generator.side_files import (
    write_events,
    write_funding_rounds,
    write_programmes,
)
from frenchtech.observatory.engine.generator.writers import (
    EXTENSIONS,
    FORMATS,
    ChunkedTableWriter,
    write_sidecar,
)
from frenchtech.observatory.engine.territories import load_reference

DEFAULT_STOCK_DATE = dt.date(2024, 1, 1)
COMPANIES_PER_CHUNK = 1_000_000
MALFORMED_DATE = "2013-13-45"
MALFORMED_SIREN = "12345678X"

__all__ = ["FORMATS", "GeneratedRegistry", "PlantedEffect", "generate_registry"]


@dataclass
class GeneratedRegistry:
    """The files written, in the order the engine may read them (any order works)."""

    companies: Path
    establishments: Path
    funding_rounds: Path
    events: Path
    programmes: Path

    def paths(self) -> list[Path]:
        return [
            self.companies,
            self.establishments,
            self.funding_rounds,
            self.events,
            self.programmes,
        ]


def generate_registry(
    out_directory: str | Path,
    *,
    companies: int,
    establishments: int | None = None,
    seed: int = 2013,
    file_format: str = "csv",
    malformed: int = 0,
    partially_diffusible: int = 0,
    reference_directory: str | Path | None = None,
    stock_date: dt.date = DEFAULT_STOCK_DATE,
    progress: bool = False,
    planted: PlantedEffect | None = None,
) -> GeneratedRegistry:
    """Write a synthetic StockUniteLegale and StockEtablissement (official columns, official
    order), plus funding rounds, events and programmes, into `out_directory`.

    `establishments` defaults to 1.45 per company (the national ratio). `malformed` rows
    get a malformed value (a date in CSV, a SIREN in Parquet, whose dates are typed), to
    exercise rejection. `partially_diffusible` companies and their establishments are
    under partial diffusion, with `[ND]` in their masked fields (generator/masking.py).
    Communes come from the territory reference, by population. `planted` raises the
    digital creations of labelled EPCI (see planted.py); the sidecars and metadata say so.
    """
    if file_format not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    establishments = establishments or int(companies * 1.45)
    if establishments < companies:
        raise ValueError("there must be at least one establishment per company")
    out = Path(out_directory)
    out.mkdir(parents=True, exist_ok=True)
    reference = load_reference(reference_directory)
    places = build_places(reference)
    settings = RegistrySettings(companies, establishments, seed, stock_date, places)
    extension = EXTENSIONS[file_format]
    stamp = stock_date.isoformat()
    description = {
        "generator": "frenchtech observatory generate",
        "seed": str(seed),
        "companies": str(companies),
        "establishments": str(establishments),
        "stock_date": stamp,
        **({"partially_diffusible": str(partially_diffusible)} if partially_diffusible else {}),
    }
    if planted is not None:
        description["planted_effect"] = planted.describe()
        epci_of = epci_of_codes(reference)
        plant_rng = np.random.default_rng([seed, 151_515])
    company_path = out / f"StockUniteLegale_synthetic_{stamp}{extension}"
    establishment_path = out / f"StockEtablissement_synthetic_{stamp}{extension}"
    company_writer = ChunkedTableWriter(company_path, file_format, description)
    establishment_writer = ChunkedTableWriter(establishment_path, file_format, description)
    digital_sirens, digital_created, operators = [], [], []
    malformed_rng = np.random.default_rng([seed, 999_999])
    masking_rng = np.random.default_rng([seed, 777_777])
    chunks = range(0, companies, COMPANIES_PER_CHUNK)
    for number, start in enumerate(
        tqdm(
            chunks, desc="generating registry", unit="chunk", disable=not progress, file=sys.stderr
        )
    ):
        stop = min(start + COMPANIES_PER_CHUNK, companies)
        chunk = generate_chunk(settings, start, stop, number)
        company_table, establishment_table = chunk.companies, chunk.establishments
        if planted is not None:
            company_table, establishment_table = plant(
                company_table, establishment_table, planted, epci_of, plant_rng
            )
        if malformed:
            company_table = _with_malformed_rows(
                company_table, file_format, malformed if number == 0 else 0, malformed_rng
            )
        if partially_diffusible:
            company_table, establishment_table = _with_masked_units(
                company_table, establishment_table, file_format,
                partially_diffusible if number == 0 else 0, masking_rng,
            )  # fmt: skip
        company_writer.write(company_table)
        establishment_writer.write(establishment_table)
        digital_sirens.append(chunk.digital_sirens)
        digital_created.append(chunk.digital_created)
        operators.append(chunk.active_sirens)
    company_writer.close()
    establishment_writer.close()

    rng = np.random.default_rng([seed, 424_242])
    stock_day = int((np.datetime64(stock_date, "D") - EPOCH).astype(int))
    funding = out / f"funding_rounds_synthetic_{stamp}.csv"
    events = out / f"events_synthetic_{stamp}.csv"
    programmes = out / f"programmes_synthetic_{stamp}.csv"
    write_funding_rounds(
        funding, rng, np.concatenate(digital_sirens), np.concatenate(digital_created), stock_day
    )
    write_events(events, rng, places, max(20, companies // 5_000), stock_day)
    write_programmes(
        programmes, rng, places, np.concatenate(operators), max(5, companies // 50_000), stock_day
    )
    for path in (funding, events, programmes):
        write_sidecar(path, description)
    return GeneratedRegistry(company_path, establishment_path, funding, events, programmes)


def _with_masked_units(companies, establishments, file_format, count, rng):
    if count:
        return mask_units(companies, establishments, count, file_format, rng)
    if file_format == "parquet":
        return companies, establishments
    # Every chunk of a CSV file shares the schema of the first, whose dates are text.
    return text_dates(companies), text_dates(establishments)


def _with_malformed_rows(table: pa.Table, file_format: str, count: int, rng) -> pa.Table:
    """The same table with `count` rows given a malformed value. CSV files carry dates as
    text, so all chunks of a CSV with malformed rows have a text date column."""
    rows = np.zeros(table.num_rows, dtype=bool)
    rows[rng.choice(table.num_rows, size=min(count, table.num_rows), replace=False)] = True
    mask = pa.array(rows)
    if file_format == "parquet":
        column = "siren"
        bad = MALFORMED_SIREN
        values = table[column]
    else:
        column = "dateCreationUniteLegale"
        bad = MALFORMED_DATE
        values = table[column].cast(pa.string())
    replaced = pc.if_else(mask, pa.scalar(bad), values)
    return table.set_column(table.schema.get_field_index(column), column, replaced)
