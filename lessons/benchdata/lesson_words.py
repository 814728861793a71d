"""The words generated lessons are written with, in English, French and Portuguese (see
words.py): observations, lessons, recommendations, follow-up actions and review comments; the
sentences that name security, and the RARE ones that carry words few records hold."""

# The lesson's parts. {Actor}/{actor}, {actor2}, {topic}, {kind_def}, {next_kind}, {country},
# {country_in}, {city}, {women}, {total}, {n}.
LESSON_TITLES = {
    "en": [
        "Involve {actor} earlier in {topic}",
        "Concept notes must reach participants on time",
        "Interpretation belongs in the budget",
        "Each recommendation on {topic} needs an owner",
        "Data on {topic} must be validated by national actors",
        "Balanced delegations need explicit targets",
        "Coordinate missions on {topic}",
        "Plan {next_kind} with {actor}",
        "Keep {actor} informed between meetings",
        "Trained officers must stay in post",
    ],
    "fr": [
        "Associer plus tôt {actor} sur {topic}",
        "Les notes conceptuelles doivent arriver à temps",
        "L'interprétation fait partie du budget",
        "Chaque recommandation sur {topic} doit avoir un responsable",
        "Les données sur {topic} doivent être validées par les acteurs nationaux",
        "Des délégations équilibrées demandent des objectifs chiffrés",
        "Coordonner les missions sur {topic}",
        "Planifier avec {actor} {next_kind}",
        "Informer {actor} entre les réunions",
        "Les agents formés doivent rester en poste",
    ],
    "pt": [
        "Envolver mais cedo {actor} sobre {topic}",
        "As notas conceptuais devem chegar a tempo",
        "A interpretação faz parte do orçamento",
        "Cada recomendação sobre {topic} precisa de um responsável",
        "Os dados sobre {topic} devem ser validados pelos atores nacionais",
        "Delegações equilibradas exigem metas explícitas",
        "Coordenar as missões sobre {topic}",
        "Planear com {actor} {next_kind}",
        "Partilhar a informação com {actor} entre as reuniões",
        "Os agentes formados devem permanecer nos seus postos",
    ],
}
OBSERVATIONS = {
    "en": [
        "The concept note reached {actor} less than two weeks before {kind_def}, so few "
        "delegations came prepared.",
        "{Actor} and {actor2} do not share information on {topic}, and each keeps its own records.",
        "Participants noted that {topic} has no clear legal framework {country_in}.",
        "Only {women} of the {total} participants were women, although the invitation asked "
        "for balanced delegations.",
        "Interpretation was missing on the second day, which kept {actor} out of the discussion.",
        "{Kind_def} was planned without consulting {actor}, who later questioned its conclusions.",
        "Several delegations arrived without a mandate to commit their institutions on {topic}.",
        "The assessment of {topic} relied on data that {actor} had not validated.",
        "Visas for {n} participants were issued the day before the opening.",
        "The working groups on {topic} produced recommendations that no one was asked to "
        "follow up.",
        "Officers trained at the previous session had been transferred to other units.",
        "Security concerns in {city} forced the organisers to move the sessions to another venue.",
        "The agenda left little time for {actor} to share experience of {topic}.",
        "Training needs were not assessed before the curriculum was written.",
    ],
    "fr": [
        "La note conceptuelle est parvenue moins de deux semaines avant {kind_def} : peu de "
        "délégations étaient préparées.",
        "Personne n'avait consulté {actor} avant {kind_def}, et ses conclusions ont ensuite "
        "été contestées.",
        "Les participants ont relevé que {topic} n'a pas de cadre juridique clair {country_in}.",
        "Seules {women} des {total} personnes présentes étaient des femmes, alors que "
        "l'invitation demandait des délégations équilibrées.",
        "L'interprétation a manqué le deuxième jour, ce qui a tenu {actor} à l'écart des débats.",
        "Les activités planifiées avec {actor} n'ont pas eu lieu faute de budget.",
        "Plusieurs délégations sont arrivées sans mandat pour engager leurs institutions sur "
        "{topic}.",
        "L'évaluation portant sur {topic} reposait sur des données non validées.",
        "Les visas de {n} participants ont été délivrés la veille de l'ouverture.",
        "Les communautés frontalières n'ont pas été associées aux travaux.",
        "Les postes frontaliers manquent de personnel formé.",
        "Des problèmes de sécurité sur le lieu prévu ont obligé les organisateurs à changer "
        "de salle.",
        "Les agents formés lors de la session précédente avaient été mutés.",
        "Les besoins de formation n'avaient pas été évalués avant la rédaction du programme.",
    ],
    "pt": [
        "A nota conceptual chegou menos de duas semanas antes da abertura: poucas "
        "delegações vieram preparadas.",
        "Ninguém consultou {actor} durante a preparação, e as conclusões foram depois contestadas.",
        "Os participantes observaram que {topic} não tem um quadro jurídico claro {country_in}.",
        "Apenas {women} das {total} pessoas presentes eram mulheres, embora o convite pedisse "
        "delegações equilibradas.",
        "A interpretação faltou no segundo dia, o que deixou {actor} fora do debate.",
        "As formações planeadas com {actor} não se realizaram por falta de orçamento.",
        "Várias delegações chegaram sem mandato para comprometer as suas instituições sobre "
        "{topic}.",
        "A avaliação sobre {topic} assentou em dados não validados.",
        "Os vistos de {n} participantes foram emitidos na véspera da abertura.",
        "As comunidades fronteiriças não foram associadas aos trabalhos.",
        "Os agentes formados na sessão anterior tinham sido transferidos.",
        "Problemas de segurança no local previsto obrigaram os organizadores a mudar de sala.",
        "As necessidades de formação não foram avaliadas antes da elaboração do programa.",
        "As formações de formadores foram bem avaliadas pelos participantes.",
    ],
}
STATEMENTS = {
    "en": [
        "National ownership of {topic} grows when national actors lead the process from "
        "the assessment onwards.",
        "Oversight bodies are accepted more readily when they are involved before decisions "
        "are taken.",
        "Regional exchanges on {topic} are most useful when each delegation brings its own data.",
        "Security institutions change practice when reforms come with budgets and timelines.",
        "Without early invitations, the right people do not attend.",
        "Joint planning between the AU and the RECs avoids duplicated missions to the same "
        "Member State.",
        "Women's participation in the security sector needs targets, not only invitations.",
        "Lessons are used when they are shared before the next event is planned.",
    ],
    "fr": [
        "L'appropriation nationale progresse quand les acteurs nationaux conduisent le "
        "processus dès l'évaluation.",
        "Les organes de contrôle sont mieux acceptés quand ils sont associés avant les décisions.",
        "Les échanges régionaux sur {topic} sont plus utiles quand chaque délégation apporte "
        "ses propres données.",
        "Les institutions de sécurité changent leurs pratiques quand les réformes ont un "
        "budget et un calendrier.",
        "Sans invitations envoyées tôt, les bonnes personnes ne viennent pas.",
        "Une planification conjointe de l'UA et des CER évite des missions en double dans le "
        "même État membre.",
        "La participation des femmes demande des objectifs chiffrés, pas seulement des "
        "invitations.",
        "Les leçons servent quand elles sont partagées avant que la rencontre suivante soit "
        "planifiée.",
    ],
    "pt": [
        "A apropriação nacional progride quando os atores nacionais conduzem o processo "
        "desde a avaliação.",
        "Os órgãos de supervisão são mais bem aceites quando são envolvidos antes das decisões.",
        "Os intercâmbios regionais sobre {topic} são mais úteis quando cada delegação traz os "
        "seus próprios dados.",
        "As instituições de segurança mudam as suas práticas quando as reformas têm "
        "orçamento e calendário.",
        "Sem convites enviados cedo, as pessoas certas não comparecem.",
        "Um planeamento conjunto da UA e das CER evita missões duplicadas no mesmo Estado membro.",
        "A participação das mulheres exige metas, não apenas convites.",
        "As lições são úteis quando são partilhadas antes de planear o encontro seguinte.",
    ],
}
RECOMMENDATIONS = {
    "en": [
        "Involve {actor} in planning {next_kind}.",
        "Send the concept note and agenda to {actor} at least four weeks ahead.",
        "Budget for interpretation in all working languages.",
        "Agree on who follows up each recommendation, with a date, before the closing session.",
        "Map existing support to {topic} {country_in} before proposing a new programme.",
        "Ask each delegation to include at least one woman and one representative of {actor}.",
        "Hold a preparatory call with {actor} to agree on the objectives.",
        "Publish the report within one month and share it with {actor}.",
    ],
    "fr": [
        "Associer {actor} à la préparation, et planifier ensemble {next_kind}.",
        "Envoyer la note conceptuelle et l'agenda au moins quatre semaines avant.",
        "Prévoir l'interprétation dans toutes les langues de travail.",
        "Désigner, avant la clôture, un responsable et une date pour chaque recommandation.",
        "Recenser les appuis existants sur {topic} {country_in} avant de proposer un nouveau "
        "programme.",
        "Demander à chaque délégation de compter au moins une femme.",
        "Organiser un appel préparatoire avec {actor} pour arrêter les objectifs.",
        "Publier le rapport sous un mois et le partager avec {actor}.",
    ],
    "pt": [
        "Envolver {actor} na preparação, e planear em conjunto {next_kind}.",
        "Enviar a nota conceptual e a agenda pelo menos quatro semanas antes.",
        "Prever a interpretação em todas as línguas de trabalho.",
        "Designar, antes do encerramento, um responsável e uma data para cada recomendação.",
        "Mapear os apoios existentes sobre {topic} {country_in} antes de propor um novo programa.",
        "Pedir a cada delegação que inclua pelo menos uma mulher.",
        "Organizar uma chamada preparatória com {actor} para acordar os objetivos.",
        "Publicar o relatório no prazo de um mês e partilhá-lo com {actor}.",
    ],
}
# Said of a lesson that does not name security yet, when it should.
SECURITY_SENTENCES = {
    "en": [
        "The point matters for the whole security sector.",
        "Security institutions raised the same issue.",
        "This affects the security of participants and staff.",
    ],
    "fr": [
        "Le constat vaut pour l'ensemble du secteur de la sécurité.",
        "Les institutions de sécurité ont soulevé la même question.",
        "Cela touche à la sécurité des participants et du personnel.",
    ],
    "pt": [
        "A questão diz respeito a todo o sector de segurança.",
        "As instituições de segurança levantaram a mesma questão.",
        "Isto afeta a segurança dos participantes e do pessoal.",
    ],
}
SECURITY_WORD = {"en": "secur", "fr": "sécurit", "pt": "seguran"}

