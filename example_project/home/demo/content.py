"""The demo content, in Dutch and English: terms, news and defender profiles.

The site's pages, every term and a few profiles are in French and Arabic too
(:mod:`home.demo.more_languages`, merged in at the end of this module).

Plain data with no Django imports, so tests can read it too. Every item has a
stable key (a slug or an ISO country code) that the loader uses to find it again,
which is what makes loading twice harmless.

Apart from Alassane, whose facts follow the profile that started this project,
the defenders and the news are made up. All sentences were written for this demo.
Rich text is HTML that the loader cleans the way the editor would.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field

from . import more_languages

LANGUAGES = ("nl", "en")
#: Languages only part of the demo is in (the site, the terms, a few profiles).
MORE_LANGUAGES = ("fr", "ar")


@dataclass(frozen=True)
class Text:
    """One text in Dutch and English, and for some items French and Arabic."""

    nl: str
    en: str
    fr: str = ""
    ar: str = ""

    def get(self, language: str) -> str:
        return getattr(self, language)

    def has(self, language: str) -> bool:
        return bool(getattr(self, language))


@dataclass(frozen=True)
class ThemeData:
    slug: Text
    name: Text
    description: Text
    sort_order: int = 0


@dataclass(frozen=True)
class CityData:
    slug: Text
    name: Text
    country_code: str
    description: Text
    sort_order: int = 0


@dataclass(frozen=True)
class NewsData:
    slug: Text
    date: datetime.date
    title: Text
    introduction: Text
    body: Text


@dataclass(frozen=True)
class UpdateData:
    """A dated update of a defender's case; ``status`` is a status code."""

    date: datetime.date
    heading: Text
    text: Text
    status: str = ""
    public: bool = True


@dataclass(frozen=True)
class ActionData:
    """A call to action, at the end of the profile's body."""

    heading: Text
    text: Text
    addressee: Text
    deadline: datetime.date
    link: str


@dataclass(frozen=True)
class ProfileData:
    """A defender profile. ``headings`` overrides the default section headings."""

    slug: str
    name: str
    country_code: str
    city: str
    themes: tuple[str, ...]
    year: int
    introduction: Text
    about: Text
    situation: Text
    threats: Text
    colours: tuple[str, str, str]
    colour_names: Text
    related_news: tuple[str, ...] = ()
    headings: dict[str, Text] = field(default_factory=dict)
    #: A status code (``wagtail_defenders.models.Status.code``), or none.
    status: str = ""
    updates: tuple[UpdateData, ...] = ()
    actions: tuple[ActionData, ...] = ()


#: The names of the statuses the demo uses, by code. The package seeds them in
#: every language the site has (at migration, and when a language is added); the
#: loader makes any that an earlier version of the package did not.
STATUSES: dict[str, Text] = {
    "threatened": Text("Bedreigd", "Threatened", "Sous la menace", "تحت التهديد"),
    "detained": Text("Gedetineerd", "Detained", "En détention", "قيد الاحتجاز"),
    "charged": Text("Aangeklaagd", "Charged", "Inculpation", "توجيه اتهامات"),
    "released": Text("Vrijgelaten", "Released", "Libération", "الإفراج"),
    "relocated": Text(
        "Tijdelijke relocatie", "Relocated", "Relocalisation temporaire", "نقل مؤقت"
    ),
    "returned-home": Text(
        "Teruggekeerd", "Returned home", "Retour au pays", "العودة إلى الوطن"
    ),
    "in-exile": Text("In ballingschap", "In exile", "En exil", "في المنفى"),
}


SITE = {
    "home_title": Text("Shelter City", "Shelter City"),
    "home_introduction": Text(
        "<p>Shelter City biedt mensenrechtenverdedigers die gevaar lopen een "
        "adempauze van drie maanden in een Nederlandse stad. Ze komen op krachten, "
        "volgen trainingen en vertellen hier hun verhaal.</p>",
        "<p>Shelter City gives human rights defenders at risk three months of "
        "respite in a Dutch city. They rest, train and tell their story here.</p>",
    ),
    "index_title": Text("Mensenrechtenverdedigers", "Human rights defenders"),
    "index_slug": Text("verdedigers", "defenders"),
    "index_introduction": Text(
        "<p>Deze verdedigers waren te gast in een Shelter City. Zoek op thema, "
        "land, stad of jaar.</p>",
        "<p>These defenders were guests of a Shelter City. Look them up by theme, "
        "country, city or year.</p>",
    ),
    "news_title": Text("Nieuws", "News"),
    "news_slug": Text("nieuws", "news"),
    "news_introduction": Text(
        "<p>Berichten over de verdedigers en het programma.</p>",
        "<p>Stories about the defenders and the programme.</p>",
    ),
}

