"""Writes for submitted photos and their faces, one module per stage: `intake` (check, clean,
store, review), `faces` (detection and the boxes volunteers draw and tag), `queue` (the
volunteers' claim, sort and tag, the reviewers' undo) and `limits`.

Callers import the stage's module. Nothing is re-exported here, so that the detection task can
import `faces` without loading `intake`, which enqueues that task."""
