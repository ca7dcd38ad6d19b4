"""``debate bench``: how good and how fast the judge is. Only the ``debate bench`` command imports this package;
the trainer never does, and it uses the judge's public API only.

* :mod:`debate.bench.answers`: labelled student answers (``debate bench answers FILE``), the judge's main measure;
* :mod:`debate.bench.kpa`: ArgKP key-point matching (``debate bench kpa``);
* :mod:`debate.bench.fit`: fitting and cross-validating the similarity's weights (``debate bench fit|cv``);
* :mod:`debate.bench.speed`: latency and throughput (``debate bench speed``);
* :mod:`debate.bench.firstframe`: time to the trainer's first frame against a bare Textual app, in tmux
  (``debate bench firstframe``).
"""