THEMES: dict[str, ThemeData] = {
    "lgbti": ThemeData(
        slug=Text("lhbti", "lgbti"),
        name=Text("LHBTI", "LGBTI"),
        description=Text(
            "Gelijke rechten en veiligheid voor lesbiennes, homo's, biseksuelen, "
            "trans en intersekse personen.",
            "Equal rights and safety for lesbian, gay, bisexual, trans and intersex "
            "people.",
        ),
        sort_order=1,
    ),
    "press-freedom": ThemeData(
        slug=Text("persvrijheid", "press-freedom"),
        name=Text("Persvrijheid", "Press freedom"),
        description=Text(
            "Journalisten en bloggers die vrij willen kunnen berichten.",
            "Journalists and bloggers who want to report freely.",
        ),
        sort_order=2,
    ),
    "land-environment": ThemeData(
        slug=Text("land-en-milieu", "land-and-environment"),
        name=Text("Land en milieu", "Land and environment"),
        description=Text(
            "Opkomen voor grond, water, bossen en de mensen die ervan leven.",
            "Standing up for land, water, forests and the people who live from them.",
        ),
        sort_order=3,
    ),
    "womens-rights": ThemeData(
        slug=Text("vrouwenrechten", "womens-rights"),
        name=Text("Vrouwenrechten", "Women's rights"),
        description=Text(
            "Gelijkheid en bescherming tegen geweld voor vrouwen en meisjes.",
            "Equality and protection from violence for women and girls.",
        ),
        sort_order=4,
    ),
    "indigenous-rights": ThemeData(
        slug=Text("rechten-van-inheemse-volken", "indigenous-peoples-rights"),
        name=Text("Rechten van inheemse volken", "Indigenous peoples' rights"),
        description=Text(
            "Zelfbeschikking, taal en grondgebied van inheemse gemeenschappen.",
            "Self-determination, language and territory of indigenous communities.",
        ),
        sort_order=5,
    ),
    "democracy": ThemeData(
        slug=Text("democratie-en-rechtsstaat", "democracy-and-rule-of-law"),
        name=Text("Democratie en rechtsstaat", "Democracy and the rule of law"),
        description=Text(
            "Eerlijke verkiezingen, onafhankelijke rechters en ruimte voor kritiek.",
            "Fair elections, independent judges and room for dissent.",
        ),
        sort_order=6,
    ),
}

# The Dutch host cities of the programme, then partner cities abroad. The real list
# changes from year to year; editors keep it in the admin.
CITIES: dict[str, CityData] = {
    "amsterdam": CityData(
        Text("amsterdam", "amsterdam"),
        Text("Amsterdam", "Amsterdam"),
        "NL",
        Text("Gaststad in Noord-Holland.", "Host city in North Holland."),
        1,
    ),
    "den-haag": CityData(
        Text("den-haag", "the-hague"),
        Text("Den Haag", "The Hague"),
        "NL",
        Text(
            "Gaststad en stad van vrede en recht.",
            "Host city, and city of peace and justice.",
        ),
        2,
    ),
    "groningen": CityData(
        Text("groningen", "groningen"),
        Text("Groningen", "Groningen"),
        "NL",
        Text("Gaststad in het noorden.", "Host city in the north."),
        3,
    ),
    "maastricht": CityData(
        Text("maastricht", "maastricht"),
        Text("Maastricht", "Maastricht"),
        "NL",
        Text("Gaststad in Limburg.", "Host city in Limburg."),
        4,
    ),
    "middelburg": CityData(
        Text("middelburg", "middelburg"),
        Text("Middelburg", "Middelburg"),
        "NL",
        Text("Gaststad in Zeeland.", "Host city in Zeeland."),
        5,
    ),
    "nijmegen": CityData(
        Text("nijmegen", "nijmegen"),
        Text("Nijmegen", "Nijmegen"),
        "NL",
        Text("Gaststad in Gelderland.", "Host city in Gelderland."),
        6,
    ),
    "tilburg": CityData(
        Text("tilburg", "tilburg"),
        Text("Tilburg", "Tilburg"),
        "NL",
        Text("Gaststad in Brabant.", "Host city in Brabant."),
        7,
    ),
    "utrecht": CityData(
        Text("utrecht", "utrecht"),
        Text("Utrecht", "Utrecht"),
        "NL",
        Text("Gaststad in het midden van het land.", "Host city in the centre."),
        8,
    ),
    "tbilisi": CityData(
        Text("tbilisi", "tbilisi"),
        Text("Tbilisi", "Tbilisi"),
        "GE",
        Text("Partnerstad in Georgië.", "Partner city in Georgia."),
        20,
    ),
    "san-jose": CityData(
        Text("san-jose", "san-jose"),
        Text("San José", "San José"),
        "CR",
        Text("Partnerstad in Costa Rica.", "Partner city in Costa Rica."),
        21,
    ),
}

