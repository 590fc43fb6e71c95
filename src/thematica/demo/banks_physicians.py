"""Synthetic text bank for the ``demo_physicians`` demo study.

Forty-two semi-structured, case-based interviews with psychiatrists and
family physicians about AI in mental-health care. All text is invented;
no sentence refers to a real person, place or product.
"""

from __future__ import annotations

STUDY = {
    "name": "demo_physicians",
    "description": (
        "A synthetic qualitative study of 42 semi-structured, case-based interviews "
        "(about 30 minutes each) with 21 psychiatrists and 21 family-medicine physicians "
        "on the use of AI in mental-health care. Each interview discusses two or three of "
        "four clinical vignettes: a pharmacogenomic prescribing tool, a CBT chatbot used "
        "by a patient between visits, an AI differential-diagnosis assistant, and AI "
        "suicide-risk flagging from the record and clinical notes. The corpus is generated "
        "for demonstrating a reproducible thematic-analysis pipeline; all participants, "
        "cases and products are fictional."
    ),
    "group_column": "specialty",
    "groups": {"psychiatry": 21, "family_medicine": 21},
    "group_labels": {"psychiatry": "Psychiatry", "family_medicine": "Family medicine"},
}

THEMES = {
    "relationship": {
        "label": "Therapeutic relationship",
        "definition": (
            "How AI tools bear on the clinician-patient relationship: the value of human "
            "presence, the authenticity of machine-generated care, and shifts in alliance, "
            "trust and transference when a tool enters the treatment."
        ),
    },
    "shared_decisions": {
        "label": "Shared decision-making",
        "definition": (
            "How decisions about diagnosis and treatment are negotiated between clinician, "
            "patient and tool: patient choice, clinical authority, AI output as a shared "
            "object of discussion, and patients who arrive with AI-derived conclusions."
        ),
    },
    "transparency": {
        "label": "Transparency and disclosure",
        "definition": (
            "Whether and how AI use and AI reasoning are made visible: telling patients, "
            "explaining outputs in plain terms, the opacity of models, and what happens to "
            "the data that feeds them."
        ),
    },
    "safety": {
        "label": "Clinical safety and workflow",
        "definition": (
            "The practical and medicolegal conditions under which AI is used safely: "
            "accountability, fit with time-pressured clinical work, access to care, alert "
            "burden and the documentation that AI outputs generate."
        ),
    },
}

#: The study's deid_allowlist.txt (written by the generator, also for scaled copies of the study).
DEID_ALLOWLIST = """\
# Known false positives of the deidentification scan for this study: one term per line, matched
# case-insensitively as whole words; "re:" starts a regular expression. See config/README.md (deid).
# Invented product names used in the interview cases:
CalmCoach
ClinSight
DiffFinder
DxAssist
GeneGuide
GenoRx
MindMate
MoodBridge
SteadyMind
ThoughtPal
# Common words capitalised at the start of a sentence or after a speaker label, tagged as a name, place
# or organisation ("P0548: Confidentiality is..." in a 1,000-interview copy of the study):
Confidentiality
Malpractice
Psychiatric
Psychotherapy
Technology
"""

CODES = [
    {
        "code": "human_presence",
        "theme": "relationship",
        "label": "Irreplaceable human presence",
        "definition": (
            "Participant argues that the physical, emotional or continuous presence of a human "
            "clinician is itself therapeutic and cannot be substituted by an AI tool. Include "
            "statements about being seen, witnessed, contained or known over time by a person."
        ),
        "prevalence": {"psychiatry": 0.85, "family_medicine": 0.40},
        "emerges_from": None,
    },
    {
        "code": "simulated_empathy",
        "theme": "relationship",
        "label": "Simulated empathy concerns",
        "definition": (
            "Participant questions the authenticity of caring or validating language produced by "
            "AI, describing it as scripted, hollow or potentially misleading. Include worries that "
            "patients mistake generated warmth or agreement for genuine understanding."
        ),
        "prevalence": {"psychiatry": 0.55, "family_medicine": 0.53},
        "emerges_from": None,
    },
    {
        "code": "alliance_effects",
        "theme": "relationship",
        "label": "Alliance and transference effects",
        "definition": (
            "Participant describes how introducing AI changes the therapeutic alliance, trust or "
            "transference dynamics, for better or worse. Include triangulation, splitting, ruptures "
            "and the patient's relationship to the tool spilling into the relationship with the clinician."
        ),
        "prevalence": {"psychiatry": 0.75, "family_medicine": 0.20},
        "emerges_from": None,
    },
    {
        "code": "patient_autonomy",
        "theme": "shared_decisions",
        "label": "Patient autonomy and preference",
        "definition": (
            "Participant stresses the patient's right to choose, decline or opt out of AI-informed "
            "care, or says patient values and preferences should outweigh tool recommendations. "
            "Include comments on consent to participate and on respecting refusal."
        ),
        "prevalence": {"psychiatry": 0.50, "family_medicine": 0.48},
        "emerges_from": None,
    },
    {
        "code": "clinician_authority",
        "theme": "shared_decisions",
        "label": "Clinician keeps final say",
        "definition": (
            "Participant insists that AI remain advisory and that the clinician stay in the loop "
            "with final decision-making authority. Include statements about overriding the tool, "
            "clinical judgment taking precedence, and resisting algorithm-as-default designs."
        ),
        "prevalence": {"psychiatry": 0.72, "family_medicine": 0.70},
        "emerges_from": None,
    },
    {
        "code": "conversation_starter",
        "theme": "shared_decisions",
        "label": "AI output as conversation opener",
        "definition": (
            "Participant describes using an AI output (report, summary, flag, differential) as a "
            "prompt or shared artifact to open a conversation with the patient. Code only when the "
            "output is framed as facilitating dialogue rather than deciding care."
        ),
        "prevalence": {"psychiatry": 0.35, "family_medicine": 0.60},
        "emerges_from": None,
    },
    {
        "code": "self_diagnosis",
        "theme": "shared_decisions",
        "label": "Patients bring AI self-diagnoses",
        "definition": (
            "Participant reports patients arriving with diagnoses, drug requests or plans generated "
            "by consumer chatbots, and the negotiation this requires. Include both positive and "
            "negative accounts of working with the AI-derived conclusion."
        ),
        "prevalence": {"psychiatry": 0.40, "family_medicine": 0.60},
        "emerges_from": 26,
    },
    {
        "code": "explaining_output",
        "theme": "transparency",
        "label": "Explaining AI output to patients",
        "definition": (
            "Participant discusses how to translate AI outputs such as gene reports, risk scores or "
            "ranked differentials into terms patients can understand, or the difficulty of doing so. "
            "Include analogies, scripts and concerns about misinterpretation."
        ),
        "prevalence": {"psychiatry": 0.45, "family_medicine": 0.48},
        "emerges_from": None,
    },
    {
        "code": "disclosure",
        "theme": "transparency",
        "label": "Disclosing AI use to patients",
        "definition": (
            "Participant takes a position on whether, when or how patients should be told that AI "
            "is involved in their care. Include informed consent, notices, open-notes visibility and "
            "objections to covert use."
        ),
        "prevalence": {"psychiatry": 0.60, "family_medicine": 0.58},
        "emerges_from": None,
    },
    {
        "code": "black_box",
        "theme": "transparency",
        "label": "Black-box and evidence concerns",
        "definition": (
            "Participant objects to not knowing how the tool reaches its output, or asks for reasons, "
            "training data, validation or evidence before trusting it. Include concerns about "
            "proprietary logic and hidden bias."
        ),
        "prevalence": {"psychiatry": 0.65, "family_medicine": 0.45},
        "emerges_from": None,
    },
    {
        "code": "data_privacy",
        "theme": "transparency",
        "label": "Privacy of mental-health data",
        "definition": (
            "Participant raises confidentiality or data-use concerns about what AI tools collect, "
            "where the data goes and who may access it, such as vendors, insurers, employers or family. "
            "Include genetic data and chatbot transcripts."
        ),
        "prevalence": {"psychiatry": 0.55, "family_medicine": 0.35},
        "emerges_from": None,
    },
    {
        "code": "liability",
        "theme": "safety",
        "label": "Liability and accountability",
        "definition": (
            "Participant discusses who is responsible or legally exposed when AI is wrong, when its "
            "advice is ignored, or when standards of care shift. Include malpractice fears and "
            "defensive practice or documentation."
        ),
        "prevalence": {"psychiatry": 0.40, "family_medicine": 0.62},
        "emerges_from": None,
    },
    {
        "code": "workflow_fit",
        "theme": "safety",
        "label": "Time pressure and workflow fit",
        "definition": (
            "Participant judges the tool by whether it fits short visits, clinic flow and the EHR, "
            "saving or costing time. Include clicks, inbox load, turnaround time and integration."
        ),
        "prevalence": {"psychiatry": 0.25, "family_medicine": 0.85},
        "emerges_from": None,
    },
    {
        "code": "access_relief",
        "theme": "safety",
        "label": "Access and wait-list relief",
        "definition": (
            "Participant sees AI as a way to extend scarce mental-health care, bridge wait lists or "
            "gaps between visits, or let primary care manage more. Include shortage of specialists "
            "and cost barriers."
        ),
        "prevalence": {"psychiatry": 0.20, "family_medicine": 0.80},
        "emerges_from": None,
    },
    {
        "code": "alert_fatigue",
        "theme": "safety",
        "label": "Alert fatigue and false positives",
        "definition": (
            "Participant worries that frequent or low-specificity AI flags will be ignored, dilute "
            "meaningful warnings or desensitize clinicians. Include comparisons with existing EHR alerts."
        ),
        "prevalence": {"psychiatry": 0.40, "family_medicine": 0.60},
        "emerges_from": None,
    },
    {
        "code": "ai_note_burden",
        "theme": "safety",
        "label": "Documentation burden of AI outputs",
        "definition": (
            "Participant describes new documentation work created by AI, such as reviewing and "
            "correcting AI-drafted notes or summaries, acknowledging outputs, or justifying overrides "
            "in the chart."
        ),
        "prevalence": {"psychiatry": 0.35, "family_medicine": 0.55},
        "emerges_from": 31,
    },
]

