"""A small hand-built gazetteer: a few real countries, invented provinces, districts and towns."""

import pytest

from frontlines.geo.gazetteer import Entry, Gazetteer, SourcePlace, write


def place(gid, name, kind, cc, a1=None, a2=None, lat=None, lon=None, pop=0, names=(), approx=False):
    return SourcePlace(Entry(gid, name, kind, kind.upper(), cc, a1, a2, lat, lon, pop, approx), tuple(names))


WORLD = [
    place(1, "Tajikistan", "country", "TJ", lat=38.6, lon=69.0, pop=9_000_000),
    place(2, "Mali", "country", "ML", lat=17.0, lon=-4.0, pop=20_000_000),
    place(3, "Sudan", "country", "SD", lat=15.0, lon=30.0, pop=43_000_000),
    place(4, "Ukraine", "country", "UA", lat=49.0, lon=32.0, pop=41_000_000),
    place(5, "United States", "country", "US", lat=39.8, lon=-98.5, pop=327_000_000, names=("US", "U.S.", "America")),
    # an invented Tajik province with districts whose names follow Persian patterns
    place(100, "Zardak", "admin1", "TJ", "90", lat=38.10, lon=70.10, pop=90_000, names=("Zardak Province",)),
    place(101, "Pul-e Sangīn", "admin2", "TJ", "90", "01", lat=38.20, lon=70.30, names=("Puli Sangin District",)),
    place(102, "Deh-e Nawak", "admin2", "TJ", "90", "02", lat=38.05, lon=70.45),
    place(103, "Khumdara", "admin2", "TJ", "90", "03", lat=38.30, lon=70.00),
    place(104, "Banak", "populated_place", "TJ", "90", "03", lat=38.31, lon=70.02, pop=0),
    place(105, "Zardak", "populated_place", "TJ", "90", "01", lat=38.10, lon=70.10, pop=60_000),
    place(106, "Qal'a-ye Surkh", "populated_place", "TJ", "90", "02", lat=38.00, lon=70.50, pop=2_000,
          names=("Qala-i-Surkh",)),
    # a namesake far away, and a bigger one
    place(200, "Banak", "populated_place", "ML", "07", lat=14.50, lon=-3.90, pop=4_000),
    place(201, "Gao", "admin1", "ML", "07", lat=16.27, lon=-0.04, pop=500_000, names=("Gao Region",)),
    place(202, "Gao", "populated_place", "ML", "07", lat=16.27, lon=-0.04, pop=86_000),
    place(300, "North Darfur", "admin1", "SD", "55", lat=13.63, lon=25.35, pop=1_500_000,
          names=("Northern Darfur", "North Darfur State")),
    place(301, "Al Fāshir", "populated_place", "SD", "55", lat=13.63, lon=25.35, pop=250_000,
          names=("El Fasher", "Al Fashir", "El Fashir")),
    place(302, "Kutum", "populated_place", "SD", "55", lat=14.20, lon=24.66, pop=40_000),
    # a district with no seat on file: it borrows its province's point
    place(303, "Kutum District", "admin2", "SD", "55", "10", lat=13.63, lon=25.35, approx=True),
    place(304, "Hillat Sharif", "populated_place", "SD", "55", lat=13.66, lon=25.37, pop=3_000),  # by El Fasher
    # an invented Tajik province whose English alternate name is a region's name elsewhere
    place(110, "Kuhsoron", "admin1", "TJ", "91", lat=39.0, lon=71.0, pop=400_000, names=("Highlandia",)),
    place(400, "Kharkivska oblast", "admin1", "UA", "07", lat=49.99, lon=36.23, pop=2_600_000,
          names=("Kharkiv", "Kharkiv Oblast")),
    place(401, "Kharkiv", "populated_place", "UA", "07", lat=49.99, lon=36.23, pop=1_400_000,
          names=("Kharkov",)),
    place(402, "Kupiansk", "populated_place", "UA", "07", lat=49.71, lon=37.62, pop=27_000, names=("Kupyansk",)),
    place(403, "Marhanka", "populated_place", "UA", "07", lat=49.2, lon=36.9, pop=45_000),
    place(600, "Bolshegorsk", "populated_place", "RU", "48", lat=55.0, lon=45.0, pop=300_000,
          names=("Marhanka",)),  # a bigger place whose former (alternate) name is another's own name
    place(500, "Washington, D.C.", "populated_place", "US", "DC", lat=38.90, lon=-77.04, pop=690_000,
          names=("Washington",)),
    place(501, "Washington", "admin1", "US", "WA", lat=47.5, lon=-120.5, pop=7_000_000),
    place(502, "May", "populated_place", "US", "TX", lat=31.98, lon=-98.92, pop=300),
    place(503, "Kutum", "populated_place", "US", "TX", lat=30.0, lon=-97.0, pop=100),
    # a town abroad that shares its name with a Malian village, inside a named state
    place(504, "Ohio", "admin1", "US", "OH", lat=39.96, lon=-83.0, pop=11_000_000),
    place(505, "Dunmore", "populated_place", "US", "OH", lat=40.1, lon=-83.1, pop=40_000),
    place(203, "Dunmore", "populated_place", "ML", "07", lat=15.9, lon=-0.5, pop=3_000),
    place(506, "Harlow", "populated_place", "US", "TX", lat=31.0, lon=-96.0, pop=900),  # a small town abroad
    place(107, "Nur", "populated_place", "TJ", "90", lat=38.4, lon=70.2, pop=3_000),  # a three-letter village
    place(108, "Asia", "populated_place", "TJ", "90", lat=38.6, lon=70.6, pop=20_000),  # named like a continent
]


