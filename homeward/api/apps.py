from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "homeward.api"
    label = "api"
    verbose_name = "API"