CASES = {
    "pgx": {
        "label": "Pharmacogenomic prescribing tool",
        "vignettes": [
            "Let's start with a prescribing scenario. A patient with depression has failed two antidepressants, and an AI tool reads their gene panel, things like CYP2D6 and CYP2C19, and recommends the next drug and dose. What's your first reaction?",
            "Here's the first case. Your patient's {panel} comes back, and the software sorts antidepressants into green, yellow and red based on how they're likely to metabolize them. How would you use something like that?",
            "Imagine a tool that combines a patient's pharmacogenomic results with their medication history and suggests an antidepressant. It says the drug they're on now is probably poorly metabolized. How would that play out in your practice?",
            "So, the first scenario. An AI system recommends switching a patient off {drug} based on a gene test, and the patient asks you whether they should follow it. What would you do, and how would you talk it through?",
        ],
        "codes": [
            "clinician_authority",
            "patient_autonomy",
            "explaining_output",
            "black_box",
            "conversation_starter",
            "access_relief",
            "liability",
            "workflow_fit",
            "data_privacy",
        ],
    },
    "chatbot": {
        "label": "CBT chatbot between visits",
        "vignettes": [
            "Next, picture a patient using a CBT chatbot, something like {app}, between visits. It walks them through thought records and mood tracking and sends you a weekly summary. What do you make of that?",
            "Here's a different case. A patient tells you they've been talking every night to an app that does cognitive behavioral exercises with them, and they say it helps more than anything else. How would you respond?",
            "Let's imagine your clinic offers a chatbot for patients with mild to moderate depression or anxiety while they wait for care. It's available around the clock and uses CBT techniques. What are your thoughts?",
            "This scenario is about a conversational app. A patient you're treating for anxiety has been using {app} between appointments and brings up something the app told them. How would you handle that?",
        ],
        "codes": [
            "human_presence",
            "simulated_empathy",
            "alliance_effects",
            "data_privacy",
            "access_relief",
            "disclosure",
            "self_diagnosis",
            "ai_note_burden",
        ],
    },
    "ddx": {
        "label": "AI differential-diagnosis assistant",
        "vignettes": [
            "Now an AI differential-diagnosis assistant. It reads the history and gives a ranked list of possible diagnoses, say bipolar versus unipolar depression versus a thyroid problem. How would that fit into your thinking?",
            "Imagine a tool like {tool} built into the chart that suggests possible diagnoses for a patient with low mood, poor sleep and irritability. Would you want that, and how would you use it?",
            "Here's a case where the AI suggests a diagnosis you hadn't considered, for example adult ADHD in a patient you've been treating for anxiety. What would you do with that?",
            "Let's talk about diagnostic support. A system reviews the patient's symptoms and history and proposes a differential with probabilities attached. How do you see that affecting your assessment and the conversation with the patient?",
        ],
        "codes": [
            "clinician_authority",
            "black_box",
            "self_diagnosis",
            "explaining_output",
            "liability",
            "workflow_fit",
            "alliance_effects",
            "patient_autonomy",
            "ai_note_burden",
        ],
    },
    "risk_flag": {
        "label": "AI suicide-risk flagging",
        "vignettes": [
            "The next case is about suicide risk. An algorithm reads the record and clinical notes and flags patients it thinks are at elevated risk, and one of your patients gets flagged today. What happens next?",
            "Imagine a banner in the chart saying the AI model rates this patient's suicide risk as high, based on their notes and visits. The patient is in for something unrelated. How would you handle that?",
            "Here's a scenario about risk prediction. The health system runs a model across all records and sends clinicians a list of patients flagged for possible suicide risk. What do you think of that?",
            "This case involves an AI tool that scans notes, diagnoses and prescriptions to estimate suicide risk. It flags someone you saw recently and felt was doing fine. How would you react?",
        ],
        "codes": [
            "alert_fatigue",
            "disclosure",
            "liability",
            "data_privacy",
            "alliance_effects",
            "conversation_starter",
            "black_box",
            "human_presence",
            "ai_note_burden",
        ],
    },
}

