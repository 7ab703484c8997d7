"""The national SVG frame: Lambert-93 for metropolitan France, local insets overseas.

Only numpy is needed here, so tests can check the projection without shapely.
"""

import numpy as np

# RGF93 / Lambert-93 (EPSG:2154): GRS80 ellipsoid, secant cone on 44°N and 49°N.
_A = 6378137.0
_F = 1 / 298.257222101
_E = np.sqrt(2 * _F - _F * _F)
_LON0 = np.radians(3.0)
_LAT0 = np.radians(46.5)
_LAT1 = np.radians(44.0)
_LAT2 = np.radians(49.0)
_X0 = 700000.0
_Y0 = 6600000.0


def _m(lat):
    return np.cos(lat) / np.sqrt(1 - (_E * np.sin(lat)) ** 2)


def _t(lat):
    esin = _E * np.sin(lat)
    return np.tan(np.pi / 4 - lat / 2) / ((1 - esin) / (1 + esin)) ** (_E / 2)


_N = (np.log(_m(_LAT1)) - np.log(_m(_LAT2))) / (np.log(_t(_LAT1)) - np.log(_t(_LAT2)))
_AF = _A * _m(_LAT1) / (_N * _t(_LAT1) ** _N)
_RHO0 = _AF * _t(_LAT0) ** _N


def lambert93(lon, lat):
    """Project WGS84/RGF93 degrees to Lambert-93 metres (x east, y north)."""
    lon = np.radians(np.asarray(lon, dtype=float))
    lat = np.radians(np.asarray(lat, dtype=float))
    rho = _AF * _t(lat) ** _N
    theta = _N * (lon - _LON0)
    return _X0 + rho * np.sin(theta), _Y0 + _RHO0 - rho * np.cos(theta)


# Metropolitan France (Ouessant to eastern Corsica, Dunkirk to Bonifacio) spans about
# 1,143 km x 1,069 km in Lambert-93: 1,150 m per unit puts it within x 0..1000.
METRO_ORIGIN = (95000.0, 7115000.0)  # Lambert-93 point drawn at (0, 0)
METRO_METRES_PER_UNIT = 1150.0

# Overseas départements: one box each in a row under the metropolitan map, INSEE order.
INSET_CODES = ("971", "972", "973", "974", "976")
_BOX_W, _BOX_H, _GAP, _ROW_Y, _MARGIN = 192.0, 170.0, 10.0, 945.0, 6.0
VIEWBOX = (0, 0, 1000, round(_ROW_Y + _BOX_H + 5))
_KM_PER_DEGREE = 6371.0088 * np.pi / 180  # mean Earth radius


def inset_box(code):
    """Return the [x, y, w, h] box of an overseas département in the frame."""
    i = INSET_CODES.index(code)
    return (i * (_BOX_W + _GAP), _ROW_Y, _BOX_W, _BOX_H)


class Inset:
    """Local equirectangular projection of one overseas territory, fitted to its box.

    Over a few hundred km near the tropics a plate carrée scaled by cos(latitude)
    distorts less than the rounding of the drawing, and is easy to reproduce.
    """

    def __init__(self, code, bounds):
        lon0, lat0, lon1, lat1 = bounds
        self.code = code
        self.lon_c = (lon0 + lon1) / 2
        self.lat_c = (lat0 + lat1) / 2
        self.coslat = float(np.cos(np.radians(self.lat_c)))
        width_km = (lon1 - lon0) * self.coslat * _KM_PER_DEGREE
        height_km = (lat1 - lat0) * _KM_PER_DEGREE
        bx, by, bw, bh = inset_box(code)
        self.units_per_km = min((bw - 2 * _MARGIN) / width_km, (bh - 2 * _MARGIN) / height_km)
        self.centre = (bx + bw / 2, by + bh / 2)

    def project(self, lon, lat):
        """Project degrees to frame units inside the box (y pointing down)."""
        x_km = (np.asarray(lon) - self.lon_c) * self.coslat * _KM_PER_DEGREE
        y_km = (np.asarray(lat) - self.lat_c) * _KM_PER_DEGREE
        k = self.units_per_km
        return self.centre[0] + x_km * k, self.centre[1] - y_km * k

    def describe(self):
        """JSON-ready parameters, so a reader can place a point in the inset."""
        return {
            "box": [round(v, 1) for v in inset_box(self.code)],
            "projection": "equirectangular, x scaled by cos(centre latitude)",
            "centre_lon_lat": [round(self.lon_c, 6), round(self.lat_c, 6)],
            "units_per_km": round(self.units_per_km, 6),
            "frame_centre": [round(self.centre[0], 3), round(self.centre[1], 3)],
        }


def metro_project(lon, lat):
    """Project degrees to frame units for metropolitan France (y pointing down)."""
    x, y = lambert93(lon, lat)
    return (
        (x - METRO_ORIGIN[0]) / METRO_METRES_PER_UNIT,
        (METRO_ORIGIN[1] - y) / METRO_METRES_PER_UNIT,
    )


FRAME_DESCRIPTION = (
    "One SVG frame for all levels, y pointing down, units as in viewBox. Metropolitan France "
    "(incl. Corsica): RGF93/Lambert-93 (EPSG:2154) metres, x_frame = (x - 95000) / 1150, "
    "y_frame = (7115000 - y) / 1150 (1 unit = 1.15 km). Overseas départements 971, 972, 973, "
    "974, 976: each in its own inset box in a row under the metropolitan map, projected "
    "locally (equirectangular around its centre, x scaled by cos(latitude)) and scaled to "
    "fit its box (scales differ, see 'insets'). Coordinates rounded to 0.1 unit."
)
