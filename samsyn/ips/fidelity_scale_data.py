# ruff: noqa: E501  (anchor texts are whole Swedish sentences; splitting them hurts editing)
"""The default IPS Fidelity Scale: 25 items in three sections, with Swedish names and 1–5
anchor texts written for Samsyn (short summaries of what each item of the published scale
measures, not the published text). A förbund gets a copy as its version 1 when first needed.

The ``key`` of an item is stable across versions and förbund; the score proposals
(``fidelity_proposals.py``) and the API refer to items by it.
"""

from __future__ import annotations

from dataclasses import dataclass

STAFFING = "bemanning"
ORGANIZATION = "organisation"
SERVICES = "tjanster"


@dataclass(frozen=True)
class DefaultItem:
    key: str
    section: str
    name: str
    anchors: tuple[str, str, str, str, str]  # score 1 … score 5


DEFAULT_SCALE_NAME = "IPS Fidelity Scale (svensk version)"

DEFAULT_ITEMS: tuple[DefaultItem, ...] = (
    DefaultItem(
        "caseload_size",
        STAFFING,
        "Antal deltagare per coach",
        (
            "41 eller fler deltagare per coach.",
            "31–40 deltagare per coach.",
            "26–30 deltagare per coach.",
            "21–25 deltagare per coach.",
            "Högst 20 deltagare per coach.",
        ),
    ),
    DefaultItem(
        "employment_services_staff",
        STAFFING,
        "Coacher arbetar bara med arbete",
        (
            "Coacherna ägnar under 60 % av tiden åt arbetsinriktat stöd.",
            "Coacherna ägnar 60–74 % av tiden åt arbetsinriktat stöd.",
            "Coacherna ägnar 75–89 % av tiden åt arbetsinriktat stöd.",
            "Coacherna ägnar 90–95 % av tiden åt arbetsinriktat stöd.",
            "Coacherna ägnar minst 96 % av tiden åt arbetsinriktat stöd.",
        ),
    ),
    DefaultItem(
        "vocational_generalists",
        STAFFING,
        "Coacher som generalister",
        (
            "Coachen gör bara en del av processen; deltagaren lämnas över mellan flera personer.",
            "Coachen gör två av faserna (inskrivning, kartläggning, jobbsökning, stöd i arbete).",
            "Coachen gör tre av faserna men lämnar över en del till andra.",
            "Coachen gör alla faser men lämnar ibland över stödet i arbetet.",
            "Samma coach följer deltagaren genom alla faser, från inskrivning till stöd i arbete.",
        ),
    ),
    DefaultItem(
        "integration_team_assignment",
        ORGANIZATION,
        "Samverkan med vården genom tillhörighet i team",
        (
            "Coacherna hör inte till något behandlingsteam.",
            "Coacherna har kontakt med behandlare men hör inte till teamen.",
            "Coacherna hör till ett team, men under hälften av deltagarna har sin behandlare där.",
            "Coacherna hör till 1–2 team där de flesta av deltagarnas behandlare finns.",
            "Coacherna hör till 1–2 behandlingsteam där minst 90 % av deltagarnas behandlare finns.",
        ),
    ),
    DefaultItem(
        "integration_team_contact",
        ORGANIZATION,
        "Samverkan med vården genom täta teamkontakter",
        (
            "Coacherna träffar behandlingsteamen sällan eller aldrig.",
            "Coacherna träffar teamen mer sällan än varje månad.",
            "Coacherna går på teamens möten varje månad och delar viss information.",
            "Coacherna går på teamens möten varje vecka men samordnar bara delvis.",
            "Coacherna går på teamens möten varje vecka och planerar stödet gemensamt med vården.",
        ),
    ),
    DefaultItem(
        "collaboration_vocational_rehab",
        ORGANIZATION,
        "Samverkan med Arbetsförmedlingen",
        (
            "Ingen kontakt med Arbetsförmedlingens handläggare.",
            "Kontakt med Arbetsförmedlingen bara vid enstaka ärenden.",
            "Kontakt minst varje kvartal men ingen gemensam planering.",
            "Kontakt varje månad och viss gemensam planering.",
            "Täta kontakter (minst varje månad) med gemensam planering för delade deltagare.",
        ),
    ),
    DefaultItem(
        "vocational_unit",
        ORGANIZATION,
        "Enhet för arbetsinriktat stöd",
        (
            "Coacherna arbetar var för sig utan gemensam handledning.",
            "Coacherna träffas sällan och har ingen gemensam handledning.",
            "Minst två coacher med gemensamma möten varje månad.",
            "Minst två coacher med gemensam handledning varannan vecka.",
            "Minst två coacher och en chef som träffas varje vecka, täcker upp för varandra och delar arbetsgivarkontakter.",
        ),
    ),
    DefaultItem(
        "supervisor_role",
        ORGANIZATION,
        "Arbetsledarens roll",
        (
            "Ingen arbetsledare eller handledare för IPS-arbetet.",
            "Arbetsledaren gör en av uppgifterna nedan.",
            "Arbetsledaren gör två–tre av uppgifterna nedan.",
            "Arbetsledaren gör fyra av uppgifterna nedan.",
            "Arbetsledaren leder högst tio coacher, handleder varje vecka, följer upp resultat, gör fältbesök och ser till att nya coacher lärs upp.",
        ),
    ),
    DefaultItem(
        "zero_exclusion",
        ORGANIZATION,
        "Inga uteslutningskriterier",
        (
            "Många utestängs på grund av ”arbetsförmåga”, missbruk, symtom eller historik.",
            "Flera uteslutningskriterier används.",
            "Ett par uteslutningskriterier används, ibland informellt.",
            "I princip inga krav, men remittenter sållar ibland bort personer.",
            "Alla som vill arbeta får delta; ingen sållning, och verksamheten uppmuntrar remisser brett.",
        ),
    ),
    DefaultItem(
        "agency_focus_competitive",
        ORGANIZATION,
        "Verksamhetens fokus på arbete på reguljära arbetsmarknaden",
        (
            "Verksamheten visar inget tydligt fokus på arbete.",
            "Ett av sätten nedan används för att visa fokus på arbete.",
            "Två av sätten nedan används.",
            "Tre av sätten nedan används.",
            "Verksamheten frågar alla om arbete vid start, informerar om IPS, delar framgångsberättelser och följer upp sysselsättning.",
        ),
    ),
    DefaultItem(
        "executive_team_support",
        ORGANIZATION,
        "Ledningens stöd",
        (
            "Ledningen stöder inte IPS aktivt.",
            "Ledningen gör en av stödåtgärderna nedan.",
            "Ledningen gör två–tre av stödåtgärderna.",
            "Ledningen gör fyra av stödåtgärderna.",
            "Ledningen känner till IPS, följer programtroheten, har en styrgrupp som träffas minst varje halvår och tar med IPS i mål och planer.",
        ),
    ),
    DefaultItem(
        "work_incentives_planning",
        SERVICES,
        "Bidragsrådgivning",
        (
            "Deltagarna får ingen hjälp att förstå hur arbete påverkar deras ersättningar.",
            "Deltagarna hänvisas till andra utan uppföljning.",
            "Coachen ger allmän information om ersättningar.",
            "Deltagarna erbjuds individuell rådgivning men inte alltid innan de tar ett jobb.",
            "Alla erbjuds individuell bidragsrådgivning av kunnig person innan de börjar arbeta och när något ändras.",
        ),
    ),
    DefaultItem(
        "disclosure",
        SERVICES,
        "Öppenhet om funktionsnedsättning",
        (
            "Coachen tar inte upp frågan om att berätta för arbetsgivaren.",
            "Coachen bestämmer själv vad arbetsgivaren får veta.",
            "Frågan tas upp, men bara en gång och utan konkreta val.",
            "Deltagaren får stöd att välja, men bara vid början.",
            "Coachen går igenom för- och nackdelar med deltagaren och hjälper hen att välja vad som ska berättas, vid flera tillfällen.",
        ),
    ),
    DefaultItem(
        "ongoing_assessment",
        SERVICES,
        "Löpande kartläggning i arbete",
        (
            "Kartläggningen görs i arbetsträning eller tester före jobbsökningen.",
            "Kartläggningen är långvarig och sker mest utanför arbetslivet.",
            "Kartläggningen är kort men sker mest före jobbsökningen.",
            "Kartläggningen uppdateras ibland utifrån erfarenheter från arbete.",
            "Karriärprofilen uppdateras löpande med det deltagaren lär sig i varje jobb.",
        ),
    ),
    DefaultItem(
        "rapid_job_search",
        SERVICES,
        "Snabb jobbsökning",
        (
            "Första personliga mötet med en arbetsgivare om ett konkurrensutsatt arbete sker i genomsnitt 271 dagar eller mer efter inskrivningen.",
            "Första personliga mötet med en arbetsgivare sker i genomsnitt 151–270 dagar efter inskrivningen.",
            "Första personliga mötet med en arbetsgivare sker i genomsnitt 61–150 dagar efter inskrivningen.",
            "Första personliga mötet med en arbetsgivare sker i genomsnitt 31–60 dagar efter inskrivningen.",
            "Första personliga mötet med en arbetsgivare om ett konkurrensutsatt arbete sker i genomsnitt inom 30 dagar från inskrivningen.",
        ),
    ),
    DefaultItem(
        "individualized_job_search",
        SERVICES,
        "Individuell jobbsökning",
        (
            "Jobben väljs utifrån vad som finns, inte utifrån deltagarens önskemål.",
            "Få arbetsgivarkontakter utgår från deltagarens önskemål.",
            "Ungefär hälften av kontakterna utgår från deltagarens önskemål.",
            "De flesta kontakterna utgår från deltagarens önskemål.",
            "Kontakterna utgår från deltagarens intressen, styrkor och önskemål i karriärprofilen.",
        ),
    ),
    DefaultItem(
        "job_development_frequency",
        SERVICES,
        "Jobbutveckling – täta arbetsgivarkontakter",
        (
            "Färre än två personliga arbetsgivarmöten per coach och vecka.",
            "Två–tre personliga arbetsgivarmöten per coach och vecka.",
            "Fyra personliga arbetsgivarmöten per coach och vecka.",
            "Fem personliga arbetsgivarmöten per coach och vecka.",
            "Minst sex personliga arbetsgivarmöten per coach och vecka, dokumenterade.",
        ),
    ),
    DefaultItem(
        "job_development_quality",
        SERVICES,
        "Jobbutveckling – kvalitet i arbetsgivarkontakterna",
        (
            "Coachen lämnar mest cv och frågar efter lediga jobb.",
            "Coachen besöker arbetsgivare men bygger sällan relationer.",
            "Coachen bygger ibland relationer och lär sig om arbetsgivarens behov.",
            "Coachen bygger ofta relationer i flera möten.",
            "Coachen bygger relationer i flera möten, lär sig arbetsgivarens behov och föreslår lösningar som passar båda.",
        ),
    ),
    DefaultItem(
        "diversity_job_types",
        SERVICES,
        "Variation i typer av jobb",
        (
            "Under 50 % av jobben är av olika slag.",
            "50–59 % av jobben är av olika slag.",
            "60–72 % av jobben är av olika slag.",
            "73–84 % av jobben är av olika slag.",
            "Minst 85 % av jobben är av olika slag.",
        ),
    ),
    DefaultItem(
        "diversity_employers",
        SERVICES,
        "Variation bland arbetsgivare",
        (
            "Under 50 % av jobben finns hos olika arbetsgivare.",
            "50–59 % av jobben finns hos olika arbetsgivare.",
            "60–72 % av jobben finns hos olika arbetsgivare.",
            "73–84 % av jobben finns hos olika arbetsgivare.",
            "Minst 85 % av jobben finns hos olika arbetsgivare.",
        ),
    ),
    DefaultItem(
        "competitive_jobs",
        SERVICES,
        "Arbete på reguljära arbetsmarknaden",
        (
            "Under 64 % av jobben är konkurrensutsatta.",
            "64–74 % av jobben är konkurrensutsatta.",
            "75–84 % av jobben är konkurrensutsatta.",
            "85–94 % av jobben är konkurrensutsatta.",
            "Minst 95 % av jobben är konkurrensutsatta: vanlig lön, öppna för alla.",
        ),
    ),
    DefaultItem(
        "individualized_follow_along",
        SERVICES,
        "Individuellt stöd i arbetet",
        (
            "Inget stöd efter att deltagaren börjat arbeta.",
            "Samma stöd ges till alla, oavsett behov.",
            "Stödet är delvis anpassat men mest från coachen.",
            "Stödet är anpassat och ges av flera, men inte alltid utifrån önskemål.",
            "Stödet anpassas efter deltagarens önskemål och jobb, och ges av coach, vård och arbetsgivare.",
        ),
    ),
    DefaultItem(
        "time_unlimited_follow_along",
        SERVICES,
        "Stöd i arbetet utan tidsgräns",
        (
            "Inget stöd efter anställning, eller stödet tar slut efter en fast tid.",
            "Stödet tar slut efter några månader oavsett behov.",
            "Stöd ges i ungefär ett halvår.",
            "Stöd ges i ungefär ett år men avslutas ibland för tidigt.",
            "Stöd ges så länge deltagaren vill och behöver; övergången till annat stöd planeras tillsammans.",
        ),
    ),
    DefaultItem(
        "community_based_services",
        SERVICES,
        "Stöd ute i samhället",
        (
            "Coachen träffar deltagare och arbetsgivare nästan bara på kontoret.",
            "Under 30 % av tiden ute i samhället.",
            "30–49 % av tiden ute i samhället.",
            "50–64 % av tiden ute i samhället.",
            "Minst 65 % av coachens tid används ute i samhället, hos deltagare och arbetsgivare.",
        ),
    ),
    DefaultItem(
        "assertive_engagement",
        SERVICES,
        "Aktiv uppsökande kontakt",
        (
            "Ingen uppsökande kontakt när en deltagare slutar höra av sig.",
            "Deltagaren skrivs ut efter en eller två missade kontakter.",
            "Ett par försök görs, sedan avslutas kontakten.",
            "Flera försök görs under en kortare tid.",
            "Coachen söker aktivt kontakt på flera sätt, under lång tid, och samarbetar med vården innan stödet avslutas.",
        ),
    ),
)

__all__ = ["DEFAULT_ITEMS", "DEFAULT_SCALE_NAME", "DefaultItem"]