SENTENCES = {
    "human_presence": {
        "any": [
            "At the end of the day, somebody sitting across from you who actually cares whether you come back next week — that's a lot of the treatment.",
            "I don't think a program can hold somebody's despair the way a person in the room can, I just don't.",
            "There's something about being seen by another human being, like, actually seen, that you can't download onto a phone.",
            "People don't get better because they got the right information, they get better because someone stuck with them.",
            "Honestly the silence matters, sitting with someone while they cry, and no app is going to sit with anybody.",
            "You can automate a lot of things but not the part where a patient looks at you and decides whether to trust you.",
            "My worry is we convince ourselves the human part was optional, and it never was, it was kind of the whole point.",
            "When somebody's at their worst they want a person, not a screen, and that's been my experience pretty much every time.",
            "I'd say the tool can do the facts, fine, but the being-there, the showing up week after week, that has to stay with us.",
            "Even with {app} doing the exercises, what my patients remember afterwards is who was there for them, not what the software said.",
        ],
        "psychiatry": [
            "In my work the relationship is the instrument, so if you take me out of the room you've taken away the main tool.",
            "A lot of what I do with a chronically suicidal patient is just being a steady person who doesn't flinch, and you can't code that.",
            "Containment — I keep coming back to that word — a patient needs a person who can tolerate what they bring in, and a chatbot just reflects it back.",
            "With my patients with personality disorders especially, it's the consistency of one human being over years that does the healing, not any particular technique.",
            "Psychodynamically speaking the patient has to internalize someone, and I'm not sure you can internalize a language model.",
            "A med check looks like fifteen minutes about {drug}, but really it's fifteen minutes of me being a person who remembers them.",
            "The holding environment, you know, that's not an app feature, that's a relationship over time with an actual clinician.",
            "I've had patients tell me the only reason they stayed alive was knowing they had an appointment with me, and I can't picture anyone saying that about software.",
        ],
        "family_medicine": [
            "Half my job is being the doctor who knew their mom and delivered their kid, and that history is why they open up about the depression.",
            "Patients come in for a sore throat and then at the door say they haven't been sleeping, and that only happens because they know me.",
            "In primary care the continuity is the intervention, honestly, it's the same face in the exam room year after year.",
            "My older patients especially want to sit in a room with their doctor, they'd never confide any of that to a phone.",
            "You pick up a lot just from how they walk in and how they're dressed, and the computer never sees any of that.",
            "A lot of my depressed patients are lonely, and the visit with me is one of the few times somebody actually asks how they're doing.",
            "Even with ten minutes, I think the patient feels they were seen by their own doctor, and I don't want to lose that to a portal message.",
            "I'm the one they run into at the grocery store, I'm part of their life, and a screening app is never going to be that.",
        ],
    },
    "simulated_empathy": {
        "any": [
            "It says things like 'that sounds really hard,' and I mean, it doesn't find anything hard, it's a script.",
            "There's something a little dishonest about a machine telling you it understands how you feel.",
            "My concern is the warmth is fake, and patients aren't stupid, at some point they figure out nobody was there.",
            "Empathy that costs the one giving it nothing, I don't know, it feels cheap, kind of like a greeting card.",
            "It's very good at sounding caring, which worries me more, frankly, than if it were obviously robotic.",
            "If someone feels comforted by a simulation of caring, is that okay? I honestly go back and forth on that.",
            "The validation from {app} is constant, it never gets tired, it never gets annoyed, and real empathy just isn't like that.",
            "I worry people will mistake being agreed with for being understood, and those are really different things.",
            "It's programmed to be nice, you know, and being nice to someone isn't the same as being with them.",
        ],
        "psychiatry": [
            "Therapeutic empathy includes my own reaction to the patient, and the model has none, so it's mirroring with no one behind the mirror.",
            "Some of my trauma patients are exquisitely sensitive to fakeness, and a scripted 'I hear you' could land as one more betrayal.",
            "Attunement is not the same as saying the right words, and what these bots produce is the words without the attunement.",
            "When I validate in DBT I'm choosing what to validate, and the bot just validates everything, including the stuff that keeps them stuck.",
            "I had a patient who loved the app because it never challenged her, and that isn't empathy, honestly, that's flattery.",
            "Mentalizing needs a mind on the other side, and here you're asking a struggling patient to mentalize something that has no mind.",
            "The bot's empathy is frictionless, and therapy is partly about the friction, about someone who actually feels something back.",
            "For a patient with psychosis who's already unsure what's real, a machine telling him it cares about him is clinically murky to me.",
        ],
        "family_medicine": [
            "My patients would probably like it because it's nicer than our front desk, but nice words from a program aren't real concern.",
            "I read some of the chatbot replies and it was 'I'm so sorry you're going through this' over and over, and it felt hollow.",
            "Even when I'm rushed, when I say I'm sorry about their husband, I mean it, and I think the patient can tell the difference.",
            "A patient told me {app} really 'gets her,' and I didn't know how to say gently that it doesn't get anything.",
            "The lonely ones, the widowers, they'll get attached to something that sounds kind, and it isn't kind, it's just generating text.",
            "A canned sympathy message, you know, people already hate those in the portal, and this is the same thing dressed up.",
            "I worry it teaches patients to expect an endless patience that no real person, including me, can actually give.",
            "It's supportive in a very generic way, like a poster in the waiting room, which is fine, but I wouldn't call it empathy.",
        ],
    },
    "alliance_effects": {
        "any": [
            "Once there's a third thing in the room, the patient's relationship with me changes, it's not just the two of us anymore.",
            "I'd wonder if the patient starts to feel I handed them off to a machine, and what that does to how they see me.",
            "Some patients will side with the app against me, or with me against the app, and either way it becomes part of the relationship.",
            "If the AI tells them one thing and I say another, now I'm in a sort of triangle, and I have to manage that.",
            "Their trust in me could take a hit if they feel the computer is really the one making the calls.",
            "It could strengthen things too, if they feel I'm using every tool to help them, that can come across as caring.",
            "Their relationship with {app} becomes a relationship too, and it's going to spill over into how they relate to me.",
            "If the chatbot becomes the place they tell the real stuff, then what am I to them, just the prescription person?",
        ],
        "psychiatry": [
            "I'd be very curious about the transference to the bot, like who is it for them, the always-available mother, the judge?",
            "Splitting is a real risk, the good always-available app and the bad psychiatrist who only has twenty minutes a month.",
            "If a patient finds out the system flagged them, that can rupture the alliance badly, they feel surveilled by the person they trusted.",
            "Rupture and repair is where a lot of therapy happens, and I'd want to know whether a rupture with the bot gets brought back to me.",
            "A patient said the app told her the {drug} dose sounded high, and the next session was all about whether she could trust me, which was actually useful material.",
            "In terms of countertransference, I noticed I felt a bit jealous that the patient was confiding in the app, which is interesting in itself.",
            "The gene test takes on meaning too, like 'my biology failed five drugs,' and that shapes how they relate to me and to treatment.",
            "If I lean on the diagnostic assistant, some patients experience me as less of an authority, and for some that's destabilizing and for others freeing.",
        ],
        "family_medicine": [
            "My patients trust me partly because I've known them forever, and I don't want them thinking I'm just reading off a screen now.",
            "If the flag pops up and I bring suicide up out of nowhere, the patient might feel I've been spying, and that changes how they talk to me after.",
            "I had a patient say 'so the computer thinks I'm crazy,' and it took the rest of the visit to get back to where we'd been.",
            "The relationship could actually get better if the app handles the check-ins and we use the visit to really talk.",
            "My worry is they'll start telling the chatbot what they used to tell me, and then I'm out of the loop on my own patient.",
            "A few of my patients would take the AI's word over mine because they think the computer is objective, and that undercuts me.",
            "When I order the {panel}, I notice patients get more hopeful about me, like I'm doing something special, and that's not nothing.",
            "I'd hate for a patient to feel they're getting the robot version of me because I'm too busy, that's a hit to the relationship.",
        ],
    },
    "patient_autonomy": {
        "any": [
            "Ultimately it's the patient's body and the patient's mind, so if they don't want the algorithm involved, that's their call.",
            "Some people love data and want every test, and some want none of it, and I try to follow their lead.",
            "I'd want patients to be able to say no to {app} without feeling like they're getting second-rate care.",
            "If the test points to one drug and the patient really wants to stay on what they know, I'm going to respect that.",
            "Patients have their own reasons, cost, side effects they've heard about, what their sister took, and the AI doesn't weigh any of that.",
            "It should be an option they choose, not something that just happens to them in the background.",
            "I'd offer it, lay out the pros and cons, and let them decide, same as I would with anything else.",
            "What matters to them might be weight gain or sexual side effects, not the gene result, and their priorities should win.",
            "Opting in is key for me, people should know and actually agree, not get enrolled by default.",
        ],
        "psychiatry": [
            "Capacity can fluctuate in psychiatry, sure, but when a patient has capacity their preference about {drug} has to come first.",
            "A patient with bipolar disorder who's tried everything has earned the right to say what they will and won't try, test or no test.",
            "With the suicide flag I worry we're overriding autonomy quietly, because nobody consented to being risk-scored from their notes.",
            "I frame a med trial as an experiment we run together, and the patient gets a veto at every step, whatever the panel says.",
            "Some patients find the gene report empowering because it gives them a say, like 'my body handles this differently,' and I lean into that.",
            "Involuntary care already takes so much from people, I'd hate to see AI add another layer of decisions made about them without them.",
            "If a patient says the chatbot feels intrusive, I'd rather respect that than push it just because it's evidence-based.",
            "The recovery model is about the patient directing their own care, and any tool has to fit into that, not replace it.",
        ],
        "family_medicine": [
            "A lot of my patients have strong opinions about psych meds, and if they don't want a pill, a gene test isn't going to talk them into it.",
            "I'd ask, do you want to try the app, here's what it does, and some will and some won't, and that's fine.",
            "People want to feel in control of their care, especially with mental health, where there's so much stigma already.",
            "If the tool suggests a diagnosis they're not ready to hear, I think they get to decide how fast we go with that.",
            "Some of my older guys don't want anything on the phone, period, and I'm not going to force it on them.",
            "I'd never just enroll somebody in a chatbot program, they'd have to say yes and know they could stop anytime.",
            "Plenty of my patients are choosing between the copay and groceries, so their preference about {drug} includes whether they can afford it.",
            "It's a menu, not a prescription, that's how I'd want to present any of these tools to the patient.",
        ],
    },
    "clinician_authority": {
        "any": [
            "It's a suggestion, that's all, I'm the one signing the order and I'm the one who decides.",
            "I'm fine with it as a second opinion as long as there's a human making the final call.",
            "The tool can flag, it can recommend, but it should never act on its own, ever.",
            "If I disagree with it, I need to be able to override it easily without some big justification screen.",
            "I'd use it the way I use a lab value, one piece of information, not the decision itself.",
            "Clinical judgment has to stay on top, otherwise what are we even doing here?",
            "It can't be the algorithm deciding and me rubber-stamping, that's exactly backwards.",
            "My rule would be it informs, I decide, and I think most of my colleagues feel the same way.",
            "Nothing from {tool} should reach the patient without a clinician looking at it first.",
        ],
        "psychiatry": [
            "I'll look at the {gene} result, but I've been dosing {drug} for years and I'll trust my read of the patient over the panel.",
            "Risk formulation is a clinical judgment that integrates things the record doesn't have, so the flag can inform it but not replace it.",
            "If the differential tool says schizophrenia and I think it's a psychotic depression, my assessment carries the weight, period.",
            "The psychiatrist has to be the decision-maker on any med change, the panel is input and that's it.",
            "What bothers me is when systems get set up so the algorithm's recommendation becomes the default and you have to fight it.",
            "The collateral history, the family, the mental status exam all go into my decision, and the tool sees maybe a third of that.",
            "I'm comfortable being accountable for the decision, but then I have to actually be the one making it.",
            "A diagnostic assistant is fine for a trainee, but ultimately the attending has to own the formulation.",
        ],
        "family_medicine": [
            "I still have to decide if this is depression or thyroid or grief, and no suggestion box gets to make that call for me.",
            "If the suicide flag fires, I'm the one who decides whether and how to have that conversation, not the computer.",
            "I like having something double-check me, but I'm the doctor, and I'm the one who knows this patient.",
            "The {panel} can say whatever it wants, I'm going to look at their other meds and kidney function and make my own choice.",
            "In primary care we juggle twenty problems at once, and the tool doesn't know what else is going on, but I do.",
            "I'd want it clearly labeled a decision aid, it suggests, I choose, and the chart should show that I made the call.",
            "What I don't want is some administrator looking at the AI recommendation and asking me why I didn't follow it.",
            "I've done this long enough to know when something doesn't fit, and I need the freedom to ignore the tool when it's wrong.",
        ],
    },
    "conversation_starter": {
        "any": [
            "Actually the printout is a nice way in, you can say, look, this is what came up, what do you make of it?",
            "Sometimes it's easier to talk about a hard thing when there's a piece of paper between you to point at.",
            "I could see using the flag as a reason to ask the question I should be asking anyway.",
            "The report gives us something concrete to look at together, and that kind of opens things up.",
            "Patients sometimes bring up stuff from {app} that they'd never have said to me cold, and that starts a real conversation.",
            "I think of it as a prompt rather than an answer, something that gets us talking.",
            "If the chatbot summary says they've been down all week, that's my opening line at the visit.",
            "It can break the ice, like, the app noticed you've been sleeping less, tell me about that.",
        ],
        "psychiatry": [
            "Going over the panel with someone who's failed four antidepressants lets us talk about their whole treatment history without blame.",
            "I've used chatbot transcripts, with permission, as material, like, what was going on the night you wrote this?",
            "The differential list can be a way to explore what a diagnosis means to them, why does bipolar scare you more than depression?",
            "A risk flag can open up chronic suicidal thinking that some patients have never said out loud, even to me.",
            "I'll sometimes say the computer thinks this might be going on and then watch how they react, and that reaction is often diagnostic.",
            "Looking at the thought records from {app} together in session has been a decent jumping-off point for the deeper stuff.",
            "For patients who feel defective, the {panel} offers a different story, and that conversation can be really therapeutic.",
        ],
        "family_medicine": [
            "With ten minutes, having the app's mood summary means I skip the small talk and go right to, so how's the depression really?",
            "Honestly the flag might help me ask about suicide, because I'll admit I sometimes skip it when I'm running behind.",
            "The gene report is something tangible, and my patients like tangible, it gets them asking questions about their meds.",
            "I could show them the PHQ trend from the app and say, look, you went from bad to better, and that's a great conversation.",
            "A lot of my guys won't talk about feelings, but they'll talk about a test result, so that can be the door.",
            "If {tool} suggests anxiety, I can say, here's something to consider, and see whether it resonates with them.",
            "The screening question can feel like it came from nowhere, but with a report in hand it feels like a normal part of the visit.",
            "It's a conversation piece, really, something on the screen that we turn toward each other and talk about.",
        ],
    },
    "self_diagnosis": {
        "any": [
            "More and more patients come in having already asked a chatbot what's wrong with them, and they've got a diagnosis in hand.",
            "People show me their phone, like, the AI says I have ADHD, and now we're negotiating from there.",
            "It's like the old internet searching, except it's more confident and it writes a tidy little paragraph.",
            "Sometimes the AI self-diagnosis is actually right, and then the challenge is not getting defensive about it.",
            "Patients arrive with a treatment plan a chatbot gave them, and half my visit goes to unpacking it.",
            "It's changed how visits open, they come with a label already, and I start by figuring out where it came from.",
            "I don't mind that they looked it up, I mind when the app told them something with total certainty that's just wrong.",
            "A patient asked for a gene test because an AI told her she was a poor metabolizer, which you can't know from symptoms.",
            "It's gotten noticeably more common lately, people quoting the chatbot at me like it's a second opinion they already got.",
        ],
        "psychiatry": [
            "Several new intakes lately had concluded they're bipolar or autistic from chatting with an AI, and unwinding that takes real care.",
            "Some patients come in asking for {drug} by name because a chatbot recommended it, and then we talk about why it may not fit.",
            "The self-diagnosis becomes part of their identity fast, so questioning it can feel to them like I'm invalidating them.",
            "A patient brought a long AI write-up of her trauma history concluding complex PTSD, and honestly it was a useful start, if overconfident.",
            "The differential the chatbot gave them usually skips substance use and medical causes, which is exactly what I'm trained to check.",
            "I've started asking at intake whether they've talked to an AI about this, because it shapes what they expect from me.",
            "There's almost a transference to it, the chatbot was the first one to diagnose them, and I'm being measured against it.",
        ],
        "family_medicine": [
            "I get patients asking for a psychiatry referral because an AI said they have adult ADHD, and our wait list is already months.",
            "Somebody came in recently certain she was bipolar because of a chatbot, and it turned out she just wasn't sleeping with a newborn.",
            "In a short visit, walking someone back from an AI diagnosis eats up the time I needed for their blood pressure.",
            "Patients print out the chatbot's answer and hand it to me, and I have to decide whether to engage or redirect.",
            "It's usually anxiety or ADHD, they want a prescription, and the AI has basically told them what to ask for.",
            "More parents are coming in with an AI summary of their kid's symptoms, wanting a diagnosis right there in the room.",
            "Some are relieved when I disagree with the chatbot and some get angry, and I've had a couple switch doctors over it.",
        ],
    },
    "explaining_output": {
        "any": [
            "How do I explain a risk score to a patient without it sounding like a verdict? I really don't know yet.",
            "I'd have to translate it, like, this doesn't mean you're going to do anything, it means some patterns matched.",
            "Probabilities are hard for everyone, and if I say thirty percent they hear either definitely or never.",
            "Explaining the color-coded report takes longer than you'd think, because green doesn't mean perfect and red doesn't mean never.",
            "I put it in plain language, your body breaks this medicine down fast, so it may not stick around long enough to work.",
            "Patients want to know why the computer said that, and often all I can tell them is roughly what it's based on.",
            "You need a script, honestly, some simple way to explain it that doesn't scare people or oversell it.",
            "If I can't explain it to the patient in two sentences, I'm not comfortable using it in their care.",
        ],
        "psychiatry": [
            "Explaining that being a {gene} poor metabolizer doesn't mean {drug} is forbidden, just that we'd start low, takes some care.",
            "I'd present the differential as possibilities we're considering, because a psychiatric label handed over too fast really sticks.",
            "Patients have misread the panel as saying their depression is genetic, and I had to explain it's about metabolism, not the illness.",
            "Telling someone their notes triggered a risk model, what that means and what it doesn't, is a delicate conversation I'd want training for.",
            "I explain the gene result like a weather forecast, it shifts the odds but it doesn't guarantee anything.",
            "Anxious patients fixate on the one red box on the report, so I'm careful to walk through the whole page with them.",
            "With a psychotic patient, explaining an algorithm's output is a different problem, you don't want it folded into a delusion.",
        ],
        "family_medicine": [
            "I'd need a one-page handout or something, because I don't have twenty minutes to explain pharmacogenomics.",
            "My patients range from engineers to people who can't read well, and explaining a gene report has to work for both.",
            "When I say the test shows {drug} might not work for them, some hear that nothing will ever work.",
            "I'd explain the flag as the system reminding me to check in with people who've had a hard time, so nobody feels singled out.",
            "Honestly I'd have to understand it better myself before I could explain it, I'm not a geneticist.",
            "I usually say it's like a spell-checker for doctors, it catches things, but it also flags stuff that's fine.",
            "The trick is giving them the so-what, which medicine and which dose, not the genetics lecture.",
            "When I describe {app}, I tell them it's like a workbook that talks back, not a therapist.",
        ],
    },
    "disclosure": {
        "any": [
            "Patients should know when a computer is involved in their care, full stop, I don't think that's negotiable.",
            "I'd feel weird using it without telling them, it would feel like going behind their backs.",
            "There should be some kind of notice, at least, saying AI tools are being used in your care.",
            "If a patient found out later that an algorithm had been scoring them, I think they'd be rightly upset.",
            "Do I tell them every time I look something up? No. But an AI that's actually shaping the decision, yes, I think so.",
            "I'm honestly not sure where the line is, I use a drug interaction checker and I never disclose that.",
            "Being upfront protects the trust, even if most patients don't care much about the details.",
            "It belongs in the consent forms in plain language, not buried somewhere on page six.",
        ],
        "psychiatry": [
            "Psychiatric patients already worry about being watched and judged, so covert risk scoring feels ethically indefensible to me.",
            "I'd want to tell patients the suicide flag exists, even knowing some of them might become less open with me.",
            "With {app}, the patient needs to know clearly that it's not me and not a therapist, and who can see what they type.",
            "Consent for the gene test is standard, but consent to an algorithm interpreting it and steering the prescription, that's new.",
            "For paranoid patients disclosure is tricky, but I think not telling them is worse if they ever find out.",
            "If my note says I used a differential assistant, the patient reading their chart should see that, and I'm fine with that.",
            "We don't tell patients which textbook we used, but this feels different because it's actively processing their information.",
        ],
        "family_medicine": [
            "With open notes, patients read everything now, so if an AI wrote part of it they should know that.",
            "I'd just say it at the visit, we use a program that flags people who might be struggling, it flagged you, and I want to check in.",
            "I wouldn't want a separate signed consent for every tool, but a general heads-up, sure, that seems right.",
            "My patients trust me, and if I'm using something I'm going to tell them, that's just how I practice.",
            "Some folks in my panel would be furious to learn a computer was reading their chart for suicide risk without anyone saying.",
            "I'd want the clinic to handle disclosure in the intake paperwork, and then I mention it in the room when it comes up.",
            "If a portal reply was drafted by the AI, there should be a little note saying so, I think that's only fair.",
        ],
    },
    "black_box": {
        "any": [
            "If it can't tell me why, I can't weigh it, and then what good is it really?",
            "I want to see the reasoning, which factors pushed the score up, not just a number on a screen.",
            "It's a black box, and I'm supposed to put my license behind a black box?",
            "What was it trained on, who was in the data? Because if it's not people like my patients, I don't trust it.",
            "I'd want the false positive rate, the validation studies, the basics, and usually the vendor can't tell you.",
            "When {tool} says high likelihood and doesn't show its work, I don't know whether to take it seriously.",
            "The evidence behind some of these tools is thin, and the company's marketing is doing a lot of the talking.",
            "I'm not against it, I just need to be able to look under the hood a little.",
        ],
        "psychiatry": [
            "The pharmacogenomic evidence is genuinely mixed, and once a proprietary algorithm bins the genes into colors, I lose track of what's evidence and what's their secret sauce.",
            "A risk model built on notes is picking up something, but is it picking up risk or just the way certain clinicians write?",
            "For a differential I want the features that drove it, because psychiatric diagnosis is all about which features you weight.",
            "I've read the {gene} literature, and the panel's recommendations go beyond what the guidelines support, and I can't see how they got there.",
            "If the model calls someone high risk, I need to know whether it's keying on things like housing or race, because that's a bias problem.",
            "Our field has a long history of overconfident diagnostic systems, so the opaque ones worry me more than most.",
            "Show me which phrases in the notes triggered it, because sometimes it's just a resident copy-pasting an old risk assessment.",
        ],
        "family_medicine": [
            "I'm not going to have time to read the white paper, so if it's opaque I'm basically either trusting it or ignoring it.",
            "The differential tool gave me a rare syndrome once and I had no idea why, so I just ignored it.",
            "I'd want a one-line reason with every flag, like recent ED visit plus new benzo prescription, something I can check.",
            "We get a lot of algorithms pushed on us by the health system, and nobody can explain how any of them work.",
            "If I can't explain why it flagged my patient, I can't really defend acting on it either.",
            "The {panel} looks pretty, but the logic behind the color bins is proprietary, and that bugs me.",
            "Half the sepsis alerts we got were nonsense and nobody could tell us why they fired, so I'm skeptical of the next opaque model.",
        ],
    },
    "data_privacy": {
        "any": [
            "Where does that data go? That's my first question with any of these apps.",
            "Mental health information is about the most sensitive stuff there is, and I don't trust tech companies with it.",
            "If the company behind {app} gets bought, what happens to everything my patient told it at two in the morning?",
            "I'd worry about insurers getting hold of risk scores, or employers, because that could really hurt people.",
            "Genetic data is forever, you can't change it like a password, so I think twice before sending it off.",
            "The privacy policies on these apps are unreadable, and I doubt any of my patients have read them.",
            "Confidentiality is the foundation, and if patients think their words are going into some database, they'll stop talking.",
            "Is it covered by the same privacy rules as the chart, or is it a consumer app with a much looser policy?",
        ],
        "psychiatry": [
            "Psychotherapy notes have special protection for a reason, and now we're talking about feeding them into a model?",
            "Some of my patients are in professions where a psychiatric label could end a career, so data leaving the system is a real risk.",
            "What a patient types into {app} during a crisis is essentially a therapy transcript, and I'd want it protected like one.",
            "Patients with paranoia have legitimate reasons to fear surveillance, and a data breach would confirm everything they fear.",
            "The gene panel has implications for relatives too, so it's not only the patient's privacy at stake.",
            "I'd want the risk model run inside our own system, not sending notes off to some vendor's cloud.",
            "Confidentiality is why people tell me about their drinking or their affairs, and any leak of that is catastrophic for trust.",
        ],
        "family_medicine": [
            "In a small community everyone knows everyone, and my patients are terrified someone will find out they're on {drug}.",
            "Some patients don't even want depression on their problem list because of life insurance, so an AI risk score is a non-starter for them.",
            "If the chatbot data ends up with an insurer it could affect premiums, and my patients can't afford that.",
            "People already ask me not to write certain things down, so I can't imagine how they'd feel about an app recording everything.",
            "The gene test company, who owns that data afterward? I've never gotten a straight answer on that.",
            "Some of my patients share phones with family, so a mental health app sending notifications could expose them at home.",
            "With adolescents, I'd worry the parents could see the chatbot logs, and that kills confidentiality right there.",
        ],
    },
    "liability": {
        "any": [
            "If the AI misses something and I went along with it, whose fault is it? Mine, obviously, it's always mine.",
            "The flip side is scarier, if it flagged something and I didn't act, a lawyer is going to love that.",
            "Nobody has told us what the standard of care is once these tools exist, and that worries me legally.",
            "The vendor will have a disclaimer saying it's for informational purposes only, so all the risk stays with us.",
            "I think I'd end up documenting a lot more just to cover myself, which is its own problem.",
            "Accountability has to sit with someone, and right now it's the clinician left holding the bag.",
            "Once the tool is in the system, not using it could become a liability in itself.",
            "I don't want to practice defensively because of an algorithm, but I can see that happening.",
        ],
        "psychiatry": [
            "After a suicide every flag in the chart gets reviewed, and if the model said high risk and I discharged, that's the first question.",
            "If I prescribe {drug} against the panel's recommendation and the patient has a bad reaction, I'd worry how that looks later.",
            "Risk assessment is already the most litigated thing we do, and putting an algorithmic score in the record raises the stakes.",
            "I'd want the institution to stand behind clinicians who override the flag for good clinical reasons, and in writing.",
            "We already get blamed for outcomes we can't control, and this could shift even more of that onto the psychiatrist.",
            "If a chatbot gives my patient bad advice between visits, am I on the hook for that? Nobody has a clear answer.",
            "The medicolegal side makes me think the flags will be tuned oversensitive, so the institution is covered.",
        ],
        "family_medicine": [
            "We're the front line, so if the system flags someone and I was the last one to see them, it lands on me.",
            "Malpractice is always in the back of my mind, and this is one more thing that can be used against me.",
            "If {tool} lists something I didn't work up, does that count as a missed diagnosis now?",
            "I asked our risk management people about it, and they basically said document, document, document.",
            "Who's responsible if the chatbot tells someone to stop their meds? Because it won't be the app company.",
            "In primary care we're already held responsible for everything, and AI adds another way to be second-guessed.",
            "I'd want a clear policy from the health system about what I'm expected to do with each flag, so I'm not left exposed.",
        ],
    },
    "workflow_fit": {
        "any": [
            "If it adds clicks, it's dead on arrival, I don't have a spare minute in my day.",
            "It has to live inside the chart, not in some separate portal with yet another password.",
            "Honestly my first question is how long it takes, because everything else comes after that.",
            "Anything that makes me leave the note and open another window, I'll stop using within a week.",
            "It sounds great until you picture it on an actual clinic day with three overbooks and a late patient.",
            "If the results come back after the visit's over, it's just another thing sitting in my inbox.",
            "The good version of {tool} saves me time, and the bad version gives me more homework.",
            "We've had so many tools that promised efficiency and just added screens, so I'm wary.",
        ],
        "psychiatry": [
            "Even our med visits have gotten shorter, and a gene report I have to interpret would eat half the appointment.",
            "The inpatient unit is chaotic enough, and if the flag adds another required form, nobody's going to read it carefully.",
            "I'd only use the differential tool on a complex intake, because on a routine follow-up there's simply no time.",
            "Seeing someone every few weeks, I'm not going to read a month of chatbot logs before the visit, that's not realistic.",
            "The {panel} takes a week or two, and the patient is in crisis now, so practically I'm starting a med before I have it.",
            "If it could pull together the medication history and all the prior trials, that would actually save me real time.",
            "Our clinic is understaffed and behind on notes already, so anything new has to subtract work, not add it.",
        ],
        "family_medicine": [
            "I have fifteen minutes, and the depression is fourth on their list after the knee and the cholesterol, so this has to be fast.",
            "With a panel of 2,000 patients, I can't review every chatbot summary that lands in my inbox.",
            "The prior auth for the gene test alone would take longer than the visit, honestly.",
            "If the flag fires while I'm mid-visit on someone's diabetes, I have to decide right then whether to switch gears, and that's hard.",
            "The in-basket is already killing us, so whatever this generates, it had better not land there.",
            "I'd use the differential tool if it ran quietly in the background and only showed me something when it mattered.",
            "Ten-minute visits, that's the reality, so the tool has to fit into ten minutes or it's not happening.",
            "Our medical assistants already do the PHQ screens, so if {app} fed into that, great, but not as a separate new step.",
        ],
    },
    "access_relief": {
        "any": [
            "For people waiting months for care, something is better than nothing, that's honestly how I see it.",
            "If the chatbot keeps someone afloat until they get a real appointment, I'd count that as a win.",
            "There just aren't enough of us, so I get why people are looking for anything that extends our reach.",
            "It could fill the gaps between visits, which is when people actually fall apart.",
            "For patients who live far from any specialist, a tool like this might be the only access they get.",
            "I'd rather they have a decent app at midnight than nothing at all until their appointment next month.",
            "If the gene test gets someone to the right drug faster, that's fewer months of suffering and fewer visits.",
            "Getting some kind of help to far more people, that's the real promise here, if it works.",
        ],
        "psychiatry": [
            "My wait list is months long, and I'd love something that supports people on it so they don't arrive in worse shape.",
            "Between monthly med checks there's nothing, and a CBT chatbot could do the homework support we don't have therapists for.",
            "We can't hire enough psychiatrists, so if primary care can prescribe more confidently with the panel, that takes pressure off us.",
            "If the differential assistant helps family doctors handle straightforward depression, I could focus on the complex cases.",
            "I'd like {app} as a bridge after discharge, that period is dangerous and we can't see everyone in the first week.",
            "Collaborative care is already stretched thin, and a tool that extends the care manager's reach would honestly help.",
            "The therapy wait is so long that I end up doing supportive therapy in med visits, and an app could take some of that.",
        ],
        "family_medicine": [
            "The wait for psychiatry around here is something like six months, so I'm managing most of this myself anyway.",
            "If {app} can give my anxious patients some CBT while they sit on the therapy wait list, I'd sign them up tomorrow.",
            "I've got people on my panel who've been waiting on a referral for ages, and they need something now.",
            "The gene test might let me pick a better second drug myself instead of referring out and waiting months.",
            "Most of my patients can't afford a therapist even if they could find one, so a free chatbot is real access.",
            "When the referral queue is full, I'm the psychiatrist by default, and I'll take any help with that.",
            "For my rural folks, driving an hour to a counselor isn't happening, so something on the phone actually reaches them.",
            "The differential tool could give me the confidence to manage bipolar depression myself while we wait on a consult.",
        ],
    },
    "alert_fatigue": {
        "any": [
            "If it fires on everybody, it fires on nobody, and we all just learn to click through.",
            "We already get so many pop-ups that I honestly don't read half of them anymore.",
            "False positives are the killer, after the tenth one that's nothing, you stop trusting the eleventh.",
            "The real danger is the flag that matters getting lost among fifty that don't.",
            "I'd want it tuned so it only alerts when it would actually change what I do.",
            "Every new alert gets added and none ever get taken away, that's the pattern I've seen.",
            "It turns into noise, and noise is worse than nothing because it gives you a false sense of safety.",
            "I'd rather get one good alert a week than twenty questionable ones every day.",
        ],
        "psychiatry": [
            "Half my patients would flag high on any model because of their history, so the flag tells me nothing I didn't know.",
            "On the inpatient unit, if every patient is flagged the flag is meaningless, everyone is there because of risk.",
            "Chronically suicidal patients would trigger it constantly, and then you're desensitized right when something acute changes.",
            "I get interaction alerts for every SSRI and trazodone combination, and I click through them all without reading, I'm embarrassed to say.",
            "The panel marks {drug} as use with caution for so many patients that the caution stops meaning anything.",
            "A flag without a change in status is just noise, I'd want it to tell me when something is different.",
            "If {tool} always lists the same ten things, I'll stop looking at it after a week or so.",
        ],
        "family_medicine": [
            "I get something like a hundred inbox items a day, and a suicide flag mixed in with lab results is going to get missed eventually.",
            "We had a fall-risk alert that fired on every older patient, and within a month nobody even saw it.",
            "The best-practice advisories in our chart are already a joke, we all just hit dismiss.",
            "If the flag goes up on every depressed patient in my panel, that's hundreds of people, and I can't act on that.",
            "I worry the suicide alert becomes like the drug interaction alerts, which we override ninety-something percent of the time.",
            "It would need to be rare and meaningful, otherwise it's just another yellow banner I train myself to ignore.",
            "The inbox is already full of noise, and a mental health alert lost in there is genuinely dangerous.",
        ],
    },
    "ai_note_burden": {
        "any": [
            "Every time I override the flag it wants a reason, and now I'm writing a mini-note for the computer.",
            "The AI-generated summaries look polished, but I still have to read every line and fix what's wrong before I sign.",
            "Lately it feels like I'm editing the machine's paperwork instead of doing my own.",
            "If it drafts something into the chart I'm signing it, so I have to check it, and checking takes time too.",
            "Documenting why you disagreed with the algorithm is becoming its own little genre of charting.",
            "These generated notes are longer than mine ever were, and somebody has to read them, usually me.",
            "It created a new kind of documentation, acknowledging that you saw the alert and then saying what you did about it.",
            "The {app} summaries get dropped into the chart, and now that's part of the record I'm responsible for reviewing.",
        ],
        "psychiatry": [
            "I found errors in an AI-drafted intake summary, a wrong med trial, an invented family history, and fixing it took longer than writing it.",
            "My risk documentation already runs long, and now there's a section where I have to address the model's score explicitly.",
            "Once the {panel} is scanned in, I feel obligated to document how I used it for every single prescribing decision.",
            "An AI summary of chatbot conversations sitting in the chart, I'd have to review it for accuracy and sensitivity before anyone else reads it.",
            "The ambient note tool crept into our clinic recently, and it puts things in the mental status exam I never observed.",
            "I spend evenings cleaning up the AI's version of my formulation, because it flattens everything into a checklist.",
            "If I write that I reviewed the score and disagree, I need enough detail that it holds up, and that adds ten minutes.",
        ],
        "family_medicine": [
            "My pajama time has gotten worse, not better, because now I'm reviewing AI drafts at night on top of everything else.",
            "The app sends a weekly mood summary to my inbox for each enrolled patient, and I'm supposed to acknowledge every one.",
            "The AI-written portal replies need my signature, and I rewrite half of them because they sound off.",
            "They added a required field when you dismiss the suicide flag, and that's thirty more seconds times a lot of patients.",
            "It drafts the visit note but it makes things up, like a normal exam I never did, so I can't just trust it.",
            "I've noticed recently the documentation load shifted, less typing but more proofreading, and proofreading is exhausting too.",
            "Every AI output in the chart is something I technically have to acknowledge, so it's more clicking at the end of the day.",
        ],
    },
}

