"""The words generated records are written with, in English, French and Portuguese: SSR
vocabulary (DOMAIN.md), so that searches behave as they do on real records. Events' and
mandates' texts are here, lessons' in lesson_words.py.

Templates only put articles where no contraction can follow ("sur la", "sobre a", never "de le"
or "em o").
"""

# Thematic area code (workshops/data/thematic_areas.csv) -> the topic in each language.
TOPICS = {
    "ssr-policy-strategy": {
        "en": [
            "security sector reform",
            "the national security policy",
            "security sector governance",
        ],
        "fr": [
            "la réforme du secteur de la sécurité",
            "la politique nationale de sécurité",
            "la gouvernance du secteur de la sécurité",
        ],
        "pt": [
            "a reforma do sector de segurança",
            "a política nacional de segurança",
            "a governação do sector de segurança",
        ],
    },
    "defence-reform": {
        "en": ["defence reform", "the review of the defence white paper"],
        "fr": ["la réforme de la défense", "la révision du livre blanc de la défense"],
        "pt": ["a reforma da defesa", "a revisão do livro branco da defesa"],
    },
    "police-reform": {
        "en": ["police reform", "community policing"],
        "fr": ["la réforme de la police", "la police de proximité"],
        "pt": ["a reforma da polícia", "o policiamento de proximidade"],
    },
    "justice-reform": {
        "en": ["justice reform", "access to justice"],
        "fr": ["la réforme de la justice", "l'accès à la justice"],
        "pt": ["a reforma da justiça", "o acesso à justiça"],
    },
    "corrections": {
        "en": ["the reform of prisons"],
        "fr": ["la réforme pénitentiaire"],
        "pt": ["a reforma do sistema prisional"],
    },
    "border-management": {
        "en": ["border management", "cross-border cooperation"],
        "fr": ["la gestion des frontières", "la coopération transfrontalière"],
        "pt": ["a gestão das fronteiras", "a cooperação transfronteiriça"],
    },
    "intelligence-oversight": {
        "en": ["the oversight of intelligence services"],
        "fr": ["le contrôle des services de renseignement"],
        "pt": ["a supervisão dos serviços de informações"],
    },
    "parliamentary-oversight": {
        "en": ["parliamentary oversight of the security sector"],
        "fr": ["le contrôle parlementaire du secteur de la sécurité"],
        "pt": ["o controlo parlamentar do sector de segurança"],
    },
    "civil-society-oversight": {
        "en": ["civil society oversight of security institutions"],
        "fr": ["le contrôle citoyen des institutions de sécurité"],
        "pt": ["a supervisão civil das instituições de segurança"],
    },
    "gender": {
        "en": ["women's participation in the security sector", "gender and security"],
        "fr": ["la participation des femmes au secteur de la sécurité", "le genre et la sécurité"],
        "pt": ["a participação das mulheres no sector de segurança", "o género e a segurança"],
    },
    "youth": {
        "en": ["youth, peace and security"],
        "fr": ["la jeunesse, la paix et la sécurité"],
        "pt": ["a juventude, a paz e a segurança"],
    },
    "ddr": {
        "en": ["disarmament, demobilisation and reintegration"],
        "fr": ["le désarmement, la démobilisation et la réinsertion"],
        "pt": ["o desarmamento, a desmobilização e a reintegração"],
    },
    "salw": {
        "en": ["small arms and light weapons control"],
        "fr": ["la lutte contre les armes légères et de petit calibre"],
        "pt": ["o controlo das armas ligeiras e de pequeno calibre"],
    },
    "organised-crime-trafficking": {
        "en": ["transnational organised crime", "the fight against trafficking"],
        "fr": ["la criminalité transnationale organisée", "la lutte contre les trafics"],
        "pt": ["o crime organizado transnacional", "a luta contra o tráfico"],
    },
    "maritime-security": {
        "en": ["maritime security"],
        "fr": ["la sécurité maritime"],
        "pt": ["a segurança marítima"],
    },
    "labour-migration": {
        "en": ["labour migration governance"],
        "fr": ["la gouvernance des migrations de main-d'œuvre"],
        "pt": ["a governação das migrações laborais"],
    },
    "financial-management": {
        "en": ["the financial management of the security sector"],
        "fr": ["la gestion financière du secteur de la sécurité"],
        "pt": ["a gestão financeira do sector de segurança"],
    },
    "human-rights": {
        "en": ["human rights in security operations"],
        "fr": ["les droits humains dans les opérations de sécurité"],
        "pt": ["os direitos humanos nas operações de segurança"],
    },
}

