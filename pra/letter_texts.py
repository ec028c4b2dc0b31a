# ruff: noqa: E501  (letter prose reads better unwrapped; staff edit it in the admin)
"""The letters we ship: what each subject asks for, in English and (for Puerto Rico) Spanish.

These are the starting texts the seed command writes into `RequestTemplate` rows; staff edit
the rows in the admin from then on. Placeholders are listed in `pra.letters.PLACEHOLDERS`.
"""

from pra.choices import Subject

TITLES_EN = {
    Subject.BODY_CAMERAS: "Public records request: body-worn cameras",
    Subject.DRONES: "Public records request: drones (unmanned aerial vehicles)",
    Subject.FACIAL_RECOGNITION: "Public records request: facial recognition",
    Subject.THERMAL_CAMERAS: "Public records request: thermal imaging cameras (FLIR)",
    Subject.LICENSE_PLATE_READERS: "Public records request: automated license plate readers",
    Subject.FEDERAL_AGREEMENTS: "Public records request: agreements with federal agencies",
    Subject.PREDICTIVE_POLICING: "Public records request: predictive policing",
    Subject.GUNSHOT_DETECTION: "Public records request: gunshot detection systems",
    Subject.SOCIAL_MEDIA_MONITORING: "Public records request: social media monitoring",
    Subject.CELL_SITE_SIMULATORS: "Public records request: cell-site simulators",
    Subject.MISCONDUCT_BY_OFFICER: "Public records request: misconduct records of {{ officer_name }}",
    Subject.MISCONDUCT_BY_INCIDENT: "Public records request: records of an incident",
}

TITLES_ES = {
    Subject.BODY_CAMERAS: "Solicitud de información pública: cámaras corporales",
    Subject.DRONES: "Solicitud de información pública: drones (vehículos aéreos no tripulados)",
    Subject.FACIAL_RECOGNITION: "Solicitud de información pública: reconocimiento facial",
    Subject.THERMAL_CAMERAS: "Solicitud de información pública: cámaras térmicas (FLIR)",
    Subject.LICENSE_PLATE_READERS: "Solicitud de información pública: lectores automáticos de tablillas",
    Subject.FEDERAL_AGREEMENTS: "Solicitud de información pública: acuerdos con agencias federales",
    Subject.PREDICTIVE_POLICING: "Solicitud de información pública: vigilancia policial predictiva",
    Subject.GUNSHOT_DETECTION: "Solicitud de información pública: sistemas de detección de disparos",
    Subject.SOCIAL_MEDIA_MONITORING: "Solicitud de información pública: vigilancia de redes sociales",
    Subject.CELL_SITE_SIMULATORS: "Solicitud de información pública: simuladores de antenas celulares",
    Subject.MISCONDUCT_BY_OFFICER: "Solicitud de información pública: expedientes de conducta de {{ officer_name }}",
    Subject.MISCONDUCT_BY_INCIDENT: "Solicitud de información pública: expedientes de un incidente",
}

_TECHNOLOGY_EN = """1. Records showing whether the agency has acquired, leased, borrowed, tested or used {thing}, including purchase orders, invoices, contracts, grant applications and grant awards.
2. Policies, procedures, general orders, training materials and guidelines on the use of {thing}, including rules on {rules}.
3. Records showing how and how often {thing} has been used, including {usage}.
4. Communications with vendors, other agencies or funders about {thing}, including marketing materials, nondisclosure agreements and data-sharing agreements.
5. Audits, evaluations, impact or privacy assessments, and reports to any governing body about {thing}."""

_TECHNOLOGY_ES = """1. Documentos que muestren si la agencia ha adquirido, arrendado, tomado prestado, probado o usado {thing}, incluidas órdenes de compra, facturas, contratos, solicitudes y concesiones de fondos.
2. Políticas, procedimientos, órdenes generales, materiales de adiestramiento y guías sobre el uso de {thing}, incluidas las reglas sobre {rules}.
3. Documentos que muestren cómo y con qué frecuencia se han usado {thing}, incluidos {usage}.
4. Comunicaciones con proveedores, otras agencias o entidades que aportan fondos sobre {thing}, incluidos materiales de mercadeo, acuerdos de confidencialidad y acuerdos para compartir datos.
5. Auditorías, evaluaciones, estudios de impacto o de privacidad e informes a cualquier organismo rector sobre {thing}."""

