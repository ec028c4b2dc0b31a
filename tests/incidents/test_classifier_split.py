"""The held-out split is made once, recorded, stratified, and never leaks into training."""

from collections import Counter

from django.conf import settings

from incidents.classifier import data


def _examples(count_per_rank: dict[int, int]) -> list[data.Example]:
    examples = []
    for rank, count in count_per_rank.items():
        for n in range(count):
            examples.append(
                data.Example(f"post number {n} about rank {rank}", rank, "hrf", f"{rank}-{n}")
            )
    return examples


def test_the_recorded_split_is_seeded_and_keeps_test_and_validation_apart():
    split = data.load_split()

    assert split["seed"] == data.SPLIT_SEED
    for source in ("hrf", "pb2020"):
        test, validation = set(split[source]["test"]), set(split[source]["validation"])
        assert test and validation
        assert not test & validation
    assert abs(len(split["hrf"]["test"]) - split["hrf"]["rows"] * data.TEST_FRACTION) <= 10


def test_the_recorded_split_matches_the_shipped_2020pb_file_and_is_stratified():
    pb2020 = data.pb2020_examples(settings.DATA_DIR)
    split = data.load_split()
    test_ids = set(split["pb2020"]["test"])

    assert split["pb2020"]["sha256"] == data._fingerprint(pb2020)
    everything = Counter(example.rank for example in pb2020)
    held = Counter(example.rank for example in pb2020 if example.id in test_ids)
    for rank, count in everything.items():
        assert abs(held[rank] - count * data.TEST_FRACTION) <= 3, rank


def test_making_the_split_again_with_the_seed_gives_the_same_ids():
    hrf = _examples({0: 50, 1: 30, 2: 10, 3: 5, 4: 10, 5: 25})
    pb2020 = data.pb2020_examples(settings.DATA_DIR)

    first = data.make_split(hrf=hrf, pb2020=pb2020)
    second = data.make_split(hrf=hrf, pb2020=pb2020)

    assert first == second
    held = Counter(example.rank for example in hrf if example.id in set(first["hrf"]["test"]))
    assert held == {0: 10, 1: 6, 2: 2, 3: 1, 4: 2, 5: 5}


def test_a_retweet_and_its_original_land_on_the_same_side():
    hrf = _examples({0: 40, 5: 40})
    hrf.append(data.Example("RT: post number 3 about rank 5 https://t.co/abc", 5, "hrf", "copy"))
    split = data.make_split(hrf=hrf, pb2020=[])

    test = set(split["hrf"]["test"])
    assert ("5-3" in test) == ("copy" in test)


def test_training_drops_texts_that_also_appear_in_the_held_out_posts():
    split = {
        "hrf": {"test": ["1"], "validation": ["2"]},
        "pb2020": {"test": [], "validation": []},
    }
    hrf = [
        data.Example("Police fired tear gas at the march", 4, "hrf", "1"),
        data.Example("A quiet day downtown", 0, "hrf", "2"),
        data.Example("Officers directed traffic", 1, "hrf", "3"),
    ]
    pb2020 = [data.Example("Police fired tear gas at the march!", 4, "pb2020", "or-1")]

    dataset = data.apply_split(
        hrf=hrf, pb2020=pb2020, extra=[("Cops pepper sprayed me", 4)], split=split
    )

    assert [example.id for example in dataset.test] == ["1"]
    assert [example.text for example in dataset.train] == [
        "Officers directed traffic",
        "Cops pepper sprayed me",
    ]