CODE_PROBES = {
    "human_presence": [
        "Do you think something gets lost if the app is the main contact?",
        "What does being in the room with a patient give you that a tool can't?",
        "How much of the benefit do you think comes from the person rather than the technique?",
    ],
    "simulated_empathy": [
        "How do you feel about the chatbot saying things like it understands?",
        "Does it matter to you whether the caring is real if the patient feels comforted?",
        "What did you make of the tone of the responses patients get from these apps?",
    ],
    "alliance_effects": [
        "How might this change the relationship between you and the patient?",
        "What happens to trust if the patient and the tool disagree with you?",
        "Have you noticed patients relating to these tools in ways that show up with you?",
    ],
    "patient_autonomy": [
        "What role should the patient's own preferences play here?",
        "What if the patient doesn't want the tool involved at all?",
        "How would you handle a patient who disagrees with what the tool recommends?",
    ],
    "clinician_authority": [
        "Who should have the final say in a situation like this?",
        "What would you do if you disagreed with the recommendation?",
        "How comfortable would you be overriding the tool?",
    ],
    "conversation_starter": [
        "Could the output be useful in the conversation with the patient itself?",
        "Would you ever show this to the patient and talk it through together?",
        "Can you imagine using it to raise something that's hard to bring up?",
    ],
    "self_diagnosis": [
        "Are patients coming in having already consulted a chatbot themselves?",
        "How do you handle a patient who arrives with an AI-generated diagnosis?",
        "Has that changed the way your visits start at all?",
    ],
    "explaining_output": [
        "How would you explain this result to the patient?",
        "What words would you use to describe the score or the report?",
        "What do you think patients would take away from seeing this?",
    ],
    "disclosure": [
        "Should the patient be told that an AI was involved here?",
        "How would you feel about using this without the patient knowing?",
        "Where would you draw the line on what needs to be disclosed?",
    ],
    "black_box": [
        "How much do you need to know about how it reaches its answer?",
        "What would make you trust the output more, or less?",
        "What kind of evidence would you want to see before using it?",
    ],
    "data_privacy": [
        "Does the question of where the data goes come up for you?",
        "How do you think your patients would feel about their information being used this way?",
        "Are there particular patients you'd worry about from a privacy standpoint?",
    ],
    "liability": [
        "Who would be responsible if the tool got it wrong?",
        "Does the legal side of this factor into how you'd use it?",
        "What happens if you don't act on something it flags?",
    ],
    "workflow_fit": [
        "How would this fit into an actual clinic day for you?",
        "Where in the visit would you actually look at this?",
        "Would it save you time or cost you time, do you think?",
    ],
    "access_relief": [
        "Could something like this help patients who are waiting for care?",
        "How does access to mental health care look in your setting right now?",
        "Would this change who you refer out versus manage yourself?",
    ],
    "alert_fatigue": [
        "How would you feel if it flagged a lot of your patients?",
        "What's your experience been with the alerts you already get?",
        "What would it take for a flag like this to stand out?",
    ],
    "ai_note_burden": [
        "Has any of this added to your documentation work?",
        "What happens in the chart when you disagree with the tool?",
        "Who ends up reviewing what the AI puts into the record?",
    ],
}

