from officers.search.keys import badges_key, search_key, unicode_key


def test_ascii_names_and_badges_get_the_same_key_as_any_other_text():
    # The ASCII shortcut must agree with the general rule for every pair of ASCII characters,
    # or a name imported one way would not be found when typed the other.
    texts = [f"{chr(a)}Ab {chr(b)}" for a in range(128) for b in range(128)]
    assert [search_key(text) for text in texts] == [unicode_key(text) for text in texts]


def test_accents_case_and_spacing_do_not_matter():
    assert search_key("  José  GARCÍA ") == search_key("jose garcia") == "jose garcia"
    assert search_key("Müller") == "muller" and search_key("STRASSE") == "strasse"
    assert search_key(None) == search_key("") == ""
    assert badges_key(["0451", " 12 ", "", "0451"]) == "0451 12"
