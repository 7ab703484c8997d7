"""Programme evaluation: did the label change anything? (docs/methodology/evaluation.md)

Reads the observatory's published snapshot and the labels' history (both to its left in
the dependency picture); nothing but the screens imports it. The estimators are in the
Django-free `engine`.
"""