NEWS: dict[str, NewsData] = {
    "wat-een-shelter-city-doet": NewsData(
        slug=Text("wat-een-shelter-city-doet", "what-a-shelter-city-does"),
        date=datetime.date(2024, 9, 12),
        title=Text("Wat een Shelter City doet", "What a Shelter City does"),
        introduction=Text(
            "Drie maanden rust, training en contacten: zo werkt een verblijf.",
            "Three months of rest, training and contacts: this is how a stay works.",
        ),
        body=Text(
            "<p>Een gemeente, een universiteit en een lokale organisatie nemen samen "
            "een verdediger op. De gast krijgt een woning, begeleiding en tijd.</p>"
            "<h2>Wat er in drie maanden gebeurt</h2>"
            "<ul><li>trainingen in digitale en fysieke veiligheid;</li>"
            "<li>gesprekken met politici, juristen en journalisten;</li>"
            "<li>tijd om uit te rusten, ver van de dagelijkse druk.</li></ul>",
            "<p>A municipality, a university and a local organisation host a "
            "defender together. The guest gets a home, support and time.</p>"
            "<h2>What happens in three months</h2>"
            "<ul><li>training in digital and physical security;</li>"
            "<li>meetings with politicians, lawyers and journalists;</li>"
            "<li>time to rest, away from the daily pressure.</li></ul>",
        ),
    ),
    "avond-lhbti-rechten-west-afrika": NewsData(
        slug=Text(
            "avond-lhbti-rechten-west-afrika", "evening-lgbti-rights-west-africa"
        ),
        date=datetime.date(2024, 11, 5),
        title=Text(
            "Avond over LHBTI-rechten in West-Afrika",
            "An evening on LGBTI rights in West Africa",
        ),
        introduction=Text(
            "In Den Haag spraken bezoekers over veiligheid en steun van buitenaf.",
            "In The Hague, visitors discussed safety and support from abroad.",
        ),
        body=Text(
            "<p>Op een goed gevulde avond ging het over de vraag hoe mensen in "
            "Nederland kunnen helpen zonder de verdedigers ter plaatse in gevaar te "
            "brengen.</p><p>Het antwoord van de sprekers: luister eerst, en laat "
            "de keuzes aan wie het risico draagt.</p>",
            "<p>A full room talked about how people in the Netherlands can help "
            "without putting defenders on the ground in danger.</p><p>The speakers' "
            "answer: listen first, and leave the choices to those who carry the "
            "risk.</p>",
        ),
    ),
    "persvrijheid-onder-druk": NewsData(
        slug=Text("persvrijheid-onder-druk", "press-freedom-under-pressure"),
        date=datetime.date(2025, 5, 3),
        title=Text(
            "Persvrijheid onder druk: drie verhalen",
            "Press freedom under pressure: three stories",
        ),
        introduction=Text(
            "Op de Dag van de Persvrijheid vertellen drie oud-gasten over hun werk.",
            "On World Press Freedom Day, three former guests talk about their work.",
        ),
        body=Text(
            "<p>Hun landen verschillen, hun ervaringen lijken op elkaar: "
            "rechtszaken, hacks en lastercampagnes.</p><p>Alle drie werken ze "
            "door, vaak vanuit het buitenland.</p>",
            "<p>Their countries differ, their experiences are alike: lawsuits, "
            "hacked accounts and smear campaigns.</p><p>All three keep working, "
            "often from abroad.</p>",
        ),
    ),
    "verdedigers-van-land-en-water": NewsData(
        slug=Text("verdedigers-van-land-en-water", "defenders-of-land-and-water"),
        date=datetime.date(2025, 6, 20),
        title=Text("Verdedigers van land en water", "Defenders of land and water"),
        introduction=Text(
            "Wie opkomt voor het milieu, loopt steeds vaker gevaar.",
            "Standing up for the environment is ever more dangerous.",
        ),
        body=Text(
            "<p>Gasten uit Latijns-Amerika en Azië vertelden studenten in Nijmegen "
            "over mijnen, dammen en plantages, en over de gemeenschappen die daar "
            "het eerst onder lijden.</p>",
            "<p>Guests from Latin America and Asia told students in Nijmegen about "
            "mines, dams and plantations, and about the communities that suffer "
            "first.</p>",
        ),
    ),
    "nieuwe-gasten-voorjaar-2025": NewsData(
        slug=Text("nieuwe-gasten-voorjaar-2025", "new-guests-spring-2025"),
        date=datetime.date(2025, 3, 14),
        title=Text(
            "Nieuwe gasten in het voorjaar van 2025",
            "New guests in spring 2025",
        ),
        introduction=Text(
            "Een nieuwe groep verdedigers is aangekomen in de gaststeden.",
            "A new group of defenders has arrived in the host cities.",
        ),
        body=Text(
            "<p>Na een gezamenlijke introductieweek verhuizen de gasten naar hun "
            "stad. Wil je iemand ontmoeten? Kijk in de agenda van je gemeente.</p>",
            "<p>After a joint introduction week the guests move to their city. "
            "Want to meet someone? Check your municipality's calendar.</p>",
        ),
    ),
}

# Section headings used unless a profile overrides them; {name} and {country} are
# filled in (the country in the page's language).
DEFAULT_HEADINGS = {
    "about": Text("Over {name}", "About {name}"),
    "situation": Text("Mensenrechten in {country}", "Human rights in {country}"),
    "threats": Text("Bedreigingen", "Threats and harassment"),
}