_TECH_EN = {
    Subject.BODY_CAMERAS: (
        "body-worn cameras and the storage of their recordings",
        "when officers must record, when recording may stop, how long recordings are kept, who may view them and when they are released to the public",
        "the number of cameras deployed, logs of recordings made, deleted or flagged, and audit logs of who viewed recordings",
    ),
    Subject.DRONES: (
        "unmanned aerial vehicles (drones)",
        "when drones may be flown, what they may record, how long footage is kept and who may see it",
        "flight logs, mission reports, authorisations of individual flights and any FAA certificates of authorization or waivers",
    ),
    Subject.FACIAL_RECOGNITION: (
        "facial recognition software or services",
        "who may run a search, the photo databases searched, how a match is confirmed by a person and what a match may be used for",
        "search logs, the number of searches run, the number of possible matches returned and any records of arrests in which a search played a part",
    ),
    Subject.THERMAL_CAMERAS: (
        "thermal imaging cameras (forward-looking infrared, FLIR)",
        "when thermal imaging may be used on homes and people, and whether a warrant is sought",
        "deployment logs, warrants and warrant applications mentioning thermal imaging, and incident reports describing its use",
    ),
    Subject.LICENSE_PLATE_READERS: (
        "automated license plate readers (ALPR)",
        "how long plate reads are kept, who may search them, which hot lists are used and with whom data is shared",
        "the number of plate reads collected and kept, the number of hits, audit logs of searches and the list of agencies the data is shared with",
    ),
    Subject.FEDERAL_AGREEMENTS: (
        "agreements with federal agencies (such as memoranda of understanding, 287(g) agreements and task-force agreements with DHS, ICE, FBI, DEA or ATF)",
        "the duties of local officers under each agreement, the supervision of deputised officers and the sharing of information",
        "the agreements themselves, the list of officers deputised or assigned, reimbursements received and records of detainer requests received and honoured",
    ),
    Subject.PREDICTIVE_POLICING: (
        "predictive policing software, person-based risk scores or \"hot spot\" forecasting",
        "what data goes into predictions, how officers are told to act on them and how people may learn whether they are on a list",
        "the data sets used, lists of people or places flagged, validation and accuracy studies, and deployment decisions based on predictions",
    ),
    Subject.GUNSHOT_DETECTION: (
        "gunshot detection systems (such as ShotSpotter or SoundThinking)",
        "how alerts are dispatched, how officers respond, how long audio is kept and who may request it",
        "the coverage area, the number of alerts, the number of alerts after which officers found evidence of gunfire, and the number of arrests following an alert",
    ),
    Subject.SOCIAL_MEDIA_MONITORING: (
        "social media monitoring software, undercover or fictitious social media accounts and services that collect posts",
        "who may be monitored, the use of fictitious accounts and how collected posts are stored and shared",
        "lists of keywords, people, groups or events monitored, reports produced from monitoring and the number of fictitious accounts in use",
    ),
    Subject.CELL_SITE_SIMULATORS: (
        "cell-site simulators (IMSI catchers, such as Stingray or Hailstorm devices)",
        "when a warrant is sought, how data about people who are not the target is handled and how long it is kept",
        "deployment logs, warrants and court orders sought, and any nondisclosure agreements with the FBI or the manufacturer",
    ),
}

