"""Flag messages per kind, ru and kk (fields: number, act_date, since, lower, upper, until, unit, name)."""

MESSAGES = {
    "flag.superseded": {
        "ru": "с {since} этот фрагмент действует в редакции приказа № {number} от {act_date}; этого текста в корпусе нет",
        "kk": "{since} бастап бұл бөлік {act_date} № {number} бұйрықтың редакциясында; ол мәтін корпуста жоқ",
    },
    "flag.pending": {
        "ru": "объявлена новая редакция (приказ № {number} от {act_date}), вступает в силу с {since}; до этого действует показанный текст; нового текста в корпусе нет",
        "kk": "жаңа редакция жарияланған ({act_date} № {number} бұйрық), {since} бастап қолданысқа енгізіледі; оған дейін көрсетілген мәтін қолданылады; жаңа мәтін корпуста жоқ",
    },
}
