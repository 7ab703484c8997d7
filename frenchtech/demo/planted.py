"""The effect planted in the demo's synthetic registry (no Django: the benchmarks read it).

+15 % digital company creations from the year of their first label for the EPCI the demo
labels (demo/labels.py: Bordeaux in 2015, Nantes in 2016; Lyon's label is recent, after
the registry's last complete year). A test checks both files agree.
"""

from frenchtech.observatory.engine.generator import PlantedEffect

DEMO_LABEL_YEARS = {"243300316": 2015, "244400404": 2016}  # Bordeaux, Nantes
DEMO_PLANTED = PlantedEffect(DEMO_LABEL_YEARS, 0.15)
