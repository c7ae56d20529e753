"""Names of units in readable unit names (api/web/units.py): ``{n}`` is the unit's number."""

MESSAGES = {
    "unit.part": {"ru": "разд. {n}", "kk": "{n}-бөлім"},
    "unit.chp": {"ru": "гл. {n}", "kk": "{n}-тарау"},
    "unit.para": {"ru": "§ {n}", "kk": "{n}-параграф"},
    "unit.art": {"ru": "ст. {n}", "kk": "{n}-бап"},
    "unit.point": {"ru": "п. {n}", "kk": "{n}-тармақ"},
    "unit.subpoint": {"ru": "пп. {n})", "kk": "{n}) тармақша"},
    "unit.al": {"ru": "абз. {n}", "kk": "{n}-абзац"},
    "unit.att": {"ru": "прил. {n}", "kk": "{n}-қосымша"},
    "unit.annex": {"ru": "прил. {n}", "kk": "{n}-қосымша"},
    "unit.annex.bare": {"ru": "Приложение", "kk": "Қосымша"},
    "unit.table": {"ru": "табл. {n}", "kk": "{n}-кесте"},
    "unit.row": {"ru": "стр. {n}", "kk": "{n}-жол"},
    "unit.cell": {"ru": "гр. {n}", "kk": "{n}-баған"},
    "unit.form": {"ru": "форма {n}", "kk": "{n}-нысан"},
    "unit.preamble": {"ru": "преамбула", "kk": "кіріспе"},
    "unit.title": {"ru": "заголовок", "kk": "тақырып"},
    "unit.body": {"ru": "текст приказа", "kk": "бұйрық мәтіні"},
    "unit.act": {"ru": "акт в целом", "kk": "акт тұтасымен"},
}
