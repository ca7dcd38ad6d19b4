"""``debate serve``: the trainer in web browsers, one process per browser session.

:mod:`debate.serve.students` (no web imports) gives each served student their own history database;
:mod:`debate.serve.guard` holds the rules every request passes (Origin, Host, join code);
:mod:`debate.serve.server` is the web server (textual-serve and aiohttp, the ``serve`` extra).
"""