_TECH_ES = {
    Subject.BODY_CAMERAS: (
        "cámaras corporales y el almacenamiento de sus grabaciones",
        "cuándo los agentes deben grabar, cuándo pueden detener la grabación, por cuánto tiempo se conservan las grabaciones, quién puede verlas y cuándo se divulgan al público",
        "el número de cámaras en uso, los registros de grabaciones hechas, borradas o marcadas y los registros de auditoría de quién vio las grabaciones",
    ),
    Subject.DRONES: (
        "vehículos aéreos no tripulados (drones)",
        "cuándo se pueden volar drones, qué pueden grabar, por cuánto tiempo se conservan las imágenes y quién puede verlas",
        "bitácoras de vuelo, informes de misión, autorizaciones de vuelos y cualquier certificado o dispensa de la FAA",
    ),
    Subject.FACIAL_RECOGNITION: (
        "programas o servicios de reconocimiento facial",
        "quién puede hacer una búsqueda, qué bases de datos de fotos se consultan, cómo una persona confirma una coincidencia y para qué puede usarse",
        "registros de búsquedas, el número de búsquedas, el número de posibles coincidencias y cualquier registro de arrestos en los que una búsqueda influyó",
    ),
    Subject.THERMAL_CAMERAS: (
        "cámaras térmicas (infrarrojo FLIR)",
        "cuándo pueden usarse imágenes térmicas sobre viviendas y personas y si se solicita una orden judicial",
        "registros de uso, órdenes judiciales y solicitudes de órdenes que mencionen imágenes térmicas e informes de incidentes que describan su uso",
    ),
    Subject.LICENSE_PLATE_READERS: (
        "lectores automáticos de tablillas (ALPR)",
        "por cuánto tiempo se conservan las lecturas, quién puede consultarlas, qué listas de alerta se usan y con quién se comparten los datos",
        "el número de lecturas recogidas y conservadas, el número de alertas, los registros de auditoría de consultas y la lista de agencias con las que se comparten los datos",
    ),
    Subject.FEDERAL_AGREEMENTS: (
        "acuerdos con agencias federales (como memorandos de entendimiento, acuerdos 287(g) y acuerdos de grupos de trabajo con DHS, ICE, FBI, DEA o ATF)",
        "las funciones de los agentes locales bajo cada acuerdo, la supervisión de los agentes delegados y el intercambio de información",
        "los acuerdos, la lista de agentes delegados o asignados, los reembolsos recibidos y los registros de solicitudes de detención recibidas y atendidas",
    ),
    Subject.PREDICTIVE_POLICING: (
        "programas de vigilancia policial predictiva, puntuaciones de riesgo de personas o pronósticos de «zonas calientes»",
        "qué datos alimentan las predicciones, cómo se instruye a los agentes a actuar y cómo una persona puede saber si está en una lista",
        "los conjuntos de datos usados, las listas de personas o lugares señalados, los estudios de validación y exactitud y las decisiones de despliegue basadas en predicciones",
    ),
    Subject.GUNSHOT_DETECTION: (
        "sistemas de detección de disparos (como ShotSpotter o SoundThinking)",
        "cómo se despachan las alertas, cómo responden los agentes, por cuánto tiempo se conserva el audio y quién puede pedirlo",
        "el área cubierta, el número de alertas, el número de alertas tras las cuales los agentes hallaron evidencia de disparos y el número de arrestos después de una alerta",
    ),
    Subject.SOCIAL_MEDIA_MONITORING: (
        "programas de vigilancia de redes sociales, cuentas encubiertas o ficticias y servicios que recopilan publicaciones",
        "a quién se puede vigilar, el uso de cuentas ficticias y cómo se guardan y comparten las publicaciones recopiladas",
        "listas de palabras clave, personas, grupos o eventos vigilados, informes producidos y el número de cuentas ficticias en uso",
    ),
    Subject.CELL_SITE_SIMULATORS: (
        "simuladores de antenas celulares (IMSI catchers, como Stingray o Hailstorm)",
        "cuándo se solicita una orden judicial, cómo se tratan los datos de personas que no son el objetivo y por cuánto tiempo se conservan",
        "registros de uso, órdenes judiciales solicitadas y cualquier acuerdo de confidencialidad con el FBI o el fabricante",
    ),
}

_OFFICER_EN = """1. All complaints made against {{ officer_name }}, whether by members of the public or by other employees, and the findings and outcome of each.
2. Internal affairs and other investigation files concerning {{ officer_name }}, including interview records, reports, findings and recommendations.
3. Records of discipline imposed on {{ officer_name }}, including letters of reprimand, suspensions, demotions, terminations and settlement or last-chance agreements.
4. Use-of-force reports in which {{ officer_name }} is named, and any review of those reports.
5. Records of the officer's employment: rank and assignment history, dates of hire and separation, training completed and certifications held or revoked.
6. Records of claims, lawsuits and settlements arising from the conduct of {{ officer_name }}."""

_OFFICER_ES = """1. Todas las querellas presentadas contra {{ officer_name }}, ya sea por miembros del público o por otros empleados, y las determinaciones y el resultado de cada una.
2. Expedientes de asuntos internos y de otras investigaciones sobre {{ officer_name }}, incluidos registros de entrevistas, informes, determinaciones y recomendaciones.
3. Registros de medidas disciplinarias impuestas a {{ officer_name }}, incluidas amonestaciones, suspensiones, degradaciones, despidos y acuerdos transaccionales.
4. Informes de uso de fuerza en los que se nombre a {{ officer_name }} y cualquier evaluación de esos informes.
5. Registros de empleo del agente: historial de rangos y asignaciones, fechas de ingreso y salida, adiestramientos completados y certificaciones obtenidas o revocadas.
6. Registros de reclamaciones, demandas y transacciones que surjan de la conducta de {{ officer_name }}."""

