"""Flexibility Finder: the application factory."""

from __future__ import annotations

from pathlib import Path

from finder import config


def create_app(test_config: dict | None = None):
    """Build the app: defaults, then instance config, then environment, then test_config."""
    from flask import Flask  # imported here so the CLI's catalog commands start quickly

    app = Flask(
        __name__,
        instance_path=str(config.instance_dir()),
        instance_relative_config=True,
        template_folder="web/templates",
        static_folder="web/static",
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.update(config.load(app.instance_path, test_config))

    from finder import web

    web.init_app(app)
    return app