PROFILES: dict[str, ProfileData] = {
    "alassane": ProfileData(
        slug="alassane",
        name="Alassane",
        country_code="ML",
        city="den-haag",
        themes=("lgbti",),
        year=2018,
        introduction=Text(
            "Alassane is een jonge mensenrechtenverdediger uit Mali. Als nationaal "
            "coördinator van een organisatie voor LHBTI-rechten komt hij op voor "
            "een land waarin iedereen meetelt.",
            "Alassane is a young human rights defender from Mali. As national "
            "coordinator of an LGBTI rights organisation he works for a country "
            "where everyone counts.",
        ),
        about=Text(
            "<p>De organisatie waar Alassane werkt, wil dat alle Malinezen "
            "geaccepteerd en gerespecteerd worden, wat hun seksuele oriëntatie, "
            "genderidentiteit of hiv-status ook is. Hij leidt het werk van alledag.</p>"
            "<p>Hij geeft trainingen over mensenrechten, veiligheid en leiderschap, "
            "maakt mensen bewust van hun rechten en staat LHBTI'ers bij wier rechten "
            "geschonden zijn. Ook zet hij zich in tegen aids.</p>",
            "<p>The organisation Alassane works for wants every Malian to be "
            "accepted and respected, whatever their sexual orientation, gender "
            "identity or HIV status. He runs its day-to-day work.</p>"
            "<p>He trains people in human rights, security and leadership, raises "
            "awareness and stands by LGBTI people whose rights have been violated. "
            "He also campaigns against AIDS.</p>",
        ),
        situation=Text(
            "<p>Voor LHBTI'ers in Mali is het leven juridisch en maatschappelijk "
            "zwaar. Sinds januari 2017 is het erger geworden, toen de groep LCHM "
            "(Fighting Against Homosexuality in Mali) opkwam. Die zet de bevolking "
            "op tegen LHBTI'ers en geeft homoseksualiteit de schuld van alle "
            "problemen in het land.</p>"
            "<p>Vernedering, scheldpartijen en geweld tegen LHBTI'ers nemen toe, en "
            "meer families zetten hun LHBTI-kinderen op straat. Het ministerie van "
            "Veiligheid en Justitie biedt geen bescherming, een wet die LHBTI'ers "
            "beschermt bestaat niet, en de maatschappelijke druk groeit.</p>",
            "<p>Life in Mali is hard for LGBTI people, in law and in society. It "
            "became worse from January 2017, when the group LCHM (Fighting Against "
            "Homosexuality in Mali) emerged. It turns the public against LGBTI "
            "people and blames homosexuality for all of the country's problems.</p>"
            "<p>Humiliation, verbal abuse and violence against LGBTI people are "
            "rising, and more families throw their LGBTI children out. The Ministry "
            "of Security and Justice offers no protection, no law protects LGBTI "
            "people, and the pressure from society keeps growing.</p>",
        ),
        threats=Text(
            "<p>Nu de schendingen toenemen, groeien ook angst en paniek in de "
            "LHBTI-gemeenschap. Alassane heeft het gevoel dat hij steeds minder kan "
            "veranderen, en hij werkt elke dag onder zware druk.</p>",
            "<p>As the abuses increase, so do fear and panic in the LGBTI "
            "community. Alassane feels ever less able to change things, and he "
            "works under heavy pressure every day.</p>",
        ),
        headings={
            "situation": Text(
                "Mensenrechtenschendingen in Mali", "Human rights violations in Mali"
            ),
        },
        colours=("#f28c28", "#0b4f6c", "#ffd27a"),
        colour_names=Text("oranje en blauw", "orange and blue"),
        related_news=("avond-lhbti-rechten-west-afrika", "wat-een-shelter-city-doet"),
    ),
    "aminata": ProfileData(
        slug="aminata",
        name="Aminata",
        country_code="ML",
        city="utrecht",
        themes=("womens-rights",),
        year=2023,
        introduction=Text(
            "Aminata helpt vrouwen in Mali die te maken krijgen met huiselijk "
            "geweld en gedwongen huwelijken.",
            "Aminata helps women in Mali who face domestic violence and forced "
            "marriage.",
        ),
        about=Text(
            "<p>Ze leidt een klein juridisch spreekuur en leidt vrijwilligers op "
            "die vrouwen naar de rechter begeleiden.</p>",
            "<p>She runs a small legal advice desk and trains volunteers who go to "
            "court with the women they support.</p>",
        ),
        situation=Text(
            "<p>Wetten die vrouwen beschermen worden slecht nageleefd, en wie "
            "aangifte doet, wordt vaak weggestuurd.</p>",
            "<p>Laws that protect women are poorly enforced, and women who report "
            "abuse are often sent away.</p>",
        ),
        threats=Text(
            "<p>Aminata wordt beschuldigd van het ondermijnen van tradities en "
            "krijgt dreigende berichten.</p>",
            "<p>Aminata is accused of undermining tradition and receives "
            "threatening messages.</p>",
        ),
        colours=("#7a3e9d", "#f6c445", "#f3e8fb"),
        colour_names=Text("paars en geel", "purple and yellow"),
        related_news=("wat-een-shelter-city-doet",),
    ),
    "joseph": ProfileData(
        slug="joseph",
        name="Joseph",
        country_code="UG",
        city="amsterdam",
        themes=("lgbti", "democracy"),
        year=2022,
        introduction=Text(
            "Joseph documenteert geweld tegen LHBTI'ers in Oeganda en brengt "
            "zaken naar internationale organisaties.",
            "Joseph documents violence against LGBTI people in Uganda and takes "
            "cases to international bodies.",
        ),
        about=Text(
            "<p>Met een team van onderzoekers verzamelt hij getuigenissen en "
            "bewijs, zorgvuldig en veilig bewaard.</p>",
            "<p>With a team of researchers he gathers testimony and evidence, "
            "kept carefully and safely.</p>",
        ),
        situation=Text(
            "<p>Strenge wetten maken LHBTI'ers en wie hen steunt strafbaar; "
            "arrestaties en afpersing komen vaak voor.</p>",
            "<p>Harsh laws criminalise LGBTI people and those who support them; "
            "arrests and extortion are common.</p>",
        ),
        threats=Text(
            "<p>Zijn kantoor werd doorzocht en hij werd gevolgd na een "
            "persconferentie.</p>",
            "<p>His office was raided and he was followed after a press "
            "conference.</p>",
        ),
        colours=("#1f7a5a", "#f28c28", "#dff3ea"),
        colour_names=Text("groen en oranje", "green and orange"),
        related_news=("avond-lhbti-rechten-west-afrika",),
    ),
    "marisol": ProfileData(
        slug="marisol",
        name="Marisol",
        country_code="CO",
        city="nijmegen",
        themes=("land-environment", "indigenous-rights"),
        year=2024,
        introduction=Text(
            "Marisol verdedigt de rivier en de bossen van haar gemeenschap tegen "
            "illegale mijnbouw in Colombia.",
            "Marisol defends her community's river and forests against illegal "
            "mining in Colombia.",
        ),
        about=Text(
            "<p>Ze meet de waterkwaliteit samen met jongeren uit het dorp en "
            "brengt de resultaten naar de autoriteiten.</p>",
            "<p>She measures the water quality with young people from the village "
            "and brings the results to the authorities.</p>",
        ),
        situation=Text(
            "<p>Colombia is een van de gevaarlijkste landen voor milieuactivisten; "
            "gewapende groepen verdienen aan de mijnen.</p>",
            "<p>Colombia is one of the most dangerous countries for environmental "
            "activists; armed groups profit from the mines.</p>",
        ),
        threats=Text(
            "<p>Na een demonstratie verschenen haar naam en foto op pamfletten "
            "met een doodsbedreiging.</p>",
            "<p>After a protest her name and photo appeared on leaflets carrying a "
            "death threat.</p>",
        ),
        colours=("#2e7d32", "#4fc3f7", "#e6f4e7"),
        colour_names=Text("groen en lichtblauw", "green and light blue"),
        related_news=("verdedigers-van-land-en-water",),
    ),
    "dawit": ProfileData(
        slug="dawit",
        name="Dawit",
        country_code="ET",
        city="groningen",
        themes=("press-freedom",),
        year=2021,
        introduction=Text(
            "Dawit is onderzoeksjournalist in Ethiopië en schrijft over corruptie "
            "en conflict.",
            "Dawit is an investigative journalist in Ethiopia who writes about "
            "corruption and conflict.",
        ),
        about=Text(
            "<p>Hij richtte een onafhankelijke nieuwssite op die verslag doet in "
            "drie talen.</p>",
            "<p>He founded an independent news site that reports in three "
            "languages.</p>",
        ),
        situation=Text(
            "<p>Tijdens conflicten wordt internet afgesloten en worden "
            "journalisten zonder aanklacht vastgezet.</p>",
            "<p>During conflicts the internet is shut down and journalists are "
            "detained without charge.</p>",
        ),
        threats=Text(
            "<p>Dawit zat twee maanden vast en zijn site wordt geregeld "
            "geblokkeerd.</p>",
            "<p>Dawit was held for two months and his site is blocked again and "
            "again.</p>",
        ),
        colours=("#c62828", "#263238", "#fde2e2"),
        colour_names=Text("rood en donkergrijs", "red and dark grey"),
        related_news=("persvrijheid-onder-druk",),
    ),
    "irina": ProfileData(
        slug="irina",
        name="Irina",
        country_code="RU",
        city="maastricht",
        themes=("press-freedom", "democracy"),
        year=2023,
        introduction=Text(
            "Irina leidt een netwerk van regionale journalisten dat verslag doet "
            "van verkiezingen en rechtszaken.",
            "Irina runs a network of regional journalists who report on elections "
            "and trials.",
        ),
        about=Text(
            "<p>Ze traint collega's in veilig werken en in het controleren van "
            "feiten.</p>",
            "<p>She trains colleagues in working safely and in checking facts.</p>",
        ),
        situation=Text(
            "<p>Onafhankelijke media worden als 'buitenlandse agent' bestempeld "
            "en moeten sluiten.</p>",
            "<p>Independent media are labelled 'foreign agents' and forced to "
            "close.</p>",
        ),
        threats=Text(
            "<p>Tegen Irina loopt een strafzaak; ze werkt nu grotendeels vanuit "
            "het buitenland.</p>",
            "<p>Irina faces criminal charges; she now works mostly from abroad.</p>",
        ),
        colours=("#1565c0", "#ffca28", "#e3f0fc"),
        colour_names=Text("blauw en geel", "blue and yellow"),
        related_news=("persvrijheid-onder-druk",),
    ),
    "tomas": ProfileData(
        slug="tomas",
        name="Tomás",
        country_code="GT",
        city="middelburg",
        themes=("indigenous-rights", "land-environment"),
        year=2022,
        introduction=Text(
            "Tomás is een Maya-leider uit Guatemala die opkomt voor het land van "
            "zijn gemeenschap.",
            "Tomás is a Maya leader from Guatemala who stands up for his "
            "community's land.",
        ),
        about=Text(
            "<p>Hij helpt dorpen om hun grondrechten vast te leggen en bij de "
            "rechter te verdedigen.</p>",
            "<p>He helps villages to record their land rights and defend them in "
            "court.</p>",
        ),
        situation=Text(
            "<p>Inheemse gemeenschappen worden van hun land gezet voor plantages "
            "en waterkrachtcentrales.</p>",
            "<p>Indigenous communities are evicted from their land for plantations "
            "and hydroelectric dams.</p>",
        ),
        threats=Text(
            "<p>Tomás is aangeklaagd voor 'landbezetting', een beschuldiging die "
            "vaker tegen leiders wordt gebruikt.</p>",
            "<p>Tomás has been charged with 'land occupation', an accusation often "
            "used against community leaders.</p>",
        ),
        colours=("#6d4c41", "#43a047", "#f1e7e2"),
        colour_names=Text("bruin en groen", "brown and green"),
        related_news=("verdedigers-van-land-en-water",),
    ),
    "grace": ProfileData(
        slug="grace",
        name="Grace",
        country_code="ZW",
        city="tilburg",
        themes=("democracy", "womens-rights"),
        year=2024,
        introduction=Text(
            "Grace leidt een burgerbeweging in Zimbabwe die vrouwen aanmoedigt "
            "om te stemmen en zich verkiesbaar te stellen.",
            "Grace leads a citizens' movement in Zimbabwe that encourages women "
            "to vote and to stand for office.",
        ),
        about=Text(
            "<p>Ze organiseert bijeenkomsten in dorpen en leert deelnemers hoe "
            "een verkiezing verloopt.</p>",
            "<p>She holds meetings in villages and teaches people how an election "
            "works.</p>",
        ),
        situation=Text(
            "<p>Bijeenkomsten van de oppositie worden verboden en waarnemers "
            "worden geïntimideerd.</p>",
            "<p>Opposition meetings are banned and election observers are "
            "intimidated.</p>",
        ),
        threats=Text(
            "<p>Grace werd twee keer kort opgepakt en haar familie wordt onder "
            "druk gezet.</p>",
            "<p>Grace was briefly arrested twice and her family is being "
            "pressured.</p>",
        ),
        colours=("#ad1457", "#00897b", "#fbe4ee"),
        colour_names=Text("roze en blauwgroen", "pink and teal"),
    ),
    "ayu": ProfileData(
        slug="ayu",
        name="Ayu",
        country_code="ID",
        city="den-haag",
        themes=("land-environment",),
        year=2024,
        introduction=Text(
            "Ayu brengt in kaart hoe palmolieplantages de bossen en dorpen van "
            "Indonesië veranderen.",
            "Ayu maps how palm oil plantations change the forests and villages of "
            "Indonesia.",
        ),
        about=Text(
            "<p>Met satellietbeelden en interviews maakt ze rapporten die "
            "bedrijven en banken aanspreken.</p>",
            "<p>Using satellite images and interviews she writes reports that "
            "hold companies and banks to account.</p>",
        ),
        situation=Text(
            "<p>Wie protesteert tegen ontbossing, krijgt te maken met "
            "rechtszaken en geweld van beveiligers.</p>",
            "<p>Those who protest against deforestation face lawsuits and "
            "violence from security guards.</p>",
        ),
        threats=Text(
            "<p>Een bedrijf heeft Ayu aangeklaagd wegens smaad, om haar "
            "onderzoek stil te leggen.</p>",
            "<p>A company has sued Ayu for defamation to stop her research.</p>",
        ),
        colours=("#00796b", "#ffb300", "#e0f2ef"),
        colour_names=Text("blauwgroen en goud", "teal and gold"),
        related_news=("verdedigers-van-land-en-water",),
    ),
    "esther": ProfileData(
        slug="esther",
        name="Esther",
        country_code="CM",
        city="amsterdam",
        themes=("lgbti", "womens-rights"),
        year=2025,
        introduction=Text(
            "Esther biedt in Kameroen juridische hulp aan lesbische en "
            "biseksuele vrouwen.",
            "Esther offers legal help to lesbian and bisexual women in Cameroon.",
        ),
        about=Text(
            "<p>Ze werkt samen met een klein netwerk van advocaten dat gratis "
            "bijstand verleent.</p>",
            "<p>She works with a small network of lawyers who help free of charge.</p>",
        ),
        situation=Text(
            "<p>Relaties tussen mensen van hetzelfde geslacht zijn strafbaar; "
            "vrouwen worden daarbij ook door hun familie bedreigd.</p>",
            "<p>Same-sex relationships are a crime; women are threatened by their "
            "own families as well.</p>",
        ),
        threats=Text(
            "<p>Na een radio-interview werd Esther op straat aangevallen.</p>",
            "<p>After a radio interview Esther was attacked in the street.</p>",
        ),
        colours=("#d84315", "#5e35b1", "#fde7de"),
        colour_names=Text("oranjerood en paars", "orange-red and purple"),
        related_news=("nieuwe-gasten-voorjaar-2025", "avond-lhbti-rechten-west-afrika"),
    ),
    "carlos": ProfileData(
        slug="carlos",
        name="Carlos",
        country_code="NI",
        city="san-jose",
        themes=("democracy", "press-freedom"),
        year=2025,
        introduction=Text(
            "Carlos is een Nicaraguaanse radiomaker die vanuit Costa Rica blijft "
            "uitzenden.",
            "Carlos is a Nicaraguan radio journalist who keeps broadcasting from "
            "Costa Rica.",
        ),
        about=Text(
            "<p>Zijn programma geeft luisteraars in Nicaragua nieuws dat ze "
            "elders niet horen.</p>",
            "<p>His programme gives listeners in Nicaragua news they hear nowhere "
            "else.</p>",
        ),
        situation=Text(
            "<p>Honderden organisaties zijn verboden en critici verliezen hun "
            "nationaliteit.</p>",
            "<p>Hundreds of organisations have been banned and critics are "
            "stripped of their nationality.</p>",
        ),
        threats=Text(
            "<p>Zijn zender werd in beslag genomen; hij kan niet naar huis terug.</p>",
            "<p>His station was seized; he cannot return home.</p>",
        ),
        colours=("#0277bd", "#e0e0e0", "#e1f1fb"),
        colour_names=Text("blauw en lichtgrijs", "blue and light grey"),
        related_news=("nieuwe-gasten-voorjaar-2025",),
    ),
    "leyla": ProfileData(
        slug="leyla",
        name="Leyla",
        country_code="AZ",
        city="tbilisi",
        themes=("press-freedom",),
        year=2023,
        introduction=Text(
            "Leyla is een blogger uit Azerbeidzjan die schrijft over politieke "
            "gevangenen.",
            "Leyla is a blogger from Azerbaijan who writes about political prisoners.",
        ),
        about=Text(
            "<p>Ze houdt een lijst bij van gevangenen en vertelt hun verhalen, "
            "met toestemming van hun families.</p>",
            "<p>She keeps a list of prisoners and tells their stories, with their "
            "families' consent.</p>",
        ),
        situation=Text(
            "<p>Journalisten en activisten belanden op verzonnen aanklachten in "
            "de cel.</p>",
            "<p>Journalists and activists are jailed on made-up charges.</p>",
        ),
        threats=Text(
            "<p>Haar accounts zijn gehackt en haar broer werd verhoord over haar "
            "werk.</p>",
            "<p>Her accounts were hacked and her brother was questioned about her "
            "work.</p>",
        ),
        colours=("#00838f", "#ef6c00", "#dff4f5"),
        colour_names=Text("blauwgroen en oranje", "teal and orange"),
        related_news=("persvrijheid-onder-druk",),
    ),
}


