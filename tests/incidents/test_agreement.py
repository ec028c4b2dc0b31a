import pytest

from incidents.agreement import cohen_kappa, interpret, krippendorff_alpha, percent_agreement
from incidents.selectors import agreement_summary, labeller_stats
from incidents.services import label_submit
from tests.factories import PostFactory, UserFactory

# The classic 2×2 table: 20 both yes, 5 yes/no, 10 no/yes, 15 both no → p_o 0.7, p_e 0.5, κ 0.4.
TABLE = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15


def test_kappa_on_a_known_table():
    assert percent_agreement(TABLE) == pytest.approx(0.7)
    assert cohen_kappa(TABLE) == pytest.approx(0.4)


def test_kappa_matches_scikit_learn_on_six_ranks():
    from sklearn.metrics import cohen_kappa_score

    first = [0, 1, 2, 3, 4, 5, 5, 4, 3, 1, 1, 0, 2, 2, 5, 4]
    second = [0, 1, 3, 3, 4, 5, 4, 4, 2, 1, 0, 0, 2, 1, 5, 5]
    pairs = [(str(a), str(b)) for a, b in zip(first, second, strict=True)]
    assert cohen_kappa(pairs) == pytest.approx(cohen_kappa_score(first, second))


def test_kappa_is_zero_for_chance_and_one_for_perfect_agreement():
    assert cohen_kappa([("a", "a"), ("b", "b")]) == 1.0
    assert cohen_kappa([("a", "a"), ("a", "b"), ("b", "a"), ("b", "b")]) == pytest.approx(0.0)
    assert cohen_kappa([]) is None
    assert interpret(None) == "not enough data"
    assert interpret(0.65) == "substantial"


def test_krippendorffs_alpha_on_his_worked_example():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", nominal data: α = 0.743.
    coders = [
        "1 2 3 3 2 1 4 1 2 . . .",
        "1 2 3 3 2 2 4 1 2 5 . 3",
        ". 3 3 3 2 3 4 2 2 5 1 .",
        "1 2 3 3 2 4 4 1 2 5 1 .",
    ]
    rows = [row.split() for row in coders]
    units = [[row[i] for row in rows if row[i] != "."] for i in range(12)]
    assert krippendorff_alpha(units) == pytest.approx(0.743, abs=0.001)


@pytest.mark.django_db
def test_agreement_figures_from_the_labels_people_gave(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ana, ben = UserFactory(username="ana"), UserFactory(username="ben")
    agreed = [(3, 3), (4, 4), (1, 1)]
    disagreed = [(2, 3)]
    for a, b in agreed + disagreed:
        post = PostFactory()
        label_submit(labeller=ana, post=post, force_rank=a)
        label_submit(labeller=ben, post=post, force_rank=b)
    summary = agreement_summary()
    assert summary["posts"] == 4
    assert summary["percent_agreement"] == pytest.approx(0.75)
    assert summary["disagreements"] == 1
    expected = cohen_kappa([(str(a), str(b)) for a, b in agreed + disagreed])
    assert summary["kappa"] == pytest.approx(expected)

    rows = {row["name"]: row for row in labeller_stats()}
    assert rows["ana"]["labels"] == 4
    assert rows["ana"]["percent_agreement"] == pytest.approx(0.75)
    # Three of ana's labels match a settled final label; the disputed post has none yet.
    assert rows["ana"]["final_agreement"] == pytest.approx(1.0)