PROBES = [
    "Could you say more about that?",
    "What makes you say that?",
    "Can you give me an example?",
    "Mm-hm. And then what?",
    "What do you mean by that exactly?",
    "Is that something you've actually seen happen?",
    "How would that play out in your clinic?",
    "Can you walk me through that?",
    "Why do you think that is?",
    "Has that changed over time for you?",
    "What would need to be different?",
    "How do your colleagues see that?",
    "Okay. Anything else on that?",
    "Interesting, go on if you would.",
    "And how did the patient respond?",
    "Is that typical in your experience?",
    "What would you do in that situation?",
    "How did that feel for you?",
]

UNCODED = {
    "any": [
        "So just to be sure I follow, the panel is a cheek swab and then it comes back as a report?",
        "Okay, yeah, I've seen something like this at a conference, at one of the vendor booths I think.",
        "Hmm, let me think about that one for a second, it's not a simple question.",
        "I mean, it depends a lot on the patient, right, I'm picturing a specific person as you describe it.",
        "I haven't used one of these myself, so I'm partly guessing here, just to be upfront.",
        "That's a hard one, and I actually don't know what I think about it yet.",
        "My understanding is these models learn from huge amounts of text, but I'm no expert on the technical side.",
        "The swab part is easy, patients don't mind that at all, it takes a minute.",
        "Right, so it's a ranked list of possible diagnoses, kind of like a search engine for symptoms.",
        "A colleague of mine piloted something similar, I think, but I never heard how it went.",
        "It reminds me a little of when we first got the electronic record and everyone had strong opinions.",
        "Is this hypothetical, or is this something that's actually being rolled out somewhere?",
        "So it would read the notes from every visit, not just the mental health ones?",
        "I guess I'd want to try it for a while before I said too much about it.",
        "Technology in medicine comes in waves, you know, there's always a next big thing.",
        "I'm picturing the interface, like a little sidebar in the chart with a colored icon on it.",
        "The cases you picked are pretty realistic, I've had some version of every one of them.",
        "Okay, that one's actually interesting, I hadn't thought about it from that angle before.",
        "The students who rotate with us are way more comfortable with this kind of stuff than I am.",
        "I think my answer would have been pretty different a few years ago, to be honest.",
        "The chatbot part, is that a texting kind of thing or do they talk to it out loud?",
        "I played around with one of those chat programs at home once, just to see what it would say.",
        "It's a kind of decision support, I guess, and we've had forms of that for a long time.",
        "Depression is so heterogeneous that any single approach is going to suit some people better than others.",
        "I'd have to look at the actual product, because these things vary so much from one to the next.",
        "There's a lot of hype around all of this, and I try not to get swept up in either direction.",
        "Sorry, I lost my train of thought there, what was the question again?",
        "I think I've said something like this already, but I suppose it's worth repeating.",
        "Huh, yeah, I had a patient situation almost exactly like that one, actually.",
        "I'm trying to imagine how the patient in that case would react to all this.",
        "There are a lot of moving parts in that case, the test, the drug, the patient, the timing.",
        "That makes sense as a scenario, yeah, I can picture it pretty clearly.",
        "My gut reaction and my considered reaction might be different on this one, just so you know.",
        "From what I understand the cost of these tests has come down quite a bit.",
        "So the flag would just appear on the chart when you open it, is that how you picture it?",
        "I'd probably ask a couple of colleagues what they thought before doing anything with it.",
    ],
    "psychiatry": [
        "We had a lecture on pharmacogenomics in residency, but honestly it was pretty superficial at the time.",
        "In the case you described, my first thought is about the previous med trials, how long, what dose, why they stopped.",
        "I'd want to know what the mental status looked like, because that changes everything about the case.",
        "The patient in that vignette sounds a lot like someone I'm treating right now, actually.",
        "On our unit we still do some of the risk paperwork on paper, believe it or not.",
        "I trained more psychodynamically, so I'm not the best judge of how good a CBT app is.",
        "That case would go to our team meeting, we'd talk it through as a group.",
        "I'd also be wondering whether there's a personality component in that presentation.",
        "We see a lot of treatment-resistant depression in my clinic, so that scenario is very familiar.",
        "I'd check lithium levels and thyroid anyway, that's just part of how I'd approach that case.",
        "A supervisor of mine used to say the history is most of the diagnosis, and I still believe that.",
        "For that presentation I'd also want collateral from the family, what they've noticed at home.",
        "The monitoring for clozapine is a whole other world, which is sort of a separate conversation.",
        "If the meds kept failing, ECT would come up at some point in a case like that.",
    ],
    "family_medicine": [
        "We do the PHQ-9 at every annual physical, so I'm used to having a score in front of me.",
        "In that case I'd be thinking about whether it's really depression, or thyroid, or sleep apnea.",
        "I start most people on {drug} because I know it well and it's cheap.",
        "Our clinic has a behavioral health consultant a couple of days a week, which helps some.",
        "The patient in that case reminds me of a lot of my patients, working two jobs and not sleeping.",
        "I'd probably check some labs first, a blood count and thyroid, just to be thorough.",
        "We refer out anything bipolar or psychotic, that's pretty much our rule of thumb.",
        "I do a lot of chronic disease management, and depression kind of rides along with all of it.",
        "In that scenario I'd see them back in a few weeks to see how they're doing on the medication.",
        "Our nurse makes a follow-up phone call after we start an antidepressant, which patients really like.",
        "I'd have asked about alcohol too, that comes up a lot in my practice.",
        "That vignette is pretty much a typical afternoon for me, honestly.",
        "Chronic pain and depression together, that's a big chunk of the people I see.",
    ],
}

