"""Demo hook: register the classifier shipped in the repository and make it active.

Called from incidents/demo.py (`load_demo`); idempotent. It activates the shipped model only
when no model is active, so a model staff chose is never replaced.
"""

from incidents.classifier import registry, selectors


def load(*, stdout) -> None:
    active = selectors.classifier_active()
    if active is not None:
        stdout.write(f"classifier: {active.version} is active; left as is")
        return
    model = registry.classifier_shipped_register(activate=True)
    stdout.write(f"classifier: registered and activated the shipped model {model.version}")
