"""The force-rank classifier: data and the fixed split, training, evaluation, serving.

Modules: `data` (labelled files, the recorded split), `modeling` (network and model folders),
`training`, `metrics`, `batching` and `inference` (the serving path), `lexical` and `ensemble`
(the word model, and fitting it beside an encoder), `signals` (keyword cues for the review flag,
labelling priority), `registry` (writes: train, evaluate, register, activate, ship), `serving`
(writes each post's rank) and `selectors` (reads). See docs/classifier.md.
"""