SMALL_TALK = [
    "Sorry, my pager just went off, give me one second here.",
    "Hang on, the dog is losing his mind at the mail carrier again.",
    "Can you hear me okay? The video froze on my end for a second.",
    "Let me just grab my coffee, I've been up since really early.",
    "Sorry about the noise, they're doing construction outside my office again.",
    "Oh, hold on, someone's knocking, I'll be right back with you.",
    "My internet has been terrible all week, so if I drop, I'll call right back in.",
    "Sorry, I'm eating lunch while we talk, I hope that's okay, it's the only time I had.",
    "It's pouring outside here, which is probably why the lights keep flickering.",
    "I'm just going to close my door so nobody walks in on us.",
    "Sorry, I had you on mute the whole time, go ahead and repeat that.",
    "This headset is new and I still don't trust it, are you getting any echo?",
    "My kid just got home, so you might hear some noise in the background.",
    "I'm on call tonight, so if I suddenly disappear, that's why.",
    "It's actually sunny for once, I was tempted to do this from the porch.",
    "Sorry, my phone keeps buzzing, let me just silence it real quick.",
    "I think my camera was off, there we go, can you see me now?",
]

BACKGROUND = {
    "psychiatry": [
        "I'm a general adult psychiatrist, mostly outpatient, with one day a week on the consult service.",
        "Most of my practice is medication management now, with a handful of patients I still see for therapy.",
        "I work at a community mental health center, so a lot of serious mental illness and co-occurring substance use.",
        "I've been in practice a bit over fifteen years, started on inpatient and moved over to outpatient.",
        "I split my time between an academic clinic and supervising residents, so I see things from both sides.",
        "My caseload is heavy on treatment-resistant depression, so I've done my share of augmentation strategies.",
        "I'm part of a collaborative care program, so I consult on primary care patients I never actually meet.",
        "I do a mix of private practice and telepsychiatry, mostly anxiety and mood disorders.",
        "I'm on an inpatient unit most of the year, and I cover the emergency department some nights.",
        "I'd call myself eclectic, I trained psychodynamically, but I use a lot of CBT and DBT principles.",
        "I see maybe twelve to fourteen patients a day, mostly twenty-minute follow-ups and a few new intakes.",
    ],
    "family_medicine": [
        "I'm a family physician in a busy group practice, and my panel is around two thousand patients.",
        "I do full-spectrum family medicine, kids through the elderly, and a fair amount of mental health.",
        "I work at a federally qualified health center, so a lot of uninsured and underinsured folks.",
        "My schedule is back-to-back fifteen-minute slots, with maybe two or three same-day add-ons.",
        "Honestly I'd say a third of my visits have some mental health piece to them.",
        "We have an integrated behavioral health person now, which has been a big change for us.",
        "I've been in the same small practice for about twenty years, so I've followed a lot of families a long time.",
        "I precept medical students and residents a couple of afternoons a week, and the rest is straight clinic.",
        "I'm in a rural practice and the nearest psychiatrist is a long drive away, so I manage most of it myself.",
        "I do a lot of chronic disease, diabetes, hypertension, and depression threads through all of it.",
        "We're part of a large health system, so a lot of the tools we get are decided above our heads.",
    ],
}

