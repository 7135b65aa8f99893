"""The demo's French and Arabic: the site's pages, every term and a few profiles.

Plain data like :mod:`home.demo.content`, which merges it into its ``Text``
values (``Text.fr``, ``Text.ar``). Arabic is there so that a visitor sees a
profile read from right to left. Country names come from django-countries.
"""

from __future__ import annotations

#: The languages of this module, after Dutch (the source) and English.
LANGUAGES = ("fr", "ar")

SITE = {
    "home_title": ("Shelter City", "شلتر سيتي"),
    "home_introduction": (
        "<p>Shelter City offre aux défenseurs des droits humains en danger trois "
        "mois de répit dans une ville néerlandaise. Ils reprennent des forces, se "
        "forment et racontent ici leur histoire.</p>",
        "<p>يمنح برنامج شلتر سيتي المدافعين عن حقوق الإنسان المعرّضين للخطر ثلاثة "
        "أشهر من الراحة في مدينة هولندية. يستعيدون فيها قواهم ويتدرّبون ويروون "
        "قصصهم هنا.</p>",
    ),
    "index_title": ("Défenseurs des droits humains", "المدافعون عن حقوق الإنسان"),
    "index_slug": ("defenseurs", "almudafieun"),
    "index_introduction": (
        "<p>Ces défenseurs ont été accueillis dans une Shelter City. Cherchez par "
        "thème, pays, ville ou année.</p>",
        "<p>استضافت مدن شلتر سيتي هؤلاء المدافعين. ابحث حسب الموضوع أو البلد أو "
        "المدينة أو السنة.</p>",
    ),
    "news_title": ("Actualités", "الأخبار"),
    "news_slug": ("actualites", "akhbar"),
    "news_introduction": (
        "<p>Des nouvelles des défenseurs et du programme.</p>",
        "<p>أخبار عن المدافعين وعن البرنامج.</p>",
    ),
}

# key: ((French name, slug, description), (Arabic name, slug, description))
THEMES = {
    "lgbti": (
        (
            "LGBTI",
            "lgbti",
            "Égalité des droits et sécurité pour les personnes lesbiennes, gays, "
            "bisexuelles, trans et intersexes.",
        ),
        (
            "حقوق مجتمع الميم",
            "mujtama-almim",
            "المساواة في الحقوق والأمان للمثليات والمثليين ومزدوجي الميل الجنسي "
            "والعابرين وثنائيي الجنس.",
        ),
    ),
    "press-freedom": (
        (
            "Liberté de la presse",
            "liberte-de-la-presse",
            "Des journalistes et blogueurs qui veulent informer librement.",
        ),
        (
            "حرية الصحافة",
            "hurriyat-alsahafa",
            "صحفيون ومدوّنون يريدون أن ينقلوا الأخبار بحرية.",
        ),
    ),
    "land-environment": (
        (
            "Terre et environnement",
            "terre-et-environnement",
            "Défendre la terre, l'eau, les forêts et celles et ceux qui en vivent.",
        ),
        (
            "الأرض والبيئة",
            "alard-walbia",
            "الدفاع عن الأرض والماء والغابات وعن الناس الذين يعيشون منها.",
        ),
    ),
    "womens-rights": (
        (
            "Droits des femmes",
            "droits-des-femmes",
            "L'égalité et la protection contre la violence pour les femmes et les "
            "filles.",
        ),
        (
            "حقوق المرأة",
            "huquq-almara",
            "المساواة والحماية من العنف للنساء والفتيات.",
        ),
    ),
    "indigenous-rights": (
        (
            "Droits des peuples autochtones",
            "droits-des-peuples-autochtones",
            "Autodétermination, langue et territoire des communautés autochtones.",
        ),
        (
            "حقوق الشعوب الأصلية",
            "huquq-alshuub-alasliya",
            "حق تقرير المصير واللغة والأرض للمجتمعات الأصلية.",
        ),
    ),
    "democracy": (
        (
            "Démocratie et État de droit",
            "democratie-et-etat-de-droit",
            "Des élections libres, des juges indépendants et une place pour la "
            "critique.",
        ),
        (
            "الديمقراطية وسيادة القانون",
            "aldimuqratiya-wasiyadat-alqanun",
            "انتخابات نزيهة وقضاة مستقلون ومساحة للنقد.",
        ),
    ),
}

CITIES = {
    "amsterdam": (
        ("Amsterdam", "amsterdam", "Ville d'accueil en Hollande-Septentrionale."),
        ("أمستردام", "amsterdam", "مدينة مضيفة في شمال هولندا."),
    ),
    "den-haag": (
        ("La Haye", "la-haye", "Ville d'accueil, ville de la paix et de la justice."),
        ("لاهاي", "lahay", "مدينة مضيفة، ومدينة السلام والعدالة."),
    ),
    "groningen": (
        ("Groningue", "groningue", "Ville d'accueil dans le nord."),
        ("خرونينغن", "groningen", "مدينة مضيفة في الشمال."),
    ),
    "maastricht": (
        ("Maastricht", "maastricht", "Ville d'accueil dans le Limbourg."),
        ("ماستريخت", "maastricht", "مدينة مضيفة في ليمبورغ."),
    ),
    "middelburg": (
        ("Middelbourg", "middelbourg", "Ville d'accueil en Zélande."),
        ("ميدلبورغ", "middelburg", "مدينة مضيفة في زيلاند."),
    ),
    "nijmegen": (
        ("Nimègue", "nimegue", "Ville d'accueil dans la Gueldre."),
        ("نيميغن", "nijmegen", "مدينة مضيفة في خيلدرلاند."),
    ),
    "tilburg": (
        ("Tilbourg", "tilbourg", "Ville d'accueil dans le Brabant."),
        ("تيلبورغ", "tilburg", "مدينة مضيفة في برابانت."),
    ),
    "utrecht": (
        ("Utrecht", "utrecht", "Ville d'accueil au centre du pays."),
        ("أوتريخت", "utrecht", "مدينة مضيفة في وسط البلاد."),
    ),
    "tbilisi": (
        ("Tbilissi", "tbilissi", "Ville partenaire en Géorgie."),
        ("تبليسي", "tbilisi", "مدينة شريكة في جورجيا."),
    ),
    "san-jose": (
        ("San José", "san-jose", "Ville partenaire au Costa Rica."),
        ("سان خوسيه", "san-jose", "مدينة شريكة في كوستاريكا."),
    ),
}