# Who acts: subjects and objects of sentences (with their article where the language has one).
ACTORS = {
    "en": [
        "the ministry of defence",
        "the national police",
        "the gendarmerie",
        "the armed forces",
        "border agencies",
        "customs",
        "the ministry of justice",
        "the prison administration",
        "the defence and security committee of parliament",
        "the national security council",
        "civil society organisations",
        "women's associations",
        "youth networks",
        "traditional and religious leaders",
        "the national human rights commission",
        "the media",
        "the REC secretariat",
        "the AU Commission",
        "development partners",
        "the ministry of finance",
        "the ombudsman",
        "local authorities",
        "private security companies",
    ],
    "fr": [
        "le ministère de la Défense",
        "la police nationale",
        "la gendarmerie",
        "les forces armées",
        "les services des douanes",
        "la police des frontières",
        "le ministère de la Justice",
        "l'administration pénitentiaire",
        "la commission défense et sécurité de l'Assemblée",
        "le conseil national de sécurité",
        "les organisations de la société civile",
        "les associations de femmes",
        "les réseaux de jeunes",
        "les autorités traditionnelles et religieuses",
        "la commission nationale des droits de l'homme",
        "les médias",
        "le secrétariat de la CER",
        "la Commission de l'UA",
        "les partenaires techniques et financiers",
        "le ministère des Finances",
        "le médiateur de la République",
        "les collectivités locales",
        "les sociétés de sécurité privées",
    ],
    "pt": [
        "o ministério da Defesa",
        "a polícia nacional",
        "a guarda nacional",
        "as forças armadas",
        "os serviços de fronteiras",
        "as alfândegas",
        "o ministério da Justiça",
        "os serviços prisionais",
        "a comissão de defesa e segurança da Assembleia",
        "o conselho nacional de segurança",
        "as organizações da sociedade civil",
        "as associações de mulheres",
        "as redes de jovens",
        "as autoridades tradicionais e religiosas",
        "a comissão nacional dos direitos humanos",
        "a comunicação social",
        "o secretariado da CER",
        "a Comissão da UA",
        "os parceiros de desenvolvimento",
        "o ministério das Finanças",
        "o provedor de justiça",
        "as autoridades locais",
        "as empresas de segurança privada",
    ],
}

AUDIENCES = {
    "en": [
        "representatives of the RECs and RMs",
        "national security actors",
        "members of parliament",
        "civil society organisations",
        "senior officials of the AU Commission",
        "police and gendarmerie officers",
        "defence and security forces",
        "development partners",
        "women leaders",
        "journalists",
    ],
    "fr": [
        "les représentants des CER et des MR",
        "les acteurs nationaux de la sécurité",
        "les parlementaires",
        "les organisations de la société civile",
        "les hauts responsables de la Commission de l'UA",
        "les officiers de police et de gendarmerie",
        "les forces de défense et de sécurité",
        "les partenaires techniques et financiers",
        "les femmes leaders",
        "les journalistes",
    ],
    "pt": [
        "os representantes das CER e dos MR",
        "os atores nacionais da segurança",
        "os deputados",
        "as organizações da sociedade civil",
        "os altos responsáveis da Comissão da UA",
        "os oficiais de polícia",
        "as forças de defesa e segurança",
        "os parceiros de desenvolvimento",
        "as mulheres líderes",
        "os jornalistas",
    ],
}

