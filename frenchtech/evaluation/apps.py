from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "frenchtech.evaluation"
    label = "evaluation"
