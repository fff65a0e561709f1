"""Confidence of a procedure match: a logistic model over catalogue-independent features,
fitted on the labeled data set (tools/understanding_report.py --fit prints new coefficients).

Features: the best score, its margin over the second, the query share Q and name share D of the
best text, its bigram share B, how many things the citizen said, and the share of the utterance
no one knows (words neither the catalogue nor the lexicon has).
"""
from __future__ import annotations

import math

D_FLOOR = 0.35      # score = Q^Q_POWER * (D_FLOOR + (1 - D_FLOOR) * D) + B_WEIGHT * B * Q^Q_POWER
Q_POWER = 1.0
B_WEIGHT = 0.15
MIN_REL_MARGIN = 0.15  # accept only when the best leads the second by this share of its score
ACCEPT_AT = 0.98     # confidence from which a procedure is accepted without asking (0.95
                     # let through twice as many wrong answers on catalogues grown to 2,296)
FIELD_CUE_MIN_D = 0.7  # with words that ask about a field, accept a procedure only when this
                      # share of its name was said
MIN_ACCEPT_Q = 0.4  # accept only an answer that explains this share of what was said
MAX_UNKNOWN = 0.2   # accept only when words nobody knows weigh less than this share of the
                    # utterance ("quán phở ngon ở đâu": 'ngon' is not a request word)
CLARIFY_AT = 0.2    # below: rejected (not understood)
OFF_TOPIC_CONF = 0.6    # rejected, not clarified, below this confidence when the words that
OFF_TOPIC_EXACT = 0.6   # name the best text are under this share of the utterance and the
OFF_TOPIC_D = 0.2       # utterance says under this share of the text
MIN_SCORE = 0.12
LONE_WORD_MAX_IDF = 2.5   # the most a word weighs that pairs with no neighbour as in a name, beside
                           # an everyday phrase (a word of one text in eleven)
LONE_FUZZY = 0.6           # a near word (another tone, sound) of an accented word no pair supports
DESK_FIELD_SHARE = 0.4  # a desk asked for: the field that holds this share of the score of
                        # the procedures close to the best one (most of it, of several fields)
CANDIDATE_SHARE = 0.3   # a candidate shown when asking scores at least this share of the best
LITERAL_Q = 0.7             # an everyday phrase found literally in a name (beside its meaning)
SINGLE_WORD_CONCEPT = 0.6   # a one-word everyday phrase says less than a longer one
ABSENT_CONCEPT_WEIGHT = 0.8 # an everyday phrase whose official words this catalogue lacks
MARKED_FACTOR = 2.0         # a name word like 'lại', 'đổi', 'gia hạn' the citizen did not say
VARIANT_FACTOR = 0.8        # a variant procedure whose extra name words the citizen did not say
SPLIT_PAIR_FACTOR = 0.8     # two words said together, found apart in a name, explain less
MODIFIER_FACTOR = 0.5       # what follows 'cho', 'để' (for whom, why) beside the request itself
STORY_FACTOR = 0.6          # what was said in the clauses before the one that asks
NEED_FACTOR = 0.4           # a meaning with a variant word ('tạm ngừng ...') in a name without it
SAID_VARIANT_FACTOR = 0.6   # the citizen said 'tạm ngừng', 'gia hạn' ...: a name without it
SAID_LITERALLY_FACTOR = 0.85  # an everyday phrase's own words are in a few names: a name
                              # without them, reached through another meaning
UNMARKED_FACTOR = 0.3       # a name word like 'mới', 'lần đầu', 'cấp' the citizen did not say

# Logistic coefficients: bias, score, margin, q, d, b, 1/units, relative margin, q*d, unknown
# share. Fitted on dev, extra, dev2 and the held-out splits up to heldout8 (used as development data
# once measured) over the four development catalogues, never on heldout9/heldout10 or the fifth
# catalogue: tools/understanding_report.py --fit --fit-splits dev,extra,dev2,heldout,...,heldout8.
COEF = (-2.23, 1.29, 6.05, 1.55, 0.96, 2.63, -0.27, 0.79, 0.44, -4.32)


def features(score: float, second: float, q: float, d: float, b: float, units: int,
             unknown: float = 0.0) -> list[float]:
    rel = (score - second) / score if score > 0 else 0.0
    return [1.0, score, score - second, q, d, b, 1.0 / max(1, units), rel, q * d, unknown]


def confidence(score: float, second: float, q: float, d: float, b: float, units: int,
               unknown: float = 0.0) -> float:
    z = sum(c * f for c, f in zip(COEF, features(score, second, q, d, b, units, unknown)))
    return 1.0 / (1.0 + math.exp(-z))