# Event kind -> (title noun, definite, "the next", indefinite) per language; French gender for
# the scope adjective; days it lasts (shortest, longest); weight among events.
KINDS = {
    "workshop": {
        "en": ("Workshop", "the workshop", "the next workshop", "a workshop"),
        "fr": ("Atelier", "l'atelier", "le prochain atelier", "un atelier"),
        "pt": ("Workshop", "o workshop", "o próximo workshop", "um workshop"),
        "gender": "m",
        "days": (1, 3),
        "weight": 30,
        "scope": True,
    },
    "high_level_meeting": {
        "en": (
            "High-level meeting",
            "the high-level meeting",
            "the next high-level meeting",
            "a high-level meeting",
        ),
        "fr": (
            "Réunion de haut niveau",
            "la réunion de haut niveau",
            "la prochaine réunion de haut niveau",
            "une réunion de haut niveau",
        ),
        "pt": (
            "Reunião de alto nível",
            "a reunião de alto nível",
            "a próxima reunião de alto nível",
            "uma reunião de alto nível",
        ),
        "gender": "f",
        "days": (1, 2),
        "weight": 8,
        "scope": False,
    },
    "seminar": {
        "en": ("Seminar", "the seminar", "the next seminar", "a seminar"),
        "fr": ("Séminaire", "le séminaire", "le prochain séminaire", "un séminaire"),
        "pt": ("Seminário", "o seminário", "o próximo seminário", "um seminário"),
        "gender": "m",
        "days": (1, 3),
        "weight": 12,
        "scope": True,
    },
    "training": {
        "en": ("Training", "the training", "the next training", "a training course"),
        "fr": ("Formation", "la formation", "la prochaine formation", "une formation"),
        "pt": ("Formação", "a formação", "a próxima formação", "uma formação"),
        "gender": "f",
        "days": (3, 10),
        "weight": 15,
        "scope": True,
    },
    "joint_assessment_mission": {
        "en": (
            "Joint assessment mission",
            "the joint assessment mission",
            "the next joint assessment mission",
            "a joint assessment mission",
        ),
        "fr": (
            "Mission conjointe d'évaluation",
            "la mission conjointe d'évaluation",
            "la prochaine mission conjointe d'évaluation",
            "une mission conjointe d'évaluation",
        ),
        "pt": (
            "Missão conjunta de avaliação",
            "a missão conjunta de avaliação",
            "a próxima missão conjunta de avaliação",
            "uma missão conjunta de avaliação",
        ),
        "gender": "f",
        "days": (5, 17),
        "weight": 5,
        "scope": False,
    },
    "steering_committee": {
        "en": (
            "Steering committee meeting",
            "the steering committee",
            "the next steering committee",
            "a steering committee meeting",
        ),
        "fr": (
            "Réunion du comité de pilotage",
            "le comité de pilotage",
            "le prochain comité de pilotage",
            "une réunion du comité de pilotage",
        ),
        "pt": (
            "Reunião do comité de pilotagem",
            "o comité de pilotagem",
            "o próximo comité de pilotagem",
            "uma reunião do comité de pilotagem",
        ),
        "gender": "m",
        "days": (1, 1),
        "weight": 8,
        "scope": False,
    },
    "validation_meeting": {
        "en": (
            "Validation meeting",
            "the validation meeting",
            "the next validation meeting",
            "a validation meeting",
        ),
        "fr": (
            "Réunion de validation",
            "la réunion de validation",
            "la prochaine réunion de validation",
            "une réunion de validation",
        ),
        "pt": (
            "Reunião de validação",
            "a reunião de validação",
            "a próxima reunião de validação",
            "uma reunião de validação",
        ),
        "gender": "f",
        "days": (1, 2),
        "weight": 8,
        "scope": False,
    },
    "conference": {
        "en": ("Conference", "the conference", "the next conference", "a conference"),
        "fr": ("Conférence", "la conférence", "la prochaine conférence", "une conférence"),
        "pt": ("Conferência", "a conferência", "a próxima conferência", "uma conferência"),
        "gender": "f",
        "days": (2, 3),
        "weight": 5,
        "scope": True,
    },
    "forum": {
        "en": ("Forum", "the forum", "the next forum", "a forum"),
        "fr": ("Forum", "le forum", "le prochain forum", "un forum"),
        "pt": ("Fórum", "o fórum", "o próximo fórum", "um fórum"),
        "gender": "m",
        "days": (2, 3),
        "weight": 3,
        "scope": True,
    },
    "assessment_mission": {
        "en": (
            "Assessment mission",
            "the assessment mission",
            "the next assessment mission",
            "an assessment mission",
        ),
        "fr": (
            "Mission d'évaluation",
            "la mission d'évaluation",
            "la prochaine mission d'évaluation",
            "une mission d'évaluation",
        ),
        "pt": (
            "Missão de avaliação",
            "a missão de avaliação",
            "a próxima missão de avaliação",
            "uma missão de avaliação",
        ),
        "gender": "f",
        "days": (3, 10),
        "weight": 4,
        "scope": False,
    },
    "press_conference": {
        "en": (
            "Press conference",
            "the press conference",
            "the next press conference",
            "a press conference",
        ),
        "fr": (
            "Conférence de presse",
            "la conférence de presse",
            "la prochaine conférence de presse",
            "une conférence de presse",
        ),
        "pt": (
            "Conferência de imprensa",
            "a conferência de imprensa",
            "a próxima conferência de imprensa",
            "uma conferência de imprensa",
        ),
        "gender": "f",
        "days": (1, 1),
        "weight": 2,
        "scope": False,
    },
}

