"""The commented motion skeleton written by ``debate new``."""

from __future__ import annotations

SKELETON = """\
# yaml-language-server: $schema={schema}
# (for completion and validation in your editor, first run: debate schema > motion.schema.json)
# A debate motion (schema 1). Replace every <placeholder>, then run: debate check {id}.yaml
# Text that YAML could read as a number, date or yes/no must be quoted: '2026', 'yes'.
schema: 1
id: {id}                     # unique, kebab-case; the file name is a good choice
title: <This House would ...>
tags: [<topic>]
difficulty: intermediate     # introductory | intermediate | advanced
# source:                    # optional: where the motion comes from
#   title: <article title>
#   author: <who argued it>
#   published: '2026-01-31'  # quoted
context: |
  <Two to four neutral sentences of background the student reads first.>
thesis: |
  <The proposition's case in two or three sentences.>
sides:
  # Students on the proposition rebut the opposition's arguments, and the other way round:
  # the rebuttals under an argument are the ways the OTHER side answers it.
  proposition:                 # arguments FOR the motion
    - id: <first-proposition-argument>
      claim: <One sentence, as a proposition speaker would say it.>
      explanation: <Why this argument matters (shown after the round).>
      rebuttals:
        - id: <first-rebuttal>
          text: <The model answer an opposition speaker gives, in one or two sentences.>
          type: deny           # deny | mitigate | turn | outweigh
          strength: 2          # 1 (weak) to 3 (strong)
          keywords: [<word>, <other word|synonym>]   # concepts a hit must carry; a|b = either (4 or more ways each)
          phrasings:           # other ways students say it: aim for 6 or more (check warns below 4)
            - <another way to say it>
          examples:            # tests run by `debate check`
            match:             # answers that must be a hit for this rebuttal
              - <an answer a student might type>
            no_match:          # near misses that must not be a hit
              - <an answer on the topic that makes a different point>
  opposition:                  # arguments AGAINST the motion
    - id: <first-opposition-argument>
      claim: <One sentence, as an opposition speaker would say it.>
      explanation: <Why this argument matters.>
      rebuttals:
        - id: <first-rebuttal>
          text: <The model answer a proposition speaker gives.>
          type: mitigate
          strength: 2
          keywords: [<word>, <other word>]
          phrasings:
            - <another way to say it>
          examples:
            match:
              - <an answer a student might type>
            no_match:
              - <an answer that makes a different point>
"""


def skeleton(motion_id: str, schema: str = "motion.schema.json") -> str:
    """The skeleton text for a new motion with this id."""
    return SKELETON.format(id=motion_id, schema=schema)