# Sentences with words few records hold: what a search for a rare word finds.
RARE = {
    "en": [
        "Transhumance corridors cross the border area discussed.",
        "Piracy in the Gulf of Guinea was raised by the navy.",
        "Cybersecurity of police databases was not covered.",
        "Demining of former combat zones delays the return of displaced families.",
        "Vetting of recruits was done without a public register.",
        "Mercenaries were mentioned in two testimonies.",
        "The biometric registration of ex-combatants was incomplete.",
        "Artisanal gold mining finances armed groups in the area.",
    ],
    "fr": [
        "Les couloirs de transhumance traversent la zone frontalière étudiée.",
        "La piraterie dans le golfe de Guinée a été évoquée par la marine.",
        "La cybersécurité des fichiers de police n'a pas été traitée.",
        "Le déminage des anciennes zones de combat retarde le retour des déplacés.",
        "Le filtrage des recrues s'est fait sans registre public.",
        "Des mercenaires ont été cités dans deux témoignages.",
        "L'enrôlement biométrique des ex-combattants était incomplet.",
        "L'orpaillage artisanal finance des groupes armés dans la zone.",
    ],
    "pt": [
        "Os corredores de transumância atravessam a zona fronteiriça estudada.",
        "A pirataria no golfo da Guiné foi referida pela marinha.",
        "A cibersegurança das bases de dados da polícia não foi tratada.",
        "A desminagem das antigas zonas de combate atrasa o regresso dos deslocados.",
        "A verificação dos recrutas foi feita sem registo público.",
        "Foram mencionados mercenários em dois testemunhos.",
        "O registo biométrico dos ex-combatentes estava incompleto.",
        "O garimpo artesanal financia grupos armados na zona.",
    ],
}