SCOPES = {
    "en": ["Regional", "National", "Continental", "Sub-regional"],
    "fr": {
        "m": ["régional", "national", "continental", "sous-régional"],
        "f": ["régionale", "nationale", "continentale", "sous-régionale"],
    },
    "pt": ["regional", "nacional", "continental", "sub-regional"],
}

# {Kind} the title noun, {kind} it in lower case, {scope}, {topic}, {country_in}, {audience},
# {org}: an organiser's acronym. {year} is added as a session suffix now and then.
EVENT_TITLES = {
    "en": [
        "{Kind} on {topic}",
        "{Scope} {kind} on {topic}",
        "{Kind} on {topic} {country_in}",
        "{Kind} on {topic} for {audience}",
        "{org} {kind} on {topic}",
        "{Scope} {kind} on {topic} {country_in}",
    ],
    "fr": [
        "{Kind} sur {topic}",
        "{Kind} {scope} sur {topic}",
        "{Kind} sur {topic} {country_in}",
        "{Kind} sur {topic} pour {audience}",
        "{Kind} {scope} sur {topic} {country_in}",
    ],
    "pt": [
        "{Kind} sobre {topic}",
        "{Kind} {scope} sobre {topic}",
        "{Kind} sobre {topic} {country_in}",
        "{Kind} sobre {topic} para {audience}",
        "{Kind} {scope} sobre {topic} {country_in}",
    ],
}
SESSION = {"en": " – {year} session", "fr": " – session {year}", "pt": " – sessão de {year}"}

