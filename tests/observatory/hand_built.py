"""A hand-built registry in which every rule of docs/methodology/indicator-definitions.md
shows up at least once."""

import datetime as dt
from pathlib import Path

from builders import (
    company,
    establishment,
    write_companies,
    write_establishments,
    write_history,
    write_rows,
)

from frenchtech.observatory.engine.schema import (
    EVENTS_COLUMNS,
    FUNDING_ROUNDS_COLUMNS,
    PROGRAMMES_COLUMNS,
)

STOCK_DATE = dt.date(2020, 6, 30)

COMPANIES = [
    company("100000001", created="2015-03-01"),  # siège in a Paris arrondissement
    company("100000002", created="2015-06-01", naf="6201Z"),  # undotted code, déléguée
    company("100000003", created="2015-06-02", naf=" 62.01z"),  # code shared with déléguée
    company("100000004", created="2015-06-03"),  # unknown commune code
    company("100000005", naf="72.2Z", nomenclature="NAFRev1"),  # other nomenclature
    company("100000006", naf=""),  # empty code
    company("100000007", legal="1000"),  # sole proprietor, Lyon arrondissement
    company("100000008", created="2016-05-10", state="C", since="2019-05-10"),  # +3y exactly
    company("100000009", created="2016-05-10", state="C", since="2019-05-11"),  # one day more
    company("100000010", created="2016-05-10", state="C", since="2017-01-01"),
    company("100000011", created="2016-05-10"),
    company("100000012", created="2018-02-01"),
    company("100000013", created=""),  # empty creation date, Marseille arrondissement
    company("100000014", band="21", employer="O"),  # employer scale-up
    company("100000015"),  # Ouessant: no EPCI
    company("100000016", nic_siege="00029"),  # the head office moved to Lyon
    company("100000017", nomenclature="NAF1993"),  # a digital-looking code, old nomenclature
    company("100000018"),  # commune associée
    company("100000019", created="2012-02-29", state="C", since="2015-03-01"),  # 29 February
]

ESTABLISHMENTS = [
    establishment("100000001", commune="75115"),
    establishment("100000002", commune="01340"),
    establishment("100000003", commune="01015"),
    establishment("100000004", commune="99999"),
    establishment("100000005", commune="69123", naf="72.2Z", nomenclature="NAFRev1"),
    establishment("100000005", nic="00029", commune="69266", created="2017-01-01", siege=False),
    establishment("100000006", commune="69123", naf=""),
    establishment("100000007", commune="69381"),
    establishment("100000008", commune="69123", created="2016-05-10"),
    establishment("100000009", commune="69123", created="2016-05-10"),
    establishment("100000010", commune="69123", created="2016-05-10"),
    establishment("100000011", commune="69123", created="2016-05-10"),
    establishment("100000012", commune="69123", created="2018-02-01"),
    establishment("100000013", commune="13203", created=""),
    establishment("100000014", commune="69266"),
    establishment("100000015", commune="29155"),
    establishment("100000016", commune="75101", siege=False),
    establishment("100000016", nic="00029", commune="69123", created="2016-01-01"),
    establishment("100000017", commune="69123", nomenclature="NAF1993"),
    establishment("100000018", commune="01120"),
    establishment("100000019", commune="75056", created="2012-02-29"),
    establishment("100000020", commune="", created="2015-01-01"),  # foreign: empty code
]

FUNDING = [
    ("100000001", "2019-04-01", "1000.50", "seed", "Bpifrance;Partech"),
    ("100000001", "2019-09-01", "2000", "series_a", "Partech"),
    ("999999999", "2019-10-01", "500", "seed", "Kima"),
]
EVENTS = [
    ("2019-03-01", "75056", "Demo Day", "300", "true"),
    ("2019-05-01", "69123", "Meetup", "40", "false"),
    ("2019-06-01", "", "Online", "", "false"),
]
PROGRAMMES = [
    ("100000001", "69123", "Booster", "2018-09-01", "2019-03-31", "10", "100000"),
    ("100000014", "13055", "Campus", "2019-01-01", "", "5", ""),
]


def write_hand_built(directory: Path) -> dict[str, Path]:
    """Write the hand-built inputs into `directory`; {role: path}."""
    directory.mkdir(parents=True, exist_ok=True)
    return {
        "companies": write_companies(directory / "ul.csv", COMPANIES),
        "establishments": write_establishments(directory / "etab.csv", ESTABLISHMENTS),
        "funding": write_rows(directory / "funding.csv", FUNDING_ROUNDS_COLUMNS, FUNDING),
        "events": write_rows(directory / "events.csv", EVENTS_COLUMNS, EVENTS),
        "programmes": write_rows(directory / "programmes.csv", PROGRAMMES_COLUMNS, PROGRAMMES),
    }


def write_history_ceasing_later(directory: Path) -> Path:
    """A StockUniteLegaleHistorique in which 100000008 ceased on 2019-05-12, then changed
    its name on 2019-06-01 (so its current period starts later than its ceasing)."""
    return write_history(
        directory / "history.csv",
        [
            {
                "siren": "100000008",
                "dateDebut": "2016-05-10",
                "dateFin": "2019-05-11",
                "etatAdministratifUniteLegale": "A",
                "changementEtatAdministratifUniteLegale": "false",
            },
            {
                "siren": "100000008",
                "dateDebut": "2019-05-12",
                "dateFin": "2019-05-31",
                "etatAdministratifUniteLegale": "C",
                "changementEtatAdministratifUniteLegale": "true",
            },
            {
                "siren": "100000008",
                "dateDebut": "2019-06-01",
                "dateFin": "",
                "etatAdministratifUniteLegale": "C",
                "changementEtatAdministratifUniteLegale": "false",
            },
        ],
    )
