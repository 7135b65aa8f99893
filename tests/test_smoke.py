from tests import factories


def test_index_and_profile_render(client, index, terms, django_assert_max_num_queries):
    p = factories.profile(index, "Alassane", country=terms["mali"], city=terms["den-haag"], themes=[terms["lhbti"]],
        body=[("section", {"kind": "about", "heading": "Over Alassane", "text": "<p>Tekst</p>"})])
    r = client.get(index.url)
    assert r.status_code == 200, r.content
    assert b"Alassane" in r.content
    r = client.get(p.url)
    assert r.status_code == 200
    print(r.content.decode())
