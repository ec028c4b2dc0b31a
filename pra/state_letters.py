# ruff: noqa: E501  (letter prose reads better unwrapped; staff edit it in the admin)
"""Letters written for the ten most populous states, from their own statutes.

The generic letter only names the law. These cite what opens police records in that state
(California's Penal Code § 832.7 after SB 1421 and SB 16, New York's Public Officers Law after
the repeal of Civil Rights Law § 50-a, …), the state's own deadline, fee and appeal rules, and
for body-worn cameras the state's own rules for video. The facts come from the statutes; the
wording is ours. Like `pra.letter_texts`, these are starting texts the seed writes once into
`RequestTemplate` rows; staff edit the rows from then on.
"""

from dataclasses import dataclass

from pra.choices import INCIDENT_SUBJECTS, OFFICER_SUBJECTS, Subject
from pra.letter_texts import records_list


@dataclass(frozen=True)
class StateLetter:
    law: str  # the law's name and citation, as the opening sentence cites it
    misconduct: str  # what opens complaint, discipline and incident records
    body_cameras: str  # the state's rules for police video
    technology: str  # what opens purchase, policy and use records of a technology
    deadline: str
    fees: str
    denial: str  # what a denial must say, and the appeal route


STATES: dict[str, StateLetter] = {
    "USA-CA": StateLetter(
        law="the California Public Records Act, Government Code § 7920.000 et seq.",
        misconduct="Penal Code § 832.7(b), as amended by SB 1421 (2018) and SB 16 (2021), makes these records of peace officers open to the public: records about the discharge of a firearm at a person, about use of force that caused death or great bodily injury, and about sustained findings of unreasonable or excessive force, failure to intervene against such force, sexual assault involving a member of the public, dishonesty in reporting or investigating a crime or misconduct, prejudice or discrimination, and unlawful arrest or search. Under § 832.7(b)(11) these records are due at the earliest possible time and no later than 45 days after the request, except where the statute allows a longer delay for an active investigation.",
        body_cameras="Video and audio of a critical incident (the discharge of a firearm at a person, or force that caused death or great bodily injury) may be withheld during an active investigation only for the periods Government Code § 7923.625 allows, and the agency must then release it. Under Penal Code § 13650 the agency must also post its current policies and training materials on its website.",
        technology="Contracts, invoices, policies and records of use are not investigatory files, and Government Code § 7923.600 does not cover them. Under Penal Code § 13650 the agency must post its current policies, procedures and training materials on its website; please tell me if some of what I ask for is already posted and where.",
        deadline="Government Code § 7922.535 requires you to tell me within 10 days whether you hold disclosable records, and allows 14 more days only in the unusual circumstances it lists, by written notice.",
        fees="Under Government Code § 7922.530 you may charge only the direct cost of duplication, not the time spent searching for, reviewing or redacting records.",
        denial="If you withhold anything, please say so in writing and name the person responsible, as Government Code § 7922.540 requires, cite the specific exemption, and release every part that is not exempt (§ 7922.525). If records are withheld wrongly, I may seek a writ in the superior court under § 7923.000, where a requester who prevails recovers attorney fees and costs (§ 7923.115).",
    ),
    "USA-TX": StateLetter(
        law="the Texas Public Information Act, Government Code chapter 552",
        misconduct="Basic information about an arrest, an arrested person and a crime is public even while a case is open (Government Code § 552.108(c)). In a city under the police civil service law, records of a suspension, demotion or indefinite suspension of an officer belong in the civil service file that Local Government Code § 143.089(a) keeps open.",
        body_cameras="As Occupations Code § 1701.661(a) requires for a body-worn camera recording, this request gives the date and approximate time, the specific location and, where known, the name of a person who is the subject of the recording; please tell me if you need anything more to find it.",
        technology="Contracts, purchase orders and policies for police technology are public information; an agency that believes an exception applies must ask the Attorney General for a ruling (Government Code § 552.301) rather than simply withhold them.",
        deadline="Government Code § 552.221 requires you to produce the information promptly, and, if you cannot within 10 business days, to certify in writing the date and hour when it will be available. If you wish to withhold anything, § 552.301 requires you to ask the Attorney General for a decision within 10 business days of receiving this request and to send me a copy of that request; otherwise the information is presumed public (§ 552.302).",
        fees="Charges are limited to those set by the Attorney General's rules (§ 552.262), you must give me an itemized estimate before charges over $40 (§ 552.2615), and I ask that they be waived because furnishing this information primarily benefits the general public (§ 552.267).",
        denial="If you withhold information, please tell me which exception you rely on and release the rest. I may complain to the Attorney General or the district or county attorney (§ 552.3215) or seek a writ of mandamus (§ 552.321); a requester who substantially prevails may recover attorney fees (§ 552.323).",
    ),
    "USA-FL": StateLetter(
        law="the Florida Public Records Law, chapter 119, Florida Statutes, and Article I, section 24 of the Florida Constitution",
        misconduct="A complaint against a law enforcement officer and the records of its investigation become public once the investigation ends or stops being active, under § 112.533(2)(a); criminal investigative information is exempt only while active (§ 119.011(3)(d), § 119.071(2)(c)). Personnel and disciplinary records of officers are otherwise public.",
        body_cameras="Body camera recordings are public records except for the specific parts § 119.071(2)(l) exempts (such as recordings inside a private residence or a health care facility); please release the rest with only those parts redacted.",
        technology="Contracts, invoices and policies for police technology are public records; only active criminal intelligence and investigative information (§ 119.071(2)(c)) and the specific security exemptions in chapter 119 may be withheld.",
        deadline="Section 119.07(1) requires you to acknowledge this request promptly and respond in good faith; the law sets no fixed number of days, but unjustified delay is a denial.",
        fees="Section 119.07(4) limits the charge to 15 cents a one-sided page (20 cents two-sided) or the actual cost of duplication, plus a special service charge only where the request needs extensive use of information technology or clerical work; please tell me in advance if such a charge applies.",
        denial="If you withhold any part, please state the exact statutory basis and, if I ask, explain in writing why it applies (§ 119.07(1)(e)-(f)), and release the rest. This letter is also my written notice under § 119.12(1)(b): if records are withheld unlawfully, I may bring a civil action under § 119.11, where the court awards attorney fees against an agency that unlawfully refused access (§ 119.12).",
    ),
    "USA-NY": StateLetter(
        law="the Freedom of Information Law, Public Officers Law §§ 84-90",
        misconduct="Since the repeal of Civil Rights Law § 50-a in 2020, law enforcement disciplinary records are open under Public Officers Law § 87 like other records. Public Officers Law § 86(6) defines them to include complaints, allegations and charges against an officer, the officer's name, transcripts of disciplinary hearings, the disposition, final written opinions and records of any penalty imposed; § 87(4-a) and (4-b) allow only the narrow redactions they list (such as medical history and home addresses).",
        body_cameras="Recordings from body-worn cameras are agency records under Public Officers Law § 86(4) and are open except for the parts a specific exemption in § 87(2) covers; please redact rather than withhold whole recordings.",
        technology="Contracts, purchase records, policies and audits are agency records open under Public Officers Law § 87(2); please identify any exemption with the specific provision of § 87(2) it relies on.",
        deadline="Public Officers Law § 89(3)(a) requires you, within five business days, to grant or deny this request or acknowledge it in writing with the approximate date, reasonable in the circumstances, when you will grant or deny it.",
        fees="You may charge no more than 25 cents a page for copies up to 9 by 14 inches, or the actual cost of reproducing other records (§ 87(1)(b)(iii)); records sent by email should cost nothing, and search time is not chargeable.",
        denial="If you deny any part, please explain the reason in writing and tell me the name and address of the person to whom an appeal goes. I may appeal within 30 days to the head of the agency, who must answer within 10 business days (§ 89(4)(a)), and then bring a proceeding under CPLR article 78, where a requester who substantially prevails may recover attorney fees (§ 89(4)(c)).",
    ),
    "USA-PA": StateLetter(
        law="Pennsylvania's Right-to-Know Law, 65 P.S. § 67.101 et seq.",
        misconduct="Records of an agency are presumed public (65 P.S. § 67.305). The personnel exemption does not reach the final action of an agency that results in the demotion or discharge of an officer (§ 67.708(b)(7)(viii)), and records of settlements, use-of-force policies and other records outside a criminal investigation are not covered by § 67.708(b)(16).",
        body_cameras="Audio and video recordings made by a law enforcement agency are requested under 42 Pa.C.S. ch. 67A: this request is made within 60 days of the recording and states its date, time and location and my relationship to the events recorded, as § 67A03 requires; I also ask for the agency's written policies on these recordings, which are open under the Right-to-Know Law.",
        technology="Contracts with vendors are public records (§ 67.102, definition of financial record and § 67.701), as are policies and procurement records; please identify the specific exemption in § 67.708(b) for anything withheld.",
        deadline="65 P.S. § 67.901 requires a response within five business days; an extension of up to 30 calendar days is allowed only by written notice giving one of the reasons in § 67.902. No response within the time allowed is a deemed denial.",
        fees="Fees must follow the Office of Open Records' schedule (§ 67.1307); you may not charge for staff time spent searching for or reviewing records. Please tell me before fees exceed the amount I name below.",
        denial="If you deny any part, please do so in writing with the specific reasons and statutory basis, and the name of the open-records officer (§ 67.903), and release the rest (§ 67.706). I may appeal within 15 business days to the Office of Open Records, or, for records you withhold as criminal investigative records of a local agency, to the appeals officer the district attorney designates (§ 67.1101, § 67.503(d)(2)); then to court (§ 67.1302), which may award attorney fees (§ 67.1304).",
    ),
    "USA-IL": StateLetter(
        law="the Illinois Freedom of Information Act, 5 ILCS 140",
        misconduct="All records in the custody of a public body are presumed open (5 ILCS 140/1.2). The exemption for disciplinary cases does not extend to the final outcome of cases in which discipline is imposed (§ 7(1)(n)), settlement agreements are public (§ 2.20), and arrest reports and criminal history records of the kind § 2.15 lists must be released.",
        body_cameras="Recordings from officer-worn cameras are disclosable under this Act as the Law Enforcement Officer-Worn Body Camera Act provides (50 ILCS 706/10-20(b)), in particular recordings flagged because of a complaint, a discharge of a firearm, a use of force, an arrest or detention, or death or great bodily harm.",
        technology="Contracts, purchase records and policies are public records, and records of how public funds are spent are open under 5 ILCS 140/2.5; please identify the specific exemption in § 7 for anything withheld.",
        deadline="Section 3(d) requires a response within five business days; an extension of up to five more business days must be given in writing with one of the reasons in § 3(e).",
        fees="Under § 6(b) the first 50 pages of black-and-white letter or legal copies are free and further pages cost at most 15 cents each; electronic copies may be charged only for the medium. I ask for a waiver because this request is in the public interest, to share information about the health, safety and welfare or the legal rights of the public (§ 6(c)).",
        denial="If you deny any part, please say so in writing with a detailed factual basis, the exemption claimed and the names and titles of those responsible (§ 9(a)), and release the rest (§ 7(1)). I may ask the Attorney General's Public Access Counselor to review a denial within 60 days (§ 9.5(a)) or go to court (§ 11), where a requester who prevails recovers attorney fees (§ 11(i)).",
    ),
    "USA-OH": StateLetter(
        law="the Ohio Public Records Act, R.C. 149.43",
        misconduct="Incident reports, and records of internal investigations and discipline of officers, are public records; the exception for confidential law enforcement investigatory records is limited to the specific harms listed in R.C. 149.43(A)(2) (such as the identity of an uncharged suspect or a confidential source), and the rest of a record must be released.",
        body_cameras="Body-worn and dashboard camera recordings are public records except for the restricted portions R.C. 149.43(A)(17) defines, which may be redacted; please release the rest of each recording.",
        technology="Contracts, invoices, policies and records of use of police technology are public records under R.C. 149.43(A)(1); please name the specific exception for anything withheld.",
        deadline="R.C. 149.43(B)(1) requires that records be made available promptly and copies provided within a reasonable period of time; the law sets no fixed number of days.",
        fees="You may charge only the actual cost of copies (R.C. 149.43(B)(1)) and of mailing (B)(7); I am not required to give my identity or the reason for this request (B)(4).",
        denial="If you deny any part, please give me an explanation with the legal authority for the denial (R.C. 149.43(B)(3)) and redact rather than withhold (B)(1). I may file a complaint in the Court of Claims under R.C. 2743.75 or bring an action in mandamus under R.C. 149.43(C), where statutory damages and attorney fees may be awarded (C)(2)-(3).",
    ),
    "USA-GA": StateLetter(
        law="the Georgia Open Records Act, O.C.G.A. § 50-18-70 et seq.",
        misconduct="Records of an investigation of a public officer or employee are exempt only until 10 days after the investigation is submitted for final action or ends (O.C.G.A. § 50-18-72(a)(8)), and initial police arrest reports and incident reports are public even while an investigation is pending (§ 50-18-72(a)(4)).",
        body_cameras="Recordings from law enforcement cameras are public records; the exemption in O.C.G.A. § 50-18-72(a)(26.2) covers only recordings made in places where there is a reasonable expectation of privacy, under the conditions it lists; please release every recording and part of a recording outside it.",
        technology="Contracts, invoices and policies for police technology are public records under O.C.G.A. § 50-18-70(b); please cite the specific exemption in § 50-18-72 for anything withheld.",
        deadline="O.C.G.A. § 50-18-71(b)(1)(A) requires you to produce the records within a reasonable amount of time not to exceed three business days, or within that time to describe the records and give a timeline for producing them.",
        fees="Copies cost at most 10 cents a page (§ 50-18-71(c)(2)); search, retrieval and redaction time may be charged at the hourly rate of the lowest-paid qualified full-time employee, with the first quarter hour free (§ 50-18-71(c)(1)). Please send an estimate before any charge over $25 (§ 50-18-71(d)).",
        denial="If you withhold anything, please name the specific legal authority, with code section, subsection and paragraph, within three business days (§ 50-18-71(d)), and release the rest. Georgia has no administrative appeal: I may bring an action in superior court, or ask the Attorney General to (§ 50-18-73(a)), and the court may award attorney fees (§ 50-18-73(b)).",
    ),
    "USA-NC": StateLetter(
        law="the North Carolina Public Records Act, G.S. § 132-1 et seq.",
        misconduct="Records of criminal investigations are not public, but G.S. § 132-1.4(c) keeps open the time, date, location and nature of a violation, the name, age and address of a person arrested, the circumstances of the arrest and the contents of 911 calls. For officers of a city or county, the date and type of each dismissal, suspension or demotion for disciplinary reasons and, for a dismissal, the written notice of the final decision, are public (G.S. § 160A-168(b)(11); § 153A-98(b)(11)).",
        body_cameras="Under G.S. § 132-1.4A recordings are neither public records nor personnel records: a person in a recording may ask the agency to disclose it (§ 132-1.4A(c)), and release to others needs an order of the superior court (§ 132-1.4A(g)). The agency's policies, contracts and logs about its cameras are public records, and I request those.",
        technology="Contracts, purchase records and policies for police technology are public records under G.S. § 132-1(a); please cite the specific statute for anything withheld.",
        deadline="G.S. § 132-6(a) requires you to permit inspection at reasonable times and to furnish copies as promptly as possible; the law sets no fixed number of days.",
        fees="Under G.S. § 132-6.2 you may charge only the actual cost of copies, and a special service charge only where the request needs extensive use of information technology or clerical support; please tell me in advance if one applies.",
        denial="If you withhold anything, please cite the statute you rely on and release the rest: confidential information mixed into a record does not justify withholding the whole of it (G.S. § 132-6(c)). If records are withheld wrongly I may bring an action under G.S. § 132-9, and the court may award attorney fees to a requester who substantially prevails (§ 132-9(c)).",
    ),
    "USA-MI": StateLetter(
        law="the Michigan Freedom of Information Act, MCL 15.231 et seq.",
        misconduct="Internal affairs and disciplinary records of officers may be withheld as law enforcement personnel records only where the public body shows that the public interest in disclosure does not outweigh the interest in keeping them confidential (MCL 15.243(1)(s)(ix)); investigating records may be withheld only for the specific harms MCL 15.243(1)(b) lists, and the rest must be separated and released (MCL 15.244).",
        body_cameras="Recordings from body-worn cameras are public records; where a part is exempt under MCL 15.243, please separate it and release the rest, as MCL 15.244 requires.",
        technology="Contracts, invoices and policies for police technology are public records under MCL 15.232; please identify the specific subsection of MCL 15.243 for anything withheld.",
        deadline="MCL 15.235(2) requires a response within five business days: granting, denying, granting in part, or extending the time by written notice for no more than 10 more business days.",
        fees="Fees are limited to the costs MCL 15.234 allows and must be itemized on the public body's standard form; labour may be charged only where not charging would result in unreasonably high costs. I ask that fees be waived or reduced because searching for and furnishing these records is in the public interest and primarily benefits the general public (MCL 15.234(2)).",
        denial="If you deny any part, please explain the basis under the Act in writing and tell me of my right to appeal, as MCL 15.235 requires. I may appeal in writing to the head of the public body, who must answer within 10 business days (MCL 15.240(1)-(2)), or go to the circuit court within 180 days; a requester who prevails recovers attorney fees, and the court may award $1,000 in punitive damages for an arbitrary and capricious denial (MCL 15.240(6)-(7)). Excessive fees may be appealed under MCL 15.240a.",
    ),
}


