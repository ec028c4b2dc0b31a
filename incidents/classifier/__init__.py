"""The force-rank classifier: data and the fixed split, training, evaluation, serving.

Modules: `data` (labelled files, the recorded split), `modeling` (network and model folders),
`training`, `metrics`, `batching` and `inference` (the serving path), `signals` (keyword cues
for the review flag), `services` (writes) and `selectors` (reads). See docs/classifier.md.
"""
