from django.apps import AppConfig


class JiexiConfig(AppConfig):
    name = "jiexi"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from jiexi.middleware import mark_renewed

        user_logged_in.connect(mark_renewed, dispatch_uid="jiexi.mark_renewed")