def country_codes() -> list[str]:
    """Every country the demo needs: those of the cities, then of the profiles."""
    codes = [city.country_code for city in CITIES.values()]
    codes += [profile.country_code for profile in PROFILES.values()]
    return list(dict.fromkeys(codes))


def profiles_matching(
    themes: set[str] | None = None, country_code: str | None = None
) -> set[str]:
    """Names of the demo profiles with any of ``themes`` and in ``country_code``."""
    return {
        profile.name
        for profile in PROFILES.values()
        if (not themes or themes & set(profile.themes))
        and (not country_code or profile.country_code == country_code)
    }


# French and Arabic, merged into the texts above -----------------------------------


def _with(text: Text, translations: tuple[str, str]) -> Text:
    return dataclasses.replace(
        text, **dict(zip(MORE_LANGUAGES, translations, strict=True))
    )


def _term_with(data, translations):
    (fr_name, fr_slug, fr_text), (ar_name, ar_slug, ar_text) = translations
    return dataclasses.replace(
        data,
        name=_with(data.name, (fr_name, ar_name)),
        slug=_with(data.slug, (fr_slug, ar_slug)),
        description=_with(data.description, (fr_text, ar_text)),
    )


for _key, _translations in more_languages.SITE.items():
    SITE[_key] = _with(SITE[_key], _translations)