_INCIDENT_EN = """The incident: {{ incident_description }}

1. Incident, offense, arrest and supplemental reports about this incident.
2. Use-of-force reports and any review or investigation of the force used.
3. Video and audio recordings of the incident, including body-worn camera, dash camera, surveillance camera and radio recordings.
4. Computer-aided dispatch (CAD) logs, 911 call recordings and transcripts.
5. Photographs, witness statements and the names and badge numbers of the officers involved.
6. Complaints about this incident, internal affairs or other investigation files, and their findings."""

_INCIDENT_ES = """El incidente: {{ incident_description }}

1. Informes del incidente, de delitos, de arrestos e informes suplementarios sobre este incidente.
2. Informes de uso de fuerza y cualquier evaluación o investigación de la fuerza usada.
3. Grabaciones de video y audio del incidente, incluidas cámaras corporales, cámaras de patrulla, cámaras de vigilancia y grabaciones de radio.
4. Registros del sistema de despacho (CAD), grabaciones y transcripciones de llamadas al 911.
5. Fotografías, declaraciones de testigos y los nombres y números de placa de los agentes involucrados.
6. Querellas sobre este incidente, expedientes de asuntos internos o de otras investigaciones y sus determinaciones."""


def records_list(subject: str, language: str) -> str:
    if subject == Subject.MISCONDUCT_BY_OFFICER:
        return _OFFICER_ES if language == "es" else _OFFICER_EN
    if subject == Subject.MISCONDUCT_BY_INCIDENT:
        return _INCIDENT_ES if language == "es" else _INCIDENT_EN
    thing, rules, usage = (_TECH_ES if language == "es" else _TECH_EN)[subject]
    frame = _TECHNOLOGY_ES if language == "es" else _TECHNOLOGY_EN
    return frame.format(thing=thing, rules=rules, usage=usage)


_FRAME_EN = """{{ date }}

{{ agency }}
Attn: Public Records Officer

Dear Public Records Officer:

{opening}

{records}

{{ deadline_sentence }}

I would like to receive the records as {{ delivery_format }}. If the records exist in electronic form, please provide them in that form. Please tell me before incurring any fees above {{ fee_cap }}. I ask that fees be waived or reduced: this request is made in the public interest, to inform the public about the operations of government, and not for commercial purposes.

If you withhold any record or part of a record, please cite the specific exemption you rely on, release every part that is not exempt, and tell me how to appeal. If another agency holds some of these records, please tell me which one. I am happy to narrow or clarify this request if that helps you respond sooner.

Thank you for your help.

Sincerely,

{{ requester_name }}
{{ requester_contact }}
"""

_OPENING_GENERIC_EN = (
    "Under {{ law_reference }}, I request copies of the following records held by "
    "{{ agency }}, dated or in effect {{ date_range }}:"
)
_OPENING_STATE_EN = (
    "I am writing to request public records under {{ law_reference }}. Please provide copies "
    "of the following records held by {{ agency }}, dated or in effect {{ date_range }}:"
)

_FRAME_ES = """{{ date }}

{{ agency }}
Atención: Oficial de Información

Estimado(a) Oficial de Información:

Al amparo de {{ law_reference }}, solicito copia de los siguientes documentos en poder de {{ agency }}, con fecha o vigentes {{ date_range }}:

{records}

{{ deadline_sentence }}

Deseo recibir los documentos como {{ delivery_format }}. Si los documentos existen en formato electrónico, le ruego que me los entregue en ese formato. Le pido que me avise antes de incurrir en cargos superiores a {{ fee_cap }}. Solicito la exención o reducción de cargos, pues esta solicitud se hace en interés público, para informar a la ciudadanía sobre el funcionamiento del gobierno, y no con fines comerciales.

Si deniega total o parcialmente esta solicitud, le ruego que indique por escrito el fundamento legal específico, que entregue toda parte que no esté exenta y que me informe cómo solicitar revisión de la decisión. Si otra entidad custodia alguno de estos documentos, le agradeceré que me indique cuál. Con gusto aclararé o limitaré esta solicitud si eso facilita una respuesta más rápida.

Agradezco de antemano su atención.

Atentamente,

{{ requester_name }}
{{ requester_contact }}
"""


def letter_body(*, subject: str, language: str, generic: bool) -> str:
    records = records_list(subject, language)
    if language == "es":
        return _FRAME_ES.replace("{records}", records)
    opening = _OPENING_GENERIC_EN if generic else _OPENING_STATE_EN
    return _FRAME_EN.replace("{opening}", opening).replace("{records}", records)


def letter_title(*, subject: str, language: str) -> str:
    return (TITLES_ES if language == "es" else TITLES_EN)[subject]