SUMMARIES = {
    "en": [
        "{Kind_def} brought together {audience} to discuss {topic} {country_in}.",
        "{Kind_def} reviewed progress on {topic} and agreed on the next steps with {actor}.",
        "Organised at the request of {actor}, {kind_def} examined {topic} and the support "
        "that partners can give.",
    ],
    "fr": [
        "{Kind_def} a réuni {audience} pour examiner {topic} {country_in}.",
        "{Kind_def} a fait le point sur {topic} et arrêté les prochaines étapes avec {actor}.",
        "Organisée à la demande des autorités nationales, la rencontre a examiné {topic} et "
        "l'appui que les partenaires peuvent apporter.",
    ],
    "pt": [
        "{Kind_def} reuniu {audience} para debater {topic} {country_in}.",
        "{Kind_def} fez o balanço sobre {topic} e acordou os próximos passos com {actor}.",
        "Organizado a pedido das autoridades nacionais, o encontro analisou {topic} e o "
        "apoio que os parceiros podem prestar.",
    ],
}
BACKGROUNDS = {
    "en": [
        "The AU Policy Framework on Security Sector Reform (2013) calls on Member States to "
        "lead their own reforms, with the support of the RECs and RMs.",
        "This event follows the recommendations of an earlier assessment of {topic} {country_in}.",
        "Partners agreed in {year} to coordinate their support to {topic} through a joint "
        "programme.",
    ],
    "fr": [
        "Le cadre d'orientation de l'UA sur la réforme du secteur de la sécurité (2013) "
        "invite les États membres à conduire eux-mêmes leurs réformes, avec l'appui des CER "
        "et des MR.",
        "Cette rencontre fait suite aux recommandations d'une évaluation antérieure portant "
        "sur {topic} {country_in}.",
        "Les partenaires sont convenus en {year} de coordonner leur appui sur {topic} dans "
        "un programme conjoint.",
    ],
    "pt": [
        "O quadro político da UA sobre a reforma do sector de segurança (2013) convida os "
        "Estados membros a conduzir as suas próprias reformas, com o apoio das CER e dos MR.",
        "Este encontro dá seguimento às recomendações de uma avaliação anterior sobre {topic} "
        "{country_in}.",
        "Os parceiros acordaram em {year} coordenar o seu apoio sobre {topic} num programa "
        "conjunto.",
    ],
}
OUTCOMES = {
    "en": [
        "Participants adopted {n} recommendations and a road map on {topic}.",
        "The draft strategy on {topic} was validated with amendments.",
        "A technical working group was set up to follow up on {topic}.",
    ],
    "fr": [
        "Les participants ont adopté {n} recommandations et une feuille de route sur {topic}.",
        "Le projet de stratégie sur {topic} a été validé avec des amendements.",
        "Un groupe de travail technique a été mis en place pour assurer le suivi sur {topic}.",
    ],
    "pt": [
        "Os participantes adotaram {n} recomendações e um roteiro sobre {topic}.",
        "O projeto de estratégia sobre {topic} foi validado com alterações.",
        "Foi criado um grupo de trabalho técnico para acompanhar o trabalho sobre {topic}.",
    ],
}
OBJECTIVES = {
    "en": [
        "To share experience of {topic} among {audience};",
        "To review the draft national strategy on {topic};",
        "To identify priorities for support {country_in};",
        "To agree on a road map and the division of labour among partners;",
        "To strengthen the capacity of {actor} on {topic};",
        "To validate the report of the assessment mission;",
        "To plan the next steps with {actor}.",
    ],
    "fr": [
        "Partager les expériences sur {topic} ;",
        "Examiner le projet de stratégie nationale sur {topic} ;",
        "Identifier les priorités d'appui {country_in} ;",
        "Adopter une feuille de route et la répartition des tâches entre partenaires ;",
        "Renforcer les capacités des acteurs nationaux sur {topic} ;",
        "Valider le rapport de la mission d'évaluation ;",
        "Planifier les prochaines étapes avec {actor}.",
    ],
    "pt": [
        "Partilhar experiências sobre {topic};",
        "Analisar o projeto de estratégia nacional sobre {topic};",
        "Identificar as prioridades de apoio {country_in};",
        "Acordar um roteiro e a divisão de tarefas entre parceiros;",
        "Reforçar as capacidades dos atores nacionais sobre {topic};",
        "Validar o relatório da missão de avaliação;",
        "Planear os próximos passos com {actor}.",
    ],
}
RESULTS = {
    "en": [
        "A road map on {topic} is adopted.",
        "The recommendations are recorded in a report shared within one month.",
        "Focal points are named for the follow-up.",
        "A calendar of joint activities for {year} is agreed.",
    ],
    "fr": [
        "Une feuille de route sur {topic} est adoptée.",
        "Les recommandations sont consignées dans un rapport diffusé sous un mois.",
        "Des points focaux sont désignés pour le suivi.",
        "Un calendrier d'activités conjointes pour {year} est arrêté.",
    ],
    "pt": [
        "É adotado um roteiro sobre {topic}.",
        "As recomendações constam de um relatório partilhado no prazo de um mês.",
        "São designados pontos focais para o acompanhamento.",
        "É acordado um calendário de atividades conjuntas para {year}.",
    ],
}
GROUPS = {
    "en": [
        "Representatives of the RECs and RMs",
        "AUC departments",
        "National security institutions",
        "Civil society organisations",
        "Development partners",
        "UN entities",
        "Members of parliament",
        "Media",
        "Experts and resource persons",
    ],
    "fr": [
        "Représentants des CER et des MR",
        "Départements de la CUA",
        "Institutions nationales de sécurité",
        "Organisations de la société civile",
        "Partenaires techniques et financiers",
        "Entités des Nations unies",
        "Parlementaires",
        "Médias",
        "Experts et personnes ressources",
    ],
    "pt": [
        "Representantes das CER e dos MR",
        "Departamentos da CUA",
        "Instituições nacionais de segurança",
        "Organizações da sociedade civil",
        "Parceiros de desenvolvimento",
        "Entidades das Nações Unidas",
        "Deputados",
        "Comunicação social",
        "Peritos e pessoas-recurso",
    ],
}
CONTACT_PURPOSES = {
    "en": ["Coordinator", "For media inquiries", "Logistics and travel"],
    "fr": ["Coordination", "Contact presse", "Logistique et voyages"],
    "pt": ["Coordenação", "Contacto para a imprensa", "Logística e viagens"],
}
HEAD_OF_MISSION = {"en": "head of mission", "fr": "chef de mission", "pt": "chefe de missão"}
HEADLINES = {
    "en": [
        "{org} holds {kind_indef} on {topic} in {city}",
        "{city}: {audience} meet on {topic}",
        "{org} and partners review {topic}",
    ],
    "fr": [
        "{org} organise {kind_indef} sur {topic}",
        "{city} : {audience} se réunissent sur {topic}",
        "Les partenaires font le point sur {topic}",
    ],
    "pt": [
        "{org} realiza {kind_indef} sobre {topic}",
        "{city}: {audience} reúnem-se sobre {topic}",
        "Os parceiros fazem o balanço sobre {topic}",
    ],
}
VENUES = [
    "Radisson Blu Hotel",
    "Hotel Azalaï",
    "Sheraton Hotel",
    "Kempinski Hotel",
    "Novotel",
    "Pullman Hotel",
    "Serena Hotel",
    "International Conference Centre",
    "Palais des congrès",
    "Ministry of Foreign Affairs",
    "National Assembly",
    "UN Conference Centre",
    "AU Commission headquarters",
    "Golden Tulip Hotel",
]