DEFAULT_HEADINGS = {
    "about": ("Qui est {name} ?", "نبذة عن {name}"),
    "situation": ("Les droits humains en {country}", "حقوق الإنسان في {country}"),
    "threats": ("Menaces et harcèlement", "التهديدات والمضايقات"),
}

# The profiles translated into French and Arabic: field → (French, Arabic).
PROFILES = {
    "alassane": {
        "introduction": (
            "Alassane est un jeune défenseur des droits humains malien. "
            "Coordinateur national d'une organisation de défense des droits des "
            "personnes LGBTI, il se bat pour un pays où chacun compte.",
            "علسان مدافع شاب عن حقوق الإنسان من مالي. بصفته منسّقًا وطنيًا لمنظمة "
            "تدافع عن حقوق مجتمع الميم، يعمل من أجل بلد يُحسب فيه حساب الجميع.",
        ),
        "about": (
            "<p>L'organisation pour laquelle travaille Alassane veut que chaque "
            "Malien soit accepté et respecté, quels que soient son orientation "
            "sexuelle, son identité de genre ou son statut sérologique. Il en "
            "dirige le travail quotidien.</p>"
            "<p>Il forme aux droits humains, à la sécurité et au leadership, "
            "sensibilise et soutient les personnes LGBTI dont les droits ont été "
            "violés. Il lutte aussi contre le sida.</p>",
            "<p>تريد المنظمة التي يعمل فيها علسان أن يُقبل كل مالي ويُحترم، أيًّا "
            "كان ميله الجنسي أو هويته الجندرية أو وضعه من فيروس نقص المناعة. وهو "
            "يدير عملها اليومي.</p>"
            "<p>يدرّب الناس على حقوق الإنسان والأمان والقيادة، وينشر الوعي، ويقف "
            "إلى جانب أفراد مجتمع الميم الذين انتُهكت حقوقهم. ويناضل أيضًا ضد "
            "الإيدز.</p>",
        ),
        "situation": (
            "<p>Au Mali, la vie des personnes LGBTI est dure, en droit comme dans "
            "la société. Elle s'est aggravée depuis janvier 2017 avec l'apparition "
            "du groupe LCHM, qui monte la population contre elles.</p>"
            "<p>Humiliations, insultes et violences augmentent, et des familles "
            "chassent leurs enfants LGBTI. Aucune loi ne les protège.</p>",
            "<p>الحياة في مالي قاسية على أفراد مجتمع الميم، في القانون وفي "
            "المجتمع. وقد ازدادت سوءًا منذ يناير 2017 مع ظهور جماعة LCHM التي "
            "تحرّض الناس عليهم.</p>"
            "<p>تتزايد الإهانات والشتائم والعنف، وتطرد عائلات أبناءها من مجتمع "
            "الميم. ولا يحميهم أي قانون.</p>",
        ),
        "threats": (
            "<p>À mesure que les violations augmentent, la peur grandit dans la "
            "communauté. Alassane travaille chaque jour sous une forte pression.</p>",
            "<p>كلما ازدادت الانتهاكات ازداد الخوف في المجتمع. يعمل علسان كل يوم "
            "تحت ضغط شديد.</p>",
        ),
        "heading:situation": (
            "Violations des droits humains au Mali",
            "انتهاكات حقوق الإنسان في مالي",
        ),
        "colour_names": ("orange et bleu", "البرتقالي والأزرق"),
    },
    "aminata": {
        "introduction": (
            "Aminata aide les femmes maliennes confrontées aux violences "
            "domestiques et aux mariages forcés.",
            "تساعد أميناتا النساء في مالي اللواتي يواجهن العنف الأسري والزواج القسري.",
        ),
        "about": (
            "<p>Elle tient une petite permanence juridique et forme des bénévoles "
            "qui accompagnent les femmes au tribunal.</p>",
            "<p>تدير مكتبًا صغيرًا للاستشارات القانونية وتدرّب متطوعين يرافقون "
            "النساء إلى المحكمة.</p>",
        ),
        "situation": (
            "<p>Les lois qui protègent les femmes sont mal appliquées, et celles "
            "qui portent plainte sont souvent renvoyées chez elles.</p>",
            "<p>القوانين التي تحمي النساء لا تُطبَّق جيدًا، وكثيرًا ما تُصرف "
            "النساء اللواتي يتقدّمن بشكوى.</p>",
        ),
        "threats": (
            "<p>Aminata est accusée de saper les traditions et reçoit des messages "
            "menaçants.</p>",
            "<p>تُتّهم أميناتا بتقويض التقاليد وتتلقّى رسائل تهديد.</p>",
        ),
        "colour_names": ("violet et jaune", "البنفسجي والأصفر"),
    },
}
