"""What the API returns, as pydantic schemas (they make the OpenAPI document)."""

import datetime as dt

from ninja import Field, Schema


class Error(Schema):
    error: str
    detail: str
    parameter: str | None = None


class Page(Schema):
    count: int
    limit: int
    offset: int


# --- territories ---------------------------------------------------------------------
class RegionOut(Schema):
    code: str
    name: str


class DepartementOut(Schema):
    code: str
    name: str
    region: str


class EpciOut(Schema):
    code: str
    name: str
    kind: str
    population: int


class CommuneOut(Schema):
    code: str
    kind: str
    name: str
    parent: str | None
    departement: str | None
    region: str | None
    epci: str | None
    population: int | None


class CommuneLookup(Schema):
    requested_code: str
    commune: CommuneOut


class RegionPage(Page):
    results: list[RegionOut]


class DepartementPage(Page):
    results: list[DepartementOut]


class EpciPage(Page):
    results: list[EpciOut]


class CommunePage(Page):
    results: list[CommuneOut]


# --- observatory ---------------------------------------------------------------------
class IndicatorOut(Schema):
    name: str
    label: str
    unit: str
    kind: str
    criterion: int
    definition: str
    definitions_version: str


class SnapshotOut(Schema):
    id: str
    definitions_version: str
    stock_date: str
    synthetic: bool


class ValueOut(Schema):
    level: str
    territory: str
    indicator: str
    year: int
    value: float | None
    definitions_version: str
    snapshot_id: str
    synthetic: bool


class ValuePage(Page):
    snapshot: SnapshotOut | None
    results: list[ValueOut]


class RankedOut(Schema):
    territory: str
    name: str
    value: float | None
    rank: int | None
    percentile: float | None
    is_metropole: bool
    metropole_rank: int | None
    metropole_percentile: float | None


class RankingPage(Page):
    snapshot: SnapshotOut | None
    level: str
    indicator: str
    year: int | None
    definitions_version: str | None
    synthetic: bool | None
    results: list[RankedOut]


# --- labels --------------------------------------------------------------------------
class LabelEventOut(Schema):
    date: dt.date
    event: str
    public_reason: str


class LabelOut(Schema):
    id: int
    status: str
    status_label: str
    granted_at: dt.date
    confirmed_at: dt.date | None
    ends_at: dt.date
    ended_at: dt.date | None
    history: list[LabelEventOut]


class EcosystemOut(Schema):
    consortium_id: int
    consortium: str
    epci: str
    epci_name: str
    status: str
    labels: list[LabelOut]


class EcosystemPage(Page):
    results: list[EcosystemOut]


# --- funding -------------------------------------------------------------------------
class EnvelopeTotals(Schema):
    envelope: str
    amount_cents: int | None
    committed_cents: int
    paid_cents: int
    remaining_cents: int | None
    private_levered_cents: int


class FundingSummary(Schema):
    currency: str
    envelopes: list[EnvelopeTotals]
    committed_cents: int
    paid_cents: int
    private_levered_cents: int
    investments_committed: int


# --- partners ------------------------------------------------------------------------
class MeOut(Schema):
    id: int
    email: str
    full_name: str
    roles: list[str]
    authenticated_by: str


class Reference(Schema):
    id: int
    name: str


class EpciReference(Schema):
    code: str
    name: str
    kind: str


class ApplicationOut(Schema):
    id: int
    call: Reference
    consortium: Reference
    epci: EpciReference | None
    state: str
    state_label: str
    created_at: dt.datetime
    first_submitted_at: dt.datetime | None
    state_changed_at: dt.datetime


class ApplicationPage(Page):
    results: list[ApplicationOut]


class TokenIn(Schema):
    name: str = Field(min_length=1, max_length=100)


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: dt.datetime
    revoked_at: dt.datetime | None


class TokenCreated(TokenOut):
    token: str


class TokenList(Schema):
    results: list[TokenOut]