@pytest.fixture(scope="session")
def world() -> list[SourcePlace]:
    return WORLD


@pytest.fixture(scope="session")
def small_gazetteer(tmp_path_factory) -> Gazetteer:
    path = tmp_path_factory.mktemp("gaz") / "small.sqlite"
    write(path, WORLD)
    return Gazetteer(path)


# An invented GeoNames country file (19 tab-separated columns), places of the fictional
# Republic of Ruritania (code "RR").
_DUMP = "\n".join("\t".join(row) for row in [
    ["9000001", "Ruritania", "Ruritania", "Ruritanien,Ruritanie", "45.0", "15.0", "A", "PCLI", "RR", "", "00",
     "", "", "", "3000000", "", "200", "Europe/Vienna", "2024-01-01"],
    ["9000002", "Strelsau Oblast", "Strelsau Oblast", "Strelsauer Land", "45.2", "15.3", "A", "ADM1", "RR", "",
     "01", "", "", "", "900000", "", "210", "Europe/Vienna", "2024-01-01"],
    ["9000003", "Zenda District", "Zenda District", "Zendaer Kreis,ゼンダ", "45.4", "15.6", "A", "ADM2", "RR", "",
     "01", "011", "", "", "40000", "", "300", "Europe/Vienna", "2024-01-01"],
    ["9000004", "Zenda", "Zenda", "Zendau", "45.41", "15.61", "P", "PPLA2", "RR", "", "01", "011", "", "",
     "12000", "", "310", "Europe/Vienna", "2024-01-01"],
    ["9000006", "Strelsau", "Strelsau", "", "45.1", "15.2", "P", "PPLA", "RR", "", "01", "012", "", "",
     "8000", "", "150", "Europe/Vienna", "2024-01-01"],
    ["9000007", "Hentzau", "Hentzau", "", "45.6", "15.9", "P", "PPL", "RR", "", "01", "013", "", "",
     "90000", "", "150", "Europe/Vienna", "2024-01-01"],
    ["9000005", "Tarlenheim Valley", "Tarlenheim Valley", "", "45.5", "15.8", "T", "VAL", "RR", "", "01", "011",
     "", "", "0", "", "500", "Europe/Vienna", "2024-01-01"],
]) + "\n"


@pytest.fixture(scope="session")
def geonames_dump() -> str:
    return _DUMP