OPENING = [
    "Thanks so much for making time today, I know clinic days are packed.",
    "Just as a reminder, this is being recorded, you can skip any question, and you can stop at any point. Is that still okay?",
    "Before we get into the cases, could you tell me a bit about your practice?",
    "Thank you for joining. To start off, can you describe your clinical work and the kinds of patients you see?",
    "We'll spend about half an hour, and everything will be de-identified. Can you start by telling me about your practice?",
]

TRANSITIONS = [
    "Okay, let's switch to a different scenario.",
    "Thanks, that's really helpful. I'd like to move on to the next case now.",
    "Let's shift gears a bit and look at another situation.",
    "Alright, I'm going to describe another case, if that's okay.",
    "Good, let's leave that one there and turn to something a little different.",
    "Okay, there's one more scenario I'd like to run by you.",
    "Mm-hm, that's great. Let's go to a different kind of tool now.",
]

CLOSING = [
    "Anything we haven't covered that you want to add?",
    "Before we wrap up, is there anything you wish I'd asked?",
    "If you could tell the people building these tools one thing, what would it be?",
    "Is there anything from today you'd like to go back to or clarify?",
    "That's the end of my questions. Any final thoughts?",
]

CLOSING_ANSWERS = [
    "No, I think that covers it, thanks for asking.",
    "Just that I'm glad someone is asking clinicians about this before it's everywhere.",
    "Not really, this was a good conversation, it made me think.",
    "I think I've said most of it already, honestly.",
    "Only that I'd be curious to see what the other interviews turn up.",
    "No, that was pretty thorough, I appreciate it.",
    "Hmm, nothing new, I'd just say thanks for including me.",
    "I think we got to the main things, yeah, I'm good.",
    "I'd be happy to look at the results when they're out, if you're sharing them.",
]

SLOTS = {
    "drug": [
        "sertraline",
        "escitalopram",
        "fluoxetine",
        "bupropion",
        "venlafaxine",
        "mirtazapine",
        "aripiprazole",
        "duloxetine",
    ],
    "app": ["MindMate", "CalmCoach", "ThoughtPal", "MoodBridge", "SteadyMind"],
    "gene": ["CYP2D6", "CYP2C19"],
    "tool": ["DxAssist", "ClinSight", "DiffFinder", "the diagnosis assistant"],
    "panel": ["GenoRx panel", "GeneGuide report", "gene panel", "pharmacogenomic report"],
}
