"""The lexical half of the ensemble: TF-IDF over word 1–2-grams and a logistic regression.

Words like "tear gas", "rubber bullets" or "shot" carry most of the force rank, and a linear
model over them makes different mistakes from the MiniLM encoder, so averaging the two
probabilities scores better on the validation posts than either alone (docs/classifier.md).

Saved as `lexical.npz` — the vocabulary, IDF weights and coefficients as plain arrays, read with
`allow_pickle=False` — so loading a model file never runs code. Scoring needs no fitted
scikit-learn object: counts come from a `CountVectorizer` given the saved vocabulary, and the
TF-IDF weighting and softmax are a few lines of numpy, the same arithmetic scikit-learn applies.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from incidents.classifier.data import Example, clean_text
from incidents.classifier.metrics import compute_metrics
from incidents.classifier.modeling import ModelFilesError

FILE = "lexical.npz"
FORMAT = 1


@dataclass
class LexicalSettings:
    ngram_max: int = 2
    min_df: int = 2
    max_features: int = 50_000
    sublinear_tf: bool = True
    c: float = 2.0
    silver_weight: float = 1.0


class LexicalModel:
    def __init__(self, *, terms: Sequence[str], idf, coef, intercept, ngram_max: int, sublinear):
        import numpy as np

        self.terms = list(terms)
        self.idf = np.asarray(idf, dtype=np.float64)
        self.coef = np.asarray(coef, dtype=np.float64)
        self.intercept = np.asarray(intercept, dtype=np.float64)
        self.ngram_max = int(ngram_max)
        self.sublinear = bool(sublinear)
        self._counter = None

    def _counts(self, texts: list[str]):
        from sklearn.feature_extraction.text import CountVectorizer

        if self._counter is None:
            self._counter = CountVectorizer(
                ngram_range=(1, self.ngram_max),
                vocabulary={term: index for index, term in enumerate(self.terms)},
                dtype=float,
            )
        return self._counter.transform([clean_text(text) for text in texts])

    def predict_proba(self, texts: list[str]) -> list[list[float]]:
        import numpy as np
        from sklearn.preprocessing import normalize

        if not texts:
            return []
        counts = self._counts(texts).tocsr()
        if self.sublinear:
            np.log(counts.data, out=counts.data)
            counts.data += 1
        features = normalize(counts.multiply(self.idf).tocsr())
        scores = features @ self.coef.T + self.intercept
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return (exp / exp.sum(axis=1, keepdims=True)).tolist()

    def save(self, folder: Path) -> Path:
        import numpy as np

        path = Path(folder) / FILE
        np.savez_compressed(
            path,
            format=np.array(FORMAT),
            terms=np.array(self.terms, dtype=str),
            idf=self.idf.astype(np.float32),
            coef=self.coef.astype(np.float32),
            intercept=self.intercept.astype(np.float32),
            ngram_max=np.array(self.ngram_max),
            sublinear=np.array(self.sublinear),
        )
        return path

    @classmethod
    def load(cls, folder: Path) -> LexicalModel:
        import numpy as np

        path = Path(folder) / FILE
        if not path.is_file():
            raise ModelFilesError(f"{path}: missing (the model's config names a lexical part)")
        with np.load(path, allow_pickle=False) as saved:
            if int(saved["format"]) != FORMAT:
                raise ModelFilesError(f"{path}: format {int(saved['format'])}, expected {FORMAT}")
            return cls(
                terms=saved["terms"].tolist(),
                idf=saved["idf"],
                coef=saved["coef"],
                intercept=saved["intercept"],
                ngram_max=int(saved["ngram_max"]),
                sublinear=bool(saved["sublinear"]),
            )


def fit(examples: list[Example], options: LexicalSettings | None = None) -> LexicalModel:
    """TF-IDF + multinomial logistic regression on the training posts (all six ranks)."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    options = options or LexicalSettings()
    vectoriser = TfidfVectorizer(
        ngram_range=(1, options.ngram_max),
        min_df=min(options.min_df, len(examples)),
        max_features=options.max_features,
        sublinear_tf=options.sublinear_tf,
    )
    features = vectoriser.fit_transform([clean_text(example.text) for example in examples])
    ranks = [example.rank for example in examples]
    weights = [
        options.silver_weight if example.source == "pb2020" else 1.0 for example in examples
    ]
    regression = LogisticRegression(C=options.c, max_iter=2000)
    regression.fit(features, ranks, sample_weight=weights)
    # Ranks missing from the training posts get no score of their own: a very low intercept.
    coef = np.zeros((6, features.shape[1]))
    intercept = np.full(6, -30.0)
    classes = [int(rank) for rank in regression.classes_]
    if len(classes) == 2:
        # A binary fit keeps one row, the second class's score against the first's zero.
        intercept[classes[0]] = 0.0
        coef[classes[1]], intercept[classes[1]] = regression.coef_[0], regression.intercept_[0]
    else:
        for row, rank in enumerate(classes):
            coef[rank], intercept[rank] = regression.coef_[row], regression.intercept_[row]
    terms = [None] * len(vectoriser.vocabulary_)
    for term, index in vectoriser.vocabulary_.items():
        terms[index] = term
    return LexicalModel(
        terms=terms,
        idf=vectoriser.idf_,
        coef=coef,
        intercept=intercept,
        ngram_max=options.ngram_max,
        sublinear=options.sublinear_tf,
    )


def blend(
    encoder: list[list[float]], lexical: list[list[float]], weight: float
) -> list[list[float]]:
    """Weighted mean of two probability lists: `weight` for the encoder, the rest for TF-IDF."""
    return [
        [weight * a + (1 - weight) * b for a, b in zip(left, right, strict=True)]
        for left, right in zip(encoder, lexical, strict=True)
    ]


def choose_weight(
    ranks: list[int], encoder: list[list[float]], lexical: list[list[float]]
) -> tuple[float, list[dict]]:
    """The encoder's share (0, 0.1, …, 1) with the best macro-F1 on validation posts.

    Ties go to the larger encoder share, the model that was there first.
    """
    table = []
    for step in range(11):
        weight = step / 10
        scores = compute_metrics(ranks, blend(encoder, lexical, weight))
        table.append(
            {
                "encoder_weight": weight,
                "accuracy": scores["accuracy"],
                "macro_f1": scores["macro_f1"],
            }
        )
    best = max(table, key=lambda row: (row["macro_f1"], row["accuracy"], row["encoder_weight"]))
    return best["encoder_weight"], table


def settings_dict(options: LexicalSettings) -> dict:
    return asdict(options)
