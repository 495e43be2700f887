"""Words that make a screening rule a political test beyond the programme's two declarations.

Why this list exists: Herzen serves exiles on exactly two political criteria (recognition of Russia's borders as
of 1 January 1992, and support for de-Stalinisation and de-imperialisation; ../shared/DOMAIN.md). It records no
party, faction or movement affiliation and takes no side between exile groups. A rule set is data that a
deployment can change without a code review, so the loader reads every key and string of it (fact names,
labels, literals, in Russian, English and the usual Latin transliteration of Russian) for these terms and
refuses the whole rule set, naming the term and where it is.

The list is data, not logic, so that a reviewer can extend it (a new exile group, a new spelling) without
touching the evaluator. It is deliberately broad — a false alarm costs an edit to a label; a political test
that slips through costs the programme its inclusiveness. Known Russian exile parties, groups and their
leaders' names are listed because "supporters of X" is exactly the test the programme must never make; the
list takes no view of any of them.

Each entry is (the term as shown in the error, a regular expression matched against the normalised text:
lower case, "ё" as "е", words split at "_", "-" and camelCase, joined by single spaces).
"""

from __future__ import annotations

# Phrases that contain a listed word but are not political: removed before matching.
HARMLESS_PHRASES: tuple[str, ...] = (
    r"third part(?:y|ies)",  # third-party evidence
    r"freedom of movement",
    r"restrictions? (?:on|of) movement",
    r"movement restrictions?",
)

POLITICAL_TERMS: tuple[tuple[str, str], ...] = (
    # Generic: party, faction, movement, and asking for a political opinion at all.
    ("party", r"part(?:y|ies)"),
    ("партия", r"парти(?:я|и|й|ю|ей|ям|ями|ях)|партийн\w*|беспартийн\w*"),
    ("partiya", r"partiy\w*|partii"),
    ("faction", r"faction\w*"),
    ("фракция", r"фракци\w*"),
    ("fraktsiya", r"fraktsi\w*"),
    ("movement", r"movements?"),
    ("движение", r"движени\w*"),
    ("dvizhenie", r"dvizheni\w*"),
    ("bloc", r"blocs?"),
    ("political opinion", r"politic(?:s|al) (?:opinion|view|belief|position|orientation|affiliation)s?"),
    ("политические взгляды", r"политическ\w* (?:взгляд|убежден|мнени|позици|ориентаци|принадлежн)\w*"),
    ("affiliation", r"affiliat\w*"),
    ("аффилированность", r"аффилир\w*|аффилиац\w*"),
    ("ideology", r"ideolog\w*"),
    ("идеология", r"идеолог\w*"),
    ("supporter", r"supporters?"),
    ("сторонник", r"сторонни\w*"),
    ("opposition", r"opposition\w*"),
    ("оппозиция", r"оппозици\w*"),
    # Ideologies.
    ("communist", r"communis[mt]\w*"),
    ("коммунист", r"коммунис\w*"),
    ("socialist", r"socialis[mt]\w*"),
    ("социалист", r"социалис\w*"),
    ("liberal", r"liberal\w*"),
    ("либерал", r"либерал\w*"),
    ("libertarian", r"libertarian\w*"),
    ("либертарианец", r"либертариан\w*"),
    ("nationalist", r"nationalis[mt]\w*"),
    ("националист", r"националис\w*"),
    ("monarchist", r"monarchis[mt]\w*"),
    ("монархист", r"монархис\w*"),
    ("anarchist", r"anarchis[mt]\w*"),
    ("анархист", r"анархис\w*"),
    # Russian exile and opposition parties, groups and their leaders (names in both scripts).
    ("Yabloko", r"yabloko"),
    ("Яблоко", r"яблоко"),
    ("PARNAS", r"parnas"),
    ("ПАРНАС", r"парнас"),
    ("Anti-Corruption Foundation", r"fbk|anti corruption foundation"),
    ("ФБК", r"фбк|фонд\w* борьбы с коррупцией"),
    ("Navalny", r"navaln\w*"),
    ("Навальный", r"навальн\w*"),
    ("Open Russia", r"open russia"),
    ("Открытая Россия", r"открыт\w* росси\w*"),
    ("Khodorkovsky", r"khodorkovsk\w*"),
    ("Ходорковский", r"ходорковск\w*"),
    ("Free Russia Forum", r"free russia forum"),
    ("Форум свободной России", r"форум\w* свободной росси\w*"),
    ("Kasparov", r"kasparov\w*"),
    ("Каспаров", r"каспаров\w*"),
    ("Russian Action Committee", r"russian action committee"),
    ("Российский комитет действия", r"комитет\w* действи\w*"),
    ("Anti-War Committee", r"anti war committee"),
    ("Антивоенный комитет", r"антивоенн\w* комитет\w*"),
    ("Congress of People's Deputies", r"congress of people ?s deputies"),
    ("Съезд народных депутатов", r"съезд\w* народных депутатов"),
    ("Ponomarev", r"ponomar[eyi]ov\w*|ponomarev\w*"),
    ("Пономарёв", r"пономарев\w*"),
    ("Freedom of Russia Legion", r"freedom of russia|legion"),
    ("Свобода России", r"свобод\w* росси\w*|легион\w*"),
    ("Russian Volunteer Corps", r"russian volunteer corps|rdk"),
    ("РДК", r"рдк|русск\w* добровольческ\w* корпус\w*"),
    # Not the abbreviations FAS / ФАС: "фото в фас" (a photo facing forward) belongs in a document checklist.
    ("Feminist Anti-War Resistance", r"feminist anti war resistance"),
    ("Феминистское антивоенное сопротивление", r"феминистск\w* антивоенн\w* сопротивлени\w*"),
    ("Vesna", r"vesna"),
    ("Весна", r"весна"),
    ("Katz", r"katz"),
    ("Кац", r"кац"),
    ("Russia of the Future", r"russia of the future"),
    ("Россия будущего", r"росси\w* будущего"),
)