ACTION_TEXTS = {
    "en": [
        "Draft guidelines on {topic} and circulate them to the RECs.",
        "Add interpretation to the standard budget of events.",
        "Name a follow-up focal point in each delegation.",
        "Share the assessment data with {actor} for validation.",
    ],
    "fr": [
        "Rédiger des lignes directrices sur {topic} et les diffuser aux CER.",
        "Ajouter l'interprétation au budget type des rencontres.",
        "Désigner un point focal de suivi dans chaque délégation.",
        "Transmettre les données de l'évaluation pour validation.",
    ],
    "pt": [
        "Redigir orientações sobre {topic} e divulgá-las às CER.",
        "Acrescentar a interpretação ao orçamento-tipo dos encontros.",
        "Designar um ponto focal de acompanhamento em cada delegação.",
        "Partilhar os dados da avaliação para validação.",
    ],
}
ACTION_RESULTS = {
    "en": "Done: the guidance was adopted and shared.",
    "fr": "Fait : les orientations ont été adoptées et diffusées.",
    "pt": "Feito: as orientações foram adotadas e partilhadas.",
}
REVIEW_COMMENTS = {
    "en": [
        "Please say which event day this refers to.",
        "Validated: a useful lesson.",
        "Could you add the number of participants concerned?",
        "Returned: the recommendation needs an action body.",
    ],
    "fr": [
        "Merci de préciser à quel jour de la rencontre cela se rapporte.",
        "Validée : une leçon utile.",
        "Pouvez-vous ajouter le nombre de personnes concernées ?",
        "Renvoyée : la recommandation doit désigner un organe d'exécution.",
    ],
    "pt": [
        "Por favor indique a que dia do encontro se refere.",
        "Validada: uma lição útil.",
        "Pode acrescentar o número de pessoas envolvidas?",
        "Devolvida: a recomendação precisa de um órgão de execução.",
    ],
}