_FRAME = """{{ date }}

{{ agency }}
Attn: Public Records Officer

Dear Public Records Officer:

I request public records under {law}. Please provide copies of the following records held by {{ agency }}, dated or in effect {{ date_range }}:

{records}

{reach}

{deadline} {{ deadline_sentence }}

I would like to receive the records as {{ delivery_format }}, in electronic form where they exist in that form. {fees} Please tell me before incurring any fees above {{ fee_cap }}.

{denial} If another agency holds some of these records, please tell me which one. I am happy to narrow or clarify this request if that helps you respond sooner.

Thank you for your help.

Sincerely,

{{ requester_name }}
{{ requester_contact }}
"""


def reach_for(letter: StateLetter, subject: str) -> str:
    if subject in OFFICER_SUBJECTS or subject in INCIDENT_SUBJECTS:
        return letter.misconduct
    if subject == Subject.BODY_CAMERAS:
        return letter.body_cameras
    return letter.technology


def letter_body(*, state: str, subject: str) -> str:
    letter = STATES[state]
    return (
        _FRAME.replace("{law}", letter.law)
        .replace("{records}", records_list(subject, "en"))
        .replace("{reach}", reach_for(letter, subject))
        .replace("{deadline}", letter.deadline)
        .replace("{fees}", letter.fees)
        .replace("{denial}", letter.denial)
    )
