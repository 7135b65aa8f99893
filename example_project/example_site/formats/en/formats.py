"""English dates as the site writes them: "12 September 2024", in the order the
Dutch, French, Spanish and Arabic pages use, not Django's "Sept. 12, 2024"."""

DATE_FORMAT = "j F Y"