MANDATE_KINDS = {
    "en": [
        "Technical support",
        "Advisory support",
        "Joint assessment",
        "Capacity building",
        "Policy advice",
        "Programme design",
    ],
    "fr": [
        "Appui technique",
        "Appui-conseil",
        "Évaluation conjointe",
        "Renforcement des capacités",
        "Conseil stratégique",
        "Conception de programme",
    ],
    "pt": [
        "Apoio técnico",
        "Apoio consultivo",
        "Avaliação conjunta",
        "Reforço de capacidades",
        "Aconselhamento estratégico",
        "Conceção de programa",
    ],
}
MANDATE_TITLE = {
    "en": "{what} on {topic} ({country})",
    "fr": "{what} sur {topic} ({country})",
    "pt": "{what} sobre {topic} ({country})",
}
MANDATE_OUTPUTS = {
    "en": [
        "An assessment report on {topic}",
        "A draft national strategy on {topic}",
        "A training curriculum for {actor}",
        "A road map validated by national actors",
    ],
    "fr": [
        "Un rapport d'évaluation sur {topic}",
        "Un projet de stratégie nationale sur {topic}",
        "Un programme de formation pour les acteurs nationaux",
        "Une feuille de route validée par les acteurs nationaux",
    ],
    "pt": [
        "Um relatório de avaliação sobre {topic}",
        "Um projeto de estratégia nacional sobre {topic}",
        "Um programa de formação para os atores nacionais",
        "Um roteiro validado pelos atores nacionais",
    ],
}

POSITIONS = {
    "en": [
        "Director of Peace and Security",
        "SSR focal point",
        "Programme officer",
        "Senior adviser",
        "Head of division",
        "Legal adviser",
        "Chief of staff",
        "Member of parliament",
        "Researcher",
        "Executive director",
        "Gender adviser",
        "Police commissioner",
        "Defence attaché",
        "Communication officer",
    ],
    "fr": [
        "Directeur des affaires politiques",
        "Point focal RSS",
        "Chargé de programme",
        "Conseiller principal",
        "Chef de division",
        "Conseiller juridique",
        "Chef de cabinet",
        "Député",
        "Chercheur",
        "Directeur exécutif",
        "Conseillère genre",
        "Commissaire de police",
        "Attaché de défense",
        "Chargée de communication",
    ],
    "pt": [
        "Diretor dos Assuntos Políticos",
        "Ponto focal RSS",
        "Oficial de programa",
        "Assessor principal",
        "Chefe de divisão",
        "Assessor jurídico",
        "Chefe de gabinete",
        "Deputado",
        "Investigador",
        "Diretor executivo",
        "Assessora de género",
        "Comissário de polícia",
        "Adido de defesa",
        "Oficial de comunicação",
    ],
}
# Person titles: (men, women) per language.
PERSON_TITLES = {
    "en": (
        ["Mr.", "Mr.", "Mr.", "Dr.", "Prof.", "H.E.", "Col.", "Gen."],
        ["Ms.", "Ms.", "Ms.", "Dr.", "Prof.", "H.E."],
    ),
    "fr": (["M.", "M.", "M.", "Dr", "Pr", "S.E.", "Col."], ["Mme", "Mme", "Mme", "Dr", "Pr"]),
    "pt": (["Sr.", "Sr.", "Sr.", "Dr.", "Prof."], ["Sra.", "Sra.", "Sra.", "Dra.", "Prof.ª"]),
}
