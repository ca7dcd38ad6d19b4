"""The Textual trainer. Only this package imports Textual; :func:`debate.tui.app.build_app` builds the app."""