for _key, _translations in more_languages.THEMES.items():
    THEMES[_key] = _term_with(THEMES[_key], _translations)
for _key, _translations in more_languages.CITIES.items():
    CITIES[_key] = _term_with(CITIES[_key], _translations)
for _key, _translations in more_languages.DEFAULT_HEADINGS.items():
    DEFAULT_HEADINGS[_key] = _with(DEFAULT_HEADINGS[_key], _translations)
for _key, _fields in more_languages.PROFILES.items():
    _profile = PROFILES[_key]
    _headings = {
        part: _with(_profile.headings.get(part, DEFAULT_HEADINGS[part]), value)
        for name, value in _fields.items()
        if name.startswith("heading:")
        for part in [name.removeprefix("heading:")]
    }
    PROFILES[_key] = dataclasses.replace(
        _profile,
        headings={**_profile.headings, **_headings},
        **{
            name: _with(getattr(_profile, name), value)
            for name, value in _fields.items()
            if not name.startswith("heading:")
        },
    )


# The histories of a few defenders (made up, like everything but Alassane's story).
HISTORIES: dict[str, dict] = {
    "joseph": {
        "status": "charged",
        "updates": (
            UpdateData(
                datetime.date(2023, 2, 14),
                Text("Kantoor doorzocht", "Office raided"),
                Text(
                    "<p>De politie nam computers en dossiers mee uit het kantoor "
                    "van Josephs organisatie.</p>",
                    "<p>Police took computers and files from the office of "
                    "Joseph's organisation.</p>",
                ),
                "threatened",
            ),
            UpdateData(
                datetime.date(2023, 9, 5),
                Text("Aangeklaagd wegens 'promotie'", "Charged with 'promotion'"),
                Text(
                    "<p>Joseph werd aangeklaagd op grond van de nieuwe wet. Hij is "
                    "op vrije voeten in afwachting van zijn proces.</p>",
                    "<p>Joseph was charged under the new law. He is free pending "
                    "trial.</p>",
                ),
                "charged",
            ),
            UpdateData(
                datetime.date(2023, 9, 20),
                Text("Contact met advocaat", "Contact with lawyer"),
                Text(
                    "<p>Alleen voor redacteuren: nieuwe advocaat, nog niet "
                    "bekendmaken.</p>",
                    "<p>Editors only: new lawyer, not to be published yet.</p>",
                ),
                public=False,
            ),
        ),
        "actions": (
            ActionData(
                Text(
                    "Vraag om intrekking van de aanklacht",
                    "Ask for the charges to be dropped",
                ),
                Text(
                    "<p>Schrijf beleefd en kort; noem geen details over zijn werk.</p>",
                    "<p>Write politely and briefly; mention no details of his work.</p>",
                ),
                Text("De minister van Justitie", "The Minister of Justice"),
                datetime.date(2030, 12, 31),
                "https://example.org/actions/joseph",
            ),
        ),
    },
    "dawit": {
        "status": "in-exile",
        "updates": (
            UpdateData(
                datetime.date(2021, 11, 2),
                Text("Gearresteerd na een artikel", "Arrested after an article"),
                Text(
                    "<p>Dawit werd opgepakt na een artikel over wapenhandel.</p>",
                    "<p>Dawit was arrested after an article about arms trading.</p>",
                ),
                "detained",
            ),
            UpdateData(
                datetime.date(2022, 1, 18),
                Text("Vrijgelaten op borgtocht", "Released on bail"),
                Text(
                    "<p>Na tien weken werd hij op borgtocht vrijgelaten.</p>",
                    "<p>After ten weeks he was released on bail.</p>",
                ),
                "released",
            ),
            UpdateData(
                datetime.date(2022, 6, 30),
                Text("Verder werken vanuit het buitenland", "Working on from abroad"),
                Text(
                    "<p>Dawit zet zijn nieuwssite voort vanuit het buitenland.</p>",
                    "<p>Dawit runs his news site from abroad.</p>",
                ),
                "in-exile",
            ),
        ),
        "actions": (
            ActionData(
                Text(
                    "Steun de vrijlating van zijn collega's",
                    "Support the release of his colleagues",
                ),
                Text(
                    "<p>Deze actie liep tot eind 2024.</p>",
                    "<p>This action ran until the end of 2024.</p>",
                ),
                Text("", ""),
                datetime.date(2024, 12, 31),
                "https://example.org/actions/dawit",
            ),
        ),
    },
    "irina": {
        "status": "returned-home",
        "updates": (
            UpdateData(
                datetime.date(2024, 3, 1),
                Text("Aangekomen in Nederland", "Arrived in the Netherlands"),
                Text(
                    "<p>Irina begon haar verblijf van drie maanden.</p>",
                    "<p>Irina began her three-month stay.</p>",
                ),
                "relocated",
            ),
            UpdateData(
                datetime.date(2024, 6, 1),
                Text("Terug naar huis", "Back home"),
                Text(
                    "<p>Irina is teruggekeerd en zet haar werk voort.</p>",
                    "<p>Irina has gone home and carries on her work.</p>",
                ),
                "returned-home",
            ),
        ),
    },
    "carlos": {
        "status": "threatened",
        "updates": (
            UpdateData(
                datetime.date(2025, 4, 12),
                Text("Nieuwe dreigementen", "New threats"),
                Text(
                    "<p>Carlos kreeg opnieuw dreigende berichten na een protest.</p>",
                    "<p>Carlos received threatening messages again after a protest.</p>",
                ),
                "threatened",
            ),
        ),
    },
}
for _key, _history in HISTORIES.items():
    PROFILES[_key] = dataclasses.replace(PROFILES[_key], **_history)


def profile_languages(profile: ProfileData) -> tuple[str, ...]:
    """The languages ``profile`` is translated into, after Dutch."""
    return ("en",) + tuple(
        language for language in MORE_LANGUAGES if profile.introduction.has(language)
    )
