import pytest

from tests import factories


@pytest.fixture
def home(db):
    return factories.site_with_home()


@pytest.fixture
def index(home):
    return factories.index_page(home)


@pytest.fixture
def terms(db):
    """A small Dutch taxonomy: two themes, two countries, two cities."""
    mali = factories.country("Mali", "ML")
    nl = factories.country("Nederland", "NL")
    return {
        "lhbti": factories.theme("LHBTI"),
        "pers": factories.theme("Persvrijheid"),
        "mali": mali,
        "nl": nl,
        "den-haag": factories.city("Den Haag", nl),
        "utrecht": factories.city("Utrecht", nl),
    }
