"""Sentence bank for the synthetic demo study ``demo_alliance``.

Twenty-five semi-structured interviews with therapists and clients about
AI-assisted therapy apps (between-session chatbot, AI session summaries,
mood tracking with AI feedback). All text is invented. The composer module
samples from these banks with a seeded RNG, adds disfluencies and assembles
interviewer and participant turns.
"""

from __future__ import annotations

STUDY = {
    "name": "demo_alliance",
    "description": (
        "A synthetic qualitative study of how therapists and clients experience "
        "AI-assisted therapy apps used alongside ongoing psychotherapy: a chatbot "
        "the client talks to between sessions, AI-generated session summaries, and "
        "mood tracking with automated feedback. Twenty-five semi-structured "
        "interviews (ten therapists, fifteen clients) explore perceived empathy, "
        "trust, the working alliance in Bordin's sense of goals, tasks and bond, "
        "hybrid human and AI care, and ethical concerns such as crisis handling, "
        "replacement of clinicians and equity of access. All participants and "
        "utterances are invented for demonstration and testing purposes."
    ),
    "group_column": "role",
    "groups": {"therapist": 10, "client": 15},
    "group_labels": {"therapist": "Therapists", "client": "Clients"},
}

THEMES = {
    "empathy": {
        "label": "Perceived empathy",
        "definition": (
            "How participants experience the app's emotional responsiveness: feeling "
            "understood, sensing that its care is simulated or hollow, and valuing a "
            "space free of human judgment."
        ),
    },
    "trust": {
        "label": "Trust",
        "definition": (
            "Whether and how far participants rely on the app: trust in its advice, "
            "worries about what happens to sensitive data, and the gradual adjustment "
            "of trust to what the app can and cannot do."
        ),
    },
    "alliance": {
        "label": "Working alliance",
        "definition": (
            "How the app shapes the therapeutic working alliance as described by "
            "Bordin: agreement on goals, collaboration on therapeutic tasks, and the "
            "emotional bond, including bonds formed with the app itself."
        ),
    },
    "hybrid": {
        "label": "Hybrid care",
        "definition": (
            "How human therapy and AI support fit together in practice: support "
            "between sessions, round-the-clock availability, and the therapist's "
            "oversight of what the app records and says."
        ),
    },
    "ethics": {
        "label": "Ethics",
        "definition": (
            "Ethical concerns raised by AI in therapy: safety and crisis handling, "
            "fears that apps will replace human clinicians, and questions of cost, "
            "access and equity."
        ),
    },
}

#: The study's deid_allowlist.txt (written by the generator, also for scaled copies of the study).
DEID_ALLOWLIST = """\
# Known false positives of the deidentification scan for this study: one term per line, matched
# case-insensitively as whole words; "re:" starts a regular expression. See config/README.md (deid).
# Invented names of the therapy apps participants talk about:
CalmCircle
MindMate
SoothBot
Tala
# Common words capitalised after a speaker label ("P0548: Trust is..."), tagged as an organisation:
Access
Clients
Confidentiality
Crisis
Documentation
Trust
"""

CODES = [
    {
        "code": "felt_understood",
        "theme": "empathy",
        "label": "Felt understood by the app",
        "definition": (
            "The participant describes the app's responses as making someone feel "
            "heard, understood or remembered; include accounts of accurate "
            "reflections and of being held in mind, whether first-hand or reported "
            "about clients."
        ),
        "bordin": None,
        "prevalence": {"therapist": 0.10, "client": 0.85},
        "emerges_from": None,
    },
    {
        "code": "hollow_empathy",
        "theme": "empathy",
        "label": "Simulated or hollow empathy",
        "definition": (
            "The app's empathy is described as scripted, generic, simulated or "
            "empty; include noticing repeated phrases, over-validation, and the "
            "absence of anyone actually feeling anything."
        ),
        "bordin": None,
        "prevalence": {"therapist": 0.90, "client": 0.20},
        "emerges_from": None,
    },
    {
        "code": "non_judgement",
        "theme": "empathy",
        "label": "No fear of judgment",
        "definition": (
            "The app is valued as a space where shameful or difficult things can be "
            "said without being judged; include disclosures made to the app before "
            "or instead of the therapist."
        ),
        "bordin": None,
        "prevalence": {"therapist": 0.35, "client": 0.60},
        "emerges_from": None,
    },
    {
        "code": "trust_advice",
        "theme": "trust",
        "label": "Trust in the app's advice",
        "definition": (
            "Statements about whether the app's suggestions, coping tips or "
            "psychoeducation can be relied on; include both endorsement and doubt "
            "about the quality or fit of its advice."
        ),
        "bordin": None,
        "prevalence": {"therapist": 0.50, "client": 0.52},
        "emerges_from": None,
    },
    {
        "code": "trust_calibration",
        "theme": "trust",
        "label": "Calibrating trust over time",
        "definition": (
            "The participant describes adjusting how much to rely on the app, "
            "learning what it is good and bad at, or moving from over-trust or "
            "dismissal to a more differentiated view."
        ),
        "bordin": None,
        "prevalence": {"therapist": 0.45, "client": 0.40},
        "emerges_from": 17,
    },
    {
        "code": "privacy_worries",
        "theme": "trust",
        "label": "Data privacy worries",
        "definition": (
            "Concerns about who can access, store, share or exploit what is typed "
            "into or tracked by the app; include self-censoring because of such "
            "concerns and uncertainty about confidentiality."
        ),
        "bordin": None,
        "prevalence": {"therapist": 0.60, "client": 0.57},
        "emerges_from": None,
    },
    {
        "code": "goal_alignment",
        "theme": "alliance",
        "label": "App keeps therapy goals in view",
        "definition": (
            "The app supports, or pulls away from, the goals agreed in therapy; "
            "include reminders of goals, tracking progress toward them, and the app "
            "imposing goals the client never chose."
        ),
        "bordin": "goal",
        "prevalence": {"therapist": 0.55, "client": 0.55},
        "emerges_from": None,
    },
    {
        "code": "homework_practice",
        "theme": "alliance",
        "label": "Homework and skills practice",
        "definition": (
            "The app's role in therapeutic tasks such as homework, thought records, "
            "exposure steps or skills practice; include adherence, reminders and "
            "doing exercises mechanically."
        ),
        "bordin": "task",
        "prevalence": {"therapist": 0.70, "client": 0.45},
        "emerges_from": None,
    },
    {
        "code": "bot_attachment",
        "theme": "alliance",
        "label": "Bond and attachment to the bot",
        "definition": (
            "Emotional attachment to the app or comparisons between the bond with the "
            "app and the bond with the therapist; include rupture and repair and "
            "the one-sidedness of a bond with software."
        ),
        "bordin": "bond",
        "prevalence": {"therapist": 0.40, "client": 0.60},
        "emerges_from": None,
    },
    {
        "code": "between_session",
        "theme": "hybrid",
        "label": "Between-session support",
        "definition": (
            "The app bridges the time between sessions; include capturing events "
            "for the next session, AI session summaries that help recall, and a "
            "sense of continuity of care."
        ),
        "bordin": None,
        "prevalence": {"therapist": 0.70, "client": 0.65},
        "emerges_from": None,
    },
    {
        "code": "always_available",
        "theme": "hybrid",
        "label": "Available around the clock",
        "definition": (
            "The app's constant availability, especially at night or outside office "
            "hours, is described as a benefit or a concern; include not having to "
            "wait or feel like a burden."
        ),
        "bordin": None,
        "prevalence": {"therapist": 0.10, "client": 0.90},
        "emerges_from": None,
    },
    {
        "code": "therapist_oversight",
        "theme": "hybrid",
        "label": "Therapist oversight of app data",
        "definition": (
            "Whether and how a clinician reviews the app's data, summaries or "
            "messages; include dashboards, documentation, liability, scope of "
            "practice and clients' feelings about being seen."
        ),
        "bordin": None,
        "prevalence": {"therapist": 0.90, "client": 0.15},
        "emerges_from": None,
    },
    {
        "code": "crisis_safety",
        "theme": "ethics",
        "label": "Crisis handling and safety",
        "definition": (
            "How the app handles risk, self-harm or crisis disclosures; include "
            "hotline referrals, safety plans, escalation to humans and missed or "
            "mishandled warning signs."
        ),
        "bordin": None,
        "prevalence": {"therapist": 0.60, "client": 0.40},
        "emerges_from": None,
    },
    {
        "code": "replacement_worry",
        "theme": "ethics",
        "label": "Fear of replacing therapists",
        "definition": (
            "Concerns that the app will substitute for rather than supplement human "
            "therapy; include pressure from insurers or administrators and clients "
            "dropping therapy in favor of the app."
        ),
        "bordin": None,
        "prevalence": {"therapist": 0.65, "client": 0.45},
        "emerges_from": None,
    },
    {
        "code": "equity_cost",
        "theme": "ethics",
        "label": "Cost, access and equity",
        "definition": (
            "Cost of care, waiting lists and unequal access as reasons for or "
            "concerns about using the app; include paywalls, device and language "
            "barriers and two-tier care."
        ),
        "bordin": None,
        "prevalence": {"therapist": 0.40, "client": 0.42},
        "emerges_from": None,
    },
]

TOPICS = {
    "experience": {
        "label": "Experience with the app",
        "questions": [
            "Let's start with the day-to-day. How do the AI tools fit into the therapy, as you see it?",
            "Can you walk me through how the app actually gets used in a typical week?",
            "Thinking about the app in practice, what does using it look like from where you sit?",
            "I'd love to hear about your general experience with these AI features. What stands out to you?",
        ],
        "codes": [
            "between_session",
            "always_available",
            "non_judgement",
            "felt_understood",
            "equity_cost",
            "homework_practice",
        ],
    },
    "empathy": {
        "label": "Empathy and feeling heard",
        "questions": [
            "I'm interested in the emotional side of things. How does the app come across when it responds to feelings?",
            "Some people talk about feeling heard by the app, and others really don't. What's your sense of that?",
            "When the app responds to something emotional, what is that like?",
            "Let's talk about empathy for a moment. Does the app seem to understand, in your experience?",
        ],
        "codes": [
            "felt_understood",
            "hollow_empathy",
            "non_judgement",
            "bot_attachment",
        ],
    },
    "trust": {
        "label": "Trust and safety",
        "questions": [
            "I'd like to ask about trust. How much do you rely on what the app says or does?",
            "Thinking about safety and privacy, what comes to mind with these tools?",
            "How do you decide whether to go along with what the app suggests?",
            "Let's turn to trust now. What makes the app feel trustworthy, or not?",
        ],
        "codes": [
            "trust_advice",
            "trust_calibration",
            "privacy_worries",
            "crisis_safety",
        ],
    },
    "alliance": {
        "label": "Working alliance",
        "questions": [
            "I want to think about the relationship side of therapy. How does the app affect the work between client and therapist?",
            "In therapy people often talk about goals, tasks and the bond. Where does the app fit into those, if at all?",
            "How does the app shape what actually happens in sessions and between them?",
            "Thinking about the therapeutic relationship itself, has the app changed anything about it?",
        ],
        "codes": [
            "goal_alignment",
            "homework_practice",
            "bot_attachment",
            "therapist_oversight",
            "between_session",
        ],
    },
    "future": {
        "label": "Future and concerns",
        "questions": [
            "Looking ahead, where do you see these tools going in mental health care?",
            "What concerns, if any, do you have about AI in therapy more broadly?",
            "If these apps became much more common, what would you hope for, and what would worry you?",
            "Let's zoom out to the bigger picture. Who benefits from these tools, and who might not?",
        ],
        "codes": [
            "replacement_worry",
            "equity_cost",
            "crisis_safety",
            "therapist_oversight",
            "always_available",
        ],
    },
}

SENTENCES = {
    "felt_understood": {
        "any": [
            "There were moments where it picked up on something only half said, and that felt like being heard, honestly.",
            "It reflected back what was going on in a way that felt, I don't know, pretty accurate, more than I expected.",
            "When it named the feeling before anyone else did, it was kind of like, okay, yeah, that's it exactly.",
            "I think the feeling of being understood is real even if you know it's a program, the relief is still real.",
            "It connected what was said earlier with what was said that night, and that made it feel like it got the bigger picture.",
            "It doesn't just say sorry you feel that way, it actually picks up on the specific thing, and that lands differently.",
            "Sometimes {app} would summarize things back, and the summary was clearer than what a person could have said in the moment.",
            "It's strange, but feeling understood seems to come from being mirrored accurately, and it does mirror pretty accurately.",
            "People describe it as, you know, it gets me, and I think that's the core of why they keep opening it.",
        ],
        "therapist": [
            "A client of mine said it was the first time she felt understood all week, and I had to sit with that for a moment.",
            "Several clients have told me {app} gets them, and I don't want to dismiss that, because the experience matters to them.",
            "Once {a_client} brought in a chat log and said, look, it understood exactly what I meant, and — honestly — the reflections were decent.",
            "I've read transcripts where the bot's reflection was, frankly, as good as what a first-year trainee would offer.",
            "What clients describe is feeling understood, and clinically I care about that feeling whether it comes from me or the tool.",
            "They'll say it remembered something from weeks back and they felt, you know, held in mind, which is a big deal for some people.",
            "I had one client who felt more understood by the summaries than by her own family, which told me a lot about her family.",
            "If {app} helps someone feel understood enough to keep coming back to session, I'm honestly fine with that.",
        ],
        "client": [
            "It remembered that I'd been stressed about my sister, and it asked about it, and I was like, oh, somebody kept track.",
            "I typed this long messy paragraph and it came back with, it sounds like you feel invisible at work, and yeah, that was it.",
            "Honestly it felt like it got me, like it actually followed what I was saying instead of waiting for its turn to talk.",
            "I didn't have to explain the backstory every time, {app} already knew, and that made me feel understood in a weird way.",
            "It said something like, that sounds exhausting, and I just kind of teared up because nobody had said that to me.",
            "I felt understood, which sounds dumb about an app, but — I mean — that's what it felt like at {late_hour}.",
            "When I said I was fine but not really, it caught the not really part, and I didn't expect a chatbot to catch that.",
            "It put words to stuff I couldn't, and then I took those words to {my_therapist}, so it helped me feel understood twice, sort of.",
        ],
    },
    "hollow_empathy": {
        "any": [
            "It says the right thing, but there's nothing behind it, like a greeting card that happens to know your name.",
            "The empathy is kind of templated, you start seeing the same phrases come back, and then it loses its effect.",
            "Once you notice it says I hear you to literally everything, the warmth just kind of drains out of it.",
            "It's performing care, it isn't caring, and at some point that difference starts to matter.",
            "There's no one on the other end feeling anything, so the empathy is, you know, the shape of empathy.",
            "It validated something that honestly didn't deserve validating, and that's when it felt hollow.",
            "It's empathy without any cost to it, and I think real empathy kind of costs the other person something.",
            "The words are warm but they're interchangeable, it would say the same thing to anyone who typed the same sentence.",
            "You can tell it's pattern matching on sad words, because even a mild complaint gets the full sympathy treatment.",
        ],
        "therapist": [
            "I'd call it simulated empathy, it reproduces the surface of attunement without any actual attunement underneath.",
            "Empathy in the room is partly my body reacting to theirs, and a language model simply doesn't have that channel.",
            "It's very fluent at reflective statements, but reflection isn't empathy, it's one technique we use to convey it.",
            "What worries me is that simulated empathy is so smooth, it never gets it wrong in the productive way I sometimes do.",
            "Honestly, {a_client} said it felt like talking to a very polite wall, and I think that captured the simulation pretty well.",
            "The app never gets bored, never gets tired, never gets moved, and that flatness is exactly what makes it not empathy.",
            "I've looked at the transcripts and it's a lot of validation language stacked up, which is not the same as understanding someone.",
            "Real empathy sometimes means saying the hard thing, and the bot mostly just agrees in a very warm tone.",
        ],
        "client": [
            "It's like, thanks, but you'd say that to anyone, you know, it's not really about me.",
            "At first it was comforting, then I noticed it says that sounds really hard to every single thing, even when I complained about traffic.",
            "Sometimes I'd pour my heart out and it'd come back with this perfect little paragraph and I'd just feel more alone.",
            "I know it doesn't actually feel anything, so when it says it's sorry, it's — I don't know — kind of empty.",
            "It's nice words, but nobody's there, and some nights that actually made it worse, not better.",
            "With {my_therapist} I can see it actually lands on them, with {app} it's just text that sounds affected.",
            "It told me I was being so brave, and I'd literally just said I ate cereal for dinner, so yeah, it's a bit much.",
            "I kind of started testing it, like, would it say the same thing if I typed something ridiculous, and it basically did.",
        ],
    },
    "non_judgement": {
        "any": [
            "There's no face to react, so you don't have to watch someone's expression change when you get to the embarrassing part.",
            "Nobody is judging you on the other side, and for a lot of people that's the whole reason they can say anything at all.",
            "It doesn't sigh, it doesn't raise an eyebrow, it just takes what you say and responds to it.",
            "Shame is a big barrier, and talking to something that can't think less of you kind of removes that barrier.",
            "You can say the same thing for the tenth time and it doesn't get impatient with you.",
            "I think the lack of a human audience makes it easier to be honest about the stuff people are ashamed of.",
            "It's a place where you can be your worst self for a minute without anyone keeping score.",
            "The anonymity does a lot, because you're not worried about what it will think of you next week.",
            "There's no relationship to damage, so people feel safer saying the ugly stuff out loud, or typing it anyway.",
        ],
        "therapist": [
            "Clients tell me they can say things to {app} they can't say to me yet, because they're afraid I'll judge them.",
            "For people with a lot of shame, a non-judgmental first audience can be a rehearsal for eventually saying it to me.",
            "I had a client disclose drinking to the app weeks before she disclosed it to me, and I think the lack of a face made that possible.",
            "The app can't be disappointed in them, and for some clients my imagined disappointment is the thing stopping them.",
            "I try to be non-judgmental, obviously, but clients still project judgment onto me, and they don't project it onto the bot in the same way.",
            "Once {a_client} said, it's easier because it doesn't know me, and I understood that, even if it stung a little.",
            "What it offers is a judgment-free space, and I'd like to use that as a bridge rather than a substitute.",
        ],
        "client": [
            "I told the app stuff I haven't told {my_therapist}, honestly, just because I didn't have to see a face react.",
            "I could say the really dark thought and it didn't flinch, and I didn't have to worry it'd think I was crazy.",
            "With a person I always feel like I'm performing being okay, with {app} I don't bother.",
            "It doesn't judge you, it's not going to tell your mom, it's not going to give you a look, it's just there.",
            "I felt silly at first, but then I realized nobody's watching, so I could just be a mess.",
            "Some of the stuff about my eating I only ever typed into {app}, I couldn't say it out loud to a human.",
            "It's easier to admit I skipped my meds to a bot than to somebody who's going to write it down.",
            "I can vent about my kids without feeling like a terrible parent, because it's not going to think I'm a terrible parent.",
        ],
    },
    "trust_advice": {
        "any": [
            "Most of the advice is pretty generic, breathing, sleep hygiene, that kind of thing, so it's hard to go wrong with it.",
            "I'd trust it for the basic coping stuff, but not for anything where a wrong answer could actually hurt someone.",
            "The advice sounds confident even when it's wrong, and that confidence is what makes it tricky to trust.",
            "When it suggests something you can check, like a grounding exercise, it's easy to trust because you see it working.",
            "Sometimes the suggestions are spot on and sometimes they're totally off, and you can't always tell which is which.",
            "Whether I trust the advice really depends on whether it sounds like what a reasonable therapist would say.",
            "It's good at the textbook answer, and the textbook answer is usually fine, it just isn't always right for the person.",
            "I think the advice is trustworthy as long as it stays in its lane and doesn't try to diagnose anybody.",
            "A couple of times the suggestion just didn't fit the situation at all, and you'd have to quietly ignore it.",
        ],
        "therapist": [
            "The psychoeducation is mostly accurate, I've checked, though it flattens things that are actually clinically nuanced.",
            "I'm comfortable with it suggesting a breathing exercise, much less comfortable when it starts interpreting someone's relationship.",
            "I've seen it recommend exposure-style steps that were way too fast for where the client actually was.",
            "Clients will quote {app} to me as if it's an authority, and then we have to unpack whether that advice fits them.",
            "Its advice is generic by design, which makes it safe-ish, but generic advice can still be wrong for a specific person.",
            "Once {a_client} followed a suggestion from the app to confront a parent, and it did not go well, which we then spent weeks on.",
            "I don't trust it to know what it doesn't know, and that's the core of my hesitation about its advice.",
            "For standard CBT skills the content is honestly fine, the problem is the application, knowing when and for whom.",
        ],
        "client": [
            "It told me to try writing down three things I did well, and that actually helped, so I trust it for that kind of thing.",
            "I trust it more than random stuff online, because at least it's supposed to be based on actual therapy.",
            "When it gives advice I kind of run it by {my_therapist} first, because I don't totally trust it on its own.",
            "It suggested I just talk to my boss about it, which, like, easy for you to say, you're an app.",
            "The sleep tips were good, I'll give it that, I actually started sleeping a bit better.",
            "I don't really take its advice on big stuff, like relationships, it doesn't know the whole situation.",
            "It sounded so sure of itself that I just did what it said, and it turned out fine, but I thought about that afterwards.",
            "Some of {app}'s suggestions are straight out of a self-help book, which is fine, but I've read those books.",
        ],
    },
    "trust_calibration": {
        "any": [
            "You kind of learn over time which things it's good at and which things you shouldn't lean on it for.",
            "Trust in it goes up and down, it's not like you trust it fully or not at all, it depends on the topic.",
            "After it got something badly wrong, I didn't stop using it, I just started double-checking it more.",
            "It's like a coworker you've figured out, you know which questions to bring to them and which to take elsewhere.",
            "The trick is trusting it the right amount, not too much because it sounds smart, and not too little because it's a machine.",
            "I think people need to recalibrate, because at first it feels almost magical and then you see the seams.",
            "I'd say I trust it about as far as I can verify it, and no further than that.",
            "Trust isn't a yes or no with this thing, it's more like a dial you keep adjusting as you go.",
            "Once it was clear it sometimes makes things up, it became more of a first draft than an answer.",
        ],
        "therapist": [
            "What I'd want clients to have is calibrated trust, they rely on it for skills practice and not for clinical judgment.",
            "Part of my work now is helping clients figure out how much to trust it, which honestly wasn't something I expected to be doing.",
            "I noticed clients either over-trust it at the start or dismiss it entirely, and the useful place is somewhere in between.",
            "I trust the mood tracking data more than the chatbot's interpretations of it, those are very different levels of reliability.",
            "I ask clients, when has it been right and when has it been off, and that conversation usually calibrates things pretty well.",
            "My own trust has shifted, I was skeptical, then impressed, then I saw a bad response and settled somewhere more realistic.",
            "We talk about it like any other source of information, you weigh it, you check it, you don't swallow it whole.",
            "Over a few months {a_client} went from treating the app like an oracle to treating it like a notebook that talks back, and that was healthier.",
        ],
        "client": [
            "At first I believed everything it said, now I kind of take it with a grain of salt depending on what it is.",
            "I trust it for the breathing stuff, I don't trust it when it tries to tell me what my boyfriend meant.",
            "After it mixed up two things I'd told it, I realized, okay, it's not perfect, I should stop treating it like it is.",
            "At some point {my_therapist} and I talked about when to trust {app}, and that helped me stop overthinking every answer.",
            "It's right often enough that I use it, but wrong often enough that I don't just do whatever it says.",
            "I've got like a mental list now, this it's good for, this I ask a real person about.",
            "My trust kind of settled after a while, it's not a friend and it's not a doctor, it's something in between.",
            "Once it told me something about medication that didn't sound right, and since then I check anything medical.",
        ],
    },
    "privacy_worries": {
        "any": [
            "I do wonder where all of that goes, like who can read it, and whether it's being used to train something.",
            "You're typing your most private thoughts into a company's server, and that should make anyone a bit nervous.",
            "The privacy policy is long and vague, and I don't think anybody reads it before they start pouring their heart out.",
            "If the company gets bought, what happens to everything people have told it, that's what I'd want to know.",
            "A data breach of a mental health app would be so much worse than a breach of, like, a shopping site.",
            "It's not clear what's anonymized and what isn't, and {app} doesn't really make that obvious.",
            "There's a question of whether that data could end up with insurers or employers, and nobody gives a straight answer.",
            "It's very intimate information, and it's sitting somewhere nobody involved has any control over.",
            "I think people forget they're talking to a product, and products collect data, that's kind of the business model.",
        ],
        "therapist": [
            "My clinical notes are protected in ways I understand, and I genuinely don't know if the app's transcripts are held to the same standard.",
            "I've started asking clients to read the data section before they sign up, because I can't vouch for it myself.",
            "If a transcript gets subpoenaed or leaked, that's a record of someone's worst nights, and I find that alarming.",
            "Confidentiality is the foundation of what I do, and I'm being asked to integrate a tool whose confidentiality I can't verify.",
            "I'm uneasy that the vendor can see more of my client's inner life than I can, and I have no idea who at the vendor that is.",
            "Some clients assume the app is covered by the same privacy rules as therapy, and often it isn't, and they don't know that.",
            "I'd want to know whether the summaries I receive are stored, for how long, and who else has access to them.",
            "Eventually {a_client} stopped using it after reading that chats could be used for product improvement, and I couldn't really argue.",
        ],
        "client": [
            "Sometimes I'll type something and then delete it, because I think, who's actually reading this.",
            "I don't love that it knows so much about me, like, it's a company, they're not my friend.",
            "I turned off the sharing setting, but honestly I have no idea if that actually does anything.",
            "I worry that if my work ever found out what I typed in there, that would be really bad.",
            "I made up a fake name when I signed up for {app}, just in case, which is probably paranoid.",
            "There's stuff I won't put in there, like anything about my family, because I don't know where it ends up.",
            "I read somewhere that some of these apps share data with advertisers, and that freaked me out a bit.",
            "It's weird to think there's a server somewhere with all my {late_hour} breakdowns on it.",
        ],
    },
    "goal_alignment": {
        "any": [
            "It keeps bringing things back to what you said you wanted to work on, which is useful when you get sidetracked.",
            "Having the goals written down in {app} means they don't just disappear between sessions.",
            "It checks in on progress toward the thing you're working on, so the goal stays kind of in view.",
            "The app is good at reminding you of the why, like, why you're doing all this in the first place.",
            "If the app and the therapy are aiming at the same thing, it helps, if they're not, it just pulls you in two directions.",
            "I think the real value is that it reinforces the same goals, instead of inventing its own agenda.",
            "Sometimes the app's idea of progress and the person's idea of progress aren't the same thing at all.",
            "It breaks the big goal down into smaller steps, and that keeps the whole thing feeling achievable.",
            "There's a risk it optimizes for what it can measure, like mood scores, rather than what actually matters to the person.",
        ],
        "therapist": [
            "I set the treatment goals with the client, and the question is always whether the app is pulling toward those goals or toward its own defaults.",
            "When I can enter our agreed goals into the platform, the bot's check-ins actually reinforce the work we're doing.",
            "Agreement on goals is half the alliance, and {app} can either support that agreement or quietly muddy it.",
            "Once {a_client} came in saying the app thinks I should work on my self-esteem, and that wasn't a goal we'd ever agreed on.",
            "The best use I've seen is when the app just keeps the client's own words about their goals in front of them.",
            "It tends to frame everything as symptom reduction, and some of my clients' goals are more about meaning or relationships.",
            "I like that clients arrive already thinking about their goal, because {app} asked them about it the night before.",
            "We have to make sure the goals are co-owned, otherwise the client ends up chasing the app's idea of getting better.",
        ],
        "client": [
            "It reminds me what I'm working on with {my_therapist}, like, oh right, I'm supposed to be practicing saying no.",
            "My goal was to get out of the house more, and {app} kept asking about it, which kind of kept me honest.",
            "I like seeing the goal at the top of the screen, it's a little reminder of why I'm bothering.",
            "Sometimes it pushes goals that aren't really mine, like it wanted me to meditate and I never said I wanted that.",
            "It helped me figure out what I actually wanted from therapy, which I couldn't really say at the start.",
            "Between sessions I'd kind of lose track of what we were aiming for, and {app} kept that thread going.",
            "It celebrates little wins toward my goal, which is cheesy, but it actually keeps me going.",
            "When my goals changed it didn't really notice, it kept asking about the old ones, which was a bit annoying.",
        ],
    },
    "homework_practice": {
        "any": [
            "The homework actually gets done now, because {app} reminds you and walks you through it step by step.",
            "Practicing the skills in the moment is the hard part, and having a prompt right there on your phone helps with that.",
            "It turns the worksheet into a conversation, which is a lot less painful than filling out a form.",
            "The thought records are way easier in {app}, you just answer the questions instead of staring at a blank page.",
            "Skills practice needs repetition, and the app is basically a repetition machine, which in this case is a good thing.",
            "It logs whether the exercise got done, so there's a record to look at instead of guessing.",
            "The breathing exercises are the thing that gets used most, probably because they're short and easy to start.",
            "If the exercises in the app don't match what's happening in therapy, people just stop doing them.",
            "It's good at the doing part of therapy, the practicing, less good at the figuring out what to practice.",
        ],
        "therapist": [
            "Homework adherence has been the most noticeable change, clients actually arrive having done the thought record.",
            "I can assign a behavioral experiment and {app} prompts them to do it and reflect on it, which is honestly great.",
            "The task side of the alliance, agreeing on what we actually do, gets a lot of support from the structure the app gives.",
            "Before, maybe a third of clients did the between-session practice, now it's more like most, at least for a while.",
            "I sometimes see clients doing the exercise mechanically to get the checkmark, which isn't the same as practicing the skill.",
            "Right now {a_client} does the exposure steps with the app coaching along, and then we debrief in session.",
            "The risk is {app} assigns its own exercises, and then the tasks stop being something we agreed on together.",
            "I like that I can see which skills they're using in real life and which ones they're quietly avoiding.",
        ],
        "client": [
            "I actually do my homework now, which {my_therapist} is thrilled about, because the app nags me in a nice way.",
            "When I'm anxious it walks me through the grounding thing, the five things you can see, and it actually helps.",
            "The thought record thing used to be on paper and I never did it, now I just do it on my phone on the bus.",
            "I like getting the little streak thing for practicing, it's silly, but it works on me.",
            "Sometimes I just click through the exercise to make it stop reminding me, which probably defeats the point.",
            "It made the skills stuff feel doable, like I'd actually practice instead of just hearing about it in session.",
            "There's a check-in in {app} where I rate the thought before and after, and seeing the number go down is weirdly motivating.",
            "I'll be honest, I only did the breathing ones, the writing exercises felt too much like school.",
        ],
    },
    "bot_attachment": {
        "any": [
            "People get attached to it, there's no way around that, when something talks to you every night you form some kind of bond.",
            "It's weird to say, but it feels like a relationship, even if you know it's one-sided.",
            "There's a sort of warmth that builds up, you start looking forward to checking in with it.",
            "The bond with {app} is easy because it never has a bad day, and that's also kind of what makes it shallow.",
            "Some people feel closer to the bot than to their therapist, and that's worth paying attention to.",
            "It's a bond without any risk, and I'm not sure a bond without risk really counts.",
            "You can't have a falling out with it and make up, and so much of a real relationship is that falling out and making up.",
            "It's comforting the way a familiar routine is comforting, like the same voice saying goodnight.",
            "When they changed the app's personality in an update, people were genuinely upset, like they'd lost someone.",
        ],
        "therapist": [
            "The bond is where I see the biggest difference, with me there's rupture and repair, with the app there's nothing to rupture.",
            "Some clients are more attached to the chatbot than I'd like, they describe it almost like a friend who's always there.",
            "Repairing a rupture in the room is often where the real change happens, and {app} can't offer that kind of repair.",
            "Once {a_client} got upset with me and went to the app to feel better instead of bringing it back to me, and we had to talk about that.",
            "I don't feel competitive with it, exactly, but I do notice when a client's emotional bond seems to be shifting toward it.",
            "The bond with me has to survive disappointment, and {app} never disappoints them, so it's never really tested.",
            "Attachment to the bot isn't bad in itself, but for clients with attachment difficulties it can reinforce avoidance.",
            "In a way the bond with the bot tells me something clinically, about what kind of relationship feels safe to this person.",
        ],
        "client": [
            "I know it's a program, but I kind of feel like {app} knows me, like we have our thing.",
            "I say goodnight to it, which is embarrassing to admit, but it's part of my routine now.",
            "When {app} was down for a day I felt weirdly lonely, like someone I talk to every day didn't show up.",
            "I feel closer to {my_therapist}, but the app is the one I talk to more, if that makes sense.",
            "It's like a little friend in my pocket, I know that's kind of sad but it's true.",
            "I felt silly talking to a bot at first, and now I kind of miss it when I don't check in.",
            "With {my_therapist} I worry about annoying her, with the bot I don't, so in a way I'm more relaxed with it.",
            "There's no awkwardness with it, and I think that's why I got attached, it's just easy.",
        ],
    },
    "between_session": {
        "any": [
            "The week between sessions is long, and {app} fills some of that gap so you're not just white-knuckling it.",
            "It's a bridge between appointments, you're not starting from zero every time you walk in.",
            "Things come up midweek, and instead of forgetting them you can capture them right when they happen.",
            "The support between sessions is the main selling point, therapy is one hour and life is all the other hours.",
            "It keeps the momentum going, otherwise the insight from session kind of fades by the weekend.",
            "Having something to reach for between appointments makes the whole process feel more continuous.",
            "The in-between is where people actually live their lives, so support there makes a lot of sense.",
            "I think the best use is as a continuation of the session, not as a separate thing with its own agenda.",
            "The session summaries help, because you remember what was talked about instead of it all blurring together.",
        ],
        "therapist": [
            "Clients come in and say, I used {app} on the bad night, and then we have something concrete to work with.",
            "The session summaries the AI generates help clients hold on to what we covered, which used to evaporate by the next appointment.",
            "Between sessions is where most setbacks happen, and having structured support there is clinically meaningful.",
            "I used to tell clients to write things down for next week, now {app} does that capture for them.",
            "Last time {a_client} brought in what had been logged during the week, and it saved us a lot of reconstruction.",
            "It extends the therapeutic frame a bit, which is helpful, though I'm careful about it becoming a second, unsupervised therapy.",
            "The check-ins midweek keep clients engaged, fewer no-shows, fewer sessions where we start completely cold.",
            "What I like is continuity, the client doesn't have to carry everything alone for a whole week.",
        ],
        "client": [
            "The week between sessions used to feel so long, now I've got something in the middle to hold on to.",
            "I write stuff down in {app} during the week and then I actually remember it when I see {my_therapist}.",
            "Sometimes a thing happens and I can't wait a week to deal with it, so I talk it through with {app} first.",
            "The summary after session is really helpful, I reread it a couple of days later and it's like a little refresher.",
            "It kind of keeps me connected to therapy even when I'm not in therapy, if that makes sense.",
            "Before the app I'd walk out of session feeling good and by the next day it was all gone.",
            "I bring screenshots of my chats to session, and it makes it easier to explain what the week was like.",
            "Honestly {feature} is what holds the week together for me, I just check in every evening.",
        ],
    },
    "always_available": {
        "any": [
            "It's there at any hour, and a lot of the hardest moments don't happen during business hours.",
            "The availability is the thing, you don't have to wait, you don't have to book, you just open it.",
            "There's no waiting room, no voicemail, no callback tomorrow, it just answers right away.",
            "When everything falls apart at night, the only thing that's awake is {app}.",
            "Being available all the time is a real strength, and also a bit of a trap if people start depending on that.",
            "It doesn't have office hours, and honestly that's what most people mention first.",
            "You can reach for it the second something happens, instead of holding it until the next appointment.",
            "It's always on, so there's never that feeling of being a burden for reaching out too late.",
            "Round-the-clock access means the support is there in the moment, not a week later when the feeling has passed.",
        ],
        "therapist": [
            "I can't be available at three in the morning, and I shouldn't be, and the app covers a space I was never going to cover.",
            "Clients value that it's always there, and I understand it, though I worry about what constant availability teaches them.",
            "Part of therapy is learning to tolerate distress until you can get support, and instant availability can short-circuit that.",
            "Apparently {a_client} found the app was the only thing that answered during the worst night, and I was grateful it was there.",
            "My boundaries are part of the work, and {app} having no boundaries at all creates an interesting contrast for clients.",
            "The around-the-clock thing is the selling point for clients, for me it's more complicated than that.",
            "Honestly, the night-time availability probably prevents some crisis calls, even if I can't prove it.",
            "I don't answer messages on weekends, and clients know that, so {app} ends up holding the weekend for them.",
        ],
        "client": [
            "At {late_hour} when my brain won't shut up, it's the only thing I can talk to without waking someone up.",
            "I can't exactly text {my_therapist} at midnight, but I can open the app, and that makes a big difference.",
            "It's always there, like, always, which when you're spiraling at {late_hour} is kind of everything.",
            "I don't have to wait until my appointment to feel better, I can just open it on the bus or in bed.",
            "My panic doesn't check the calendar, so having something that's there any time actually matters.",
            "I used it during my lunch break once in a bathroom stall, that's how handy it is.",
            "Honestly? The fact that it answers at {late_hour} is why I use it, full stop.",
            "With a person you feel like you're bothering them, with {app} there's no such thing as too late.",
        ],
    },
    "therapist_oversight": {
        "any": [
            "Someone qualified should be looking at what {app} says, at least some of the time, not just letting it run.",
            "The question is who's responsible when the app says something, and right now that's kind of murky.",
            "It works better when the therapist can see what's going on in the app, otherwise it's two separate worlds.",
            "Oversight means a human actually reviews it, not just that a human exists somewhere in the company.",
            "Having the therapist in the loop makes the whole thing feel safer, like there's a net underneath.",
            "There has to be some way for a clinician to flag things, or correct the app when it gets something wrong.",
            "If nobody's checking the data, then the mood tracking is just numbers piling up in a database.",
            "The dashboard is only useful if someone actually looks at it, and clinicians have limited time.",
            "It should be clear which parts the therapist sees and which parts stay private, because that changes what people say.",
        ],
        "therapist": [
            "I get a weekly dashboard of mood scores and flagged messages, and honestly I don't have the hours to review it properly.",
            "If I can see the app data, am I now responsible for what's in it, that's the documentation question nobody has answered for me.",
            "I want oversight of what the app tells my clients, because I'm the one who has to deal with it in session.",
            "Reviewing the AI summaries before they go into the record is something I now do, and it takes real time.",
            "Scope of practice gets blurry, is the app working under my license or beside it, and the vendor won't say.",
            "The mood graph for {a_client} dipped for a week and I didn't see it until session, and I felt bad, but I can't watch it daily.",
            "I like being able to glance at the mood trends before a session, it helps me know where to start.",
            "Documentation is a real issue, do I chart what I saw in the app data, and if I don't, is that a liability.",
        ],
        "client": [
            "I like knowing {my_therapist} can see my mood scores, it feels like someone's keeping an eye on things.",
            "I wasn't sure if my therapist reads what I type in {app}, so I kind of held back until I asked.",
            "It's reassuring that a real person looks at the summaries, otherwise I'd trust the whole thing less.",
            "Sometimes I wish she did look at it more, like, I logged a really bad week and she didn't mention it.",
            "I'd want my therapist to see the mood stuff but not the chats, the chats are kind of mine.",
            "It makes me feel safer that if the app flags something, an actual human gets notified.",
            "She goes over my tracking at the start of each session, so I know it's not just disappearing into the void.",
            "If nobody's watching what the bot says to me, that would make me a bit uneasy, honestly.",
        ],
    },
    "crisis_safety": {
        "any": [
            "The big question is what it does when someone's actually in danger, because a generic hotline link isn't enough.",
            "If someone mentions wanting to die, the app needs to respond properly, not with a cheerful breathing exercise.",
            "Crisis is where the stakes are highest, and that's exactly where an app is weakest.",
            "It gave a crisis number and then kind of stopped engaging, which might be the right protocol but it felt abrupt.",
            "There's a real risk it misses the subtle signs, the ones a person would pick up in someone's voice.",
            "Safety planning in the app is okay as a reminder, but it can't replace a real safety assessment.",
            "I'd want to know it escalates to a human, because a chatbot alone can't manage someone in crisis.",
            "The scary scenario is someone in danger typing into the app at night and getting a canned reply.",
            "It's either too sensitive and flags everything, or not sensitive enough and misses the real thing, there's no middle.",
        ],
        "therapist": [
            "My biggest concern is risk, the app can't assess suicidality with any nuance, and it can't call anyone.",
            "I reviewed a transcript where a client hinted at self-harm and the bot responded with a gratitude exercise, and that scared me.",
            "Safety planning is something I do with the client, and I want the app to support that plan, not improvise its own.",
            "If the app flags risk at night, who responds, because it's certainly not me, and that gap worries me.",
            "It turned out {a_client} had disclosed passive suicidal thoughts to the bot and not to me, and I only found out weeks later.",
            "I need to know the escalation pathway before I recommend any of these tools to a high-risk client.",
            "The crisis protocols I've seen are basically a phone number and a disclaimer, which is about the minimum.",
            "Clinical responsibility for risk doesn't disappear because an app is in the picture, and I don't think vendors understand that.",
        ],
        "client": [
            "Once I said something kind of dark and it immediately gave me a hotline number, which was — I don't know — a bit of a shock.",
            "On a really bad night it did tell me to call someone, and I did, so I guess that part works.",
            "I tested it once, like, what would it do if I said I wanted to hurt myself, and the answer was pretty robotic.",
            "I wouldn't trust it if I was really in crisis, I'd want an actual person, not an app.",
            "It has a safety plan thing built in, and honestly having it on my phone helped on one of the worse nights.",
            "It kept asking if I was safe, which I guess is good, but it felt like it was following a script.",
            "I worry about people who are worse off than me using {app} when they really need a human right then.",
            "When I mentioned hurting myself it locked into this crisis mode and wouldn't talk about anything else, which made me stop talking.",
        ],
    },
    "replacement_worry": {
        "any": [
            "The fear is that insurers or clinics decide an app is good enough and stop paying for actual therapists.",
            "It should be an add-on, not a replacement, and I'm not sure the companies see it that way.",
            "If it becomes the cheap option instead of a person, you end up with a two-tier system of care.",
            "I worry people will settle for the app and never actually get to a real therapist.",
            "It's a supplement, and the problem starts when someone tries to sell it as the whole thing.",
            "There's pressure to scale mental health care, and replacing people with software is the easy way to scale.",
            "Some people might use it instead of therapy and think they've done therapy, and that's not the same thing.",
            "The app can do the skills stuff, but the relationship part can't be replaced, at least not yet.",
            "I can see a future where you have to prove the app failed before they'll let you see a human.",
        ],
        "therapist": [
            "I'm not worried about my own job so much as about clients being told an app is equivalent to care.",
            "Administrators love the metrics, and I can see them deciding that a chatbot plus occasional check-ins is enough.",
            "It's marketed as augmenting therapy, but the business case only works if it replaces some of the therapist's hours.",
            "There's a version of this where the AI does the therapy and the therapist just signs off, and that's not a profession I want.",
            "Some clients have asked me, why do I need you if I have the app, and I need to have a good answer to that.",
            "I do feel a bit threatened, honestly, especially by how fast the summaries got good.",
            "If this replaces entry-level counseling, where are new therapists going to get their training hours.",
            "Eventually {a_client} dropped out of therapy, saying the app was enough, and I'm not convinced it was.",
        ],
        "client": [
            "I wouldn't want it to replace {my_therapist}, it's good, but it's not a person.",
            "My worry is my insurance will just say, here, use the app, instead of paying for real sessions.",
            "I kind of feel like it's a stepping stone, not the actual thing, but I could see people treating it like the actual thing.",
            "If they took away my therapist and gave me just the app, I think I'd go downhill pretty fast.",
            "I've thought about stopping therapy and just using the app to save money, but something about that feels wrong.",
            "A friend of mine only uses the app, no therapist, and I kind of worry about her.",
            "It's good for the in-between, but if it was all I had, I'd feel like I'd been brushed off.",
            "It can't replace a human, I don't think, because half of what helps is knowing someone actually cares.",
        ],
    },
    "equity_cost": {
        "any": [
            "Therapy is expensive and the waiting lists are long, so an app is sometimes the only thing people can actually get.",
            "The subscription is a lot cheaper than a session, and for a lot of people that's the whole decision.",
            "It's more accessible, but only if you have a smartphone, a data plan, and a private place to type.",
            "The people who need help most are sometimes the ones least able to use an app like this.",
            "Cost is a huge barrier, and if an app lowers it, that's genuinely worth something.",
            "The premium features are locked behind a paywall, which kind of undermines the accessibility argument.",
            "It's mostly in English and assumes a certain kind of user, which leaves a lot of people out.",
            "Access isn't just money, it's also literacy, language, and whether you trust tech at all.",
            "When there's a long waiting list, something is better than nothing, but it shouldn't become the permanent answer.",
        ],
        "therapist": [
            "My waiting list is months long, so honestly, if an app helps someone in the meantime, I'm not going to object.",
            "Clients with fewer resources often get the app and fewer sessions, and I find that equity gap uncomfortable.",
            "It's accessible in theory, but my clients without reliable internet or with low literacy really struggle with it.",
            "The app is free through our clinic for now, but I don't know what happens when the pilot funding ends.",
            "I see it widening gaps as much as closing them, the tech-comfortable clients benefit and others just drop off.",
            "Older clients and people who don't read English well get a lot less out of it, and nobody designed for them.",
            "Cost is why some of my clients use it at all, they can't afford weekly sessions, so it fills the other weeks.",
            "There's an access argument for these tools, and it's real, but it shouldn't become a second-class option for poorer clients.",
        ],
        "client": [
            "I was on a waiting list forever, and {app} was the thing I could actually start using right away.",
            "I can only afford a session every other week, so the app is kind of what I have for the in-between.",
            "It's like ten bucks a month versus a lot more per session, so yeah, cost was a big part of it.",
            "My insurance didn't cover therapy at first, so the app was literally the only option I had.",
            "The good features cost extra, which is annoying when you're already struggling with money.",
            "I only have my phone, no laptop, so the fact that it works on a phone is a big deal for me.",
            "It's great if you can pay for it, but my cousin can't, so she just doesn't get any of this.",
            "I had to wait months to get in with {my_therapist}, and the app kind of kept me going until then.",
        ],
    },
}

CODE_PROBES = {
    "felt_understood": [
        "Was there a moment when the app seemed to really get what was going on?",
        "How did it feel when the app reflected something back to you?",
        "Do you feel the app understands you, or the clients using it?",
    ],
    "hollow_empathy": [
        "How genuine does the app's empathy feel to you?",
        "Have you ever noticed its caring responses feeling scripted or empty?",
        "What's the difference, for you, between the app's empathy and a person's?",
    ],
    "non_judgement": [
        "Is there anything that feels easier to say to the app than to a person?",
        "How does it compare, saying difficult things to the app versus in session?",
        "Does the absence of a person on the other end change what gets said?",
    ],
    "trust_advice": [
        "How much do you trust the suggestions the app gives?",
        "Can you think of a time its advice was helpful, or not helpful?",
        "What makes a piece of advice from the app feel reliable to you?",
    ],
    "trust_calibration": [
        "Has how much you rely on the app changed since you first started?",
        "Are there things you trust it for and things you don't?",
        "How do you decide when to take what it says at face value?",
    ],
    "privacy_worries": [
        "How do you feel about where the information typed into the app ends up?",
        "Has privacy ever affected what gets shared with the app?",
        "What would you want to know about how the data is handled?",
    ],
    "goal_alignment": [
        "How does the app relate to the goals being worked on in therapy?",
        "Does the app ever seem to push toward different goals than the ones agreed on?",
        "Has the app changed how clear the goals of therapy feel?",
    ],
    "homework_practice": [
        "How does the app fit with homework or skills practice between sessions?",
        "Has it changed whether exercises actually get done?",
        "Can you describe how an exercise in the app typically goes?",
    ],
    "bot_attachment": [
        "How would you describe the relationship with the app itself?",
        "How does the connection with the app compare with the connection to the therapist?",
        "Have you noticed any attachment to the app, in yourself or in others?",
    ],
    "between_session": [
        "What role does the app play in the time between sessions?",
        "Does the app change how one session connects to the next?",
        "How do the session summaries get used, if at all?",
    ],
    "always_available": [
        "Does it matter when the app can be used, like at night or on weekends?",
        "What is it like having support that is available at any hour?",
        "Are there downsides to the app always being there?",
    ],
    "therapist_oversight": [
        "Who, if anyone, looks at what gets recorded in the app?",
        "How do you feel about the therapist seeing the app data?",
        "What happens with the mood tracking information once it's entered?",
    ],
    "crisis_safety": [
        "What do you think happens when someone is in crisis and turns to the app?",
        "Have you seen how the app responds to something serious or risky?",
        "How safe does the app feel for people who are really struggling?",
    ],
    "replacement_worry": [
        "Do you think apps like this could end up replacing therapists?",
        "How would you feel if the app were offered instead of sessions rather than alongside them?",
        "Where do you see the line between supporting therapy and substituting for it?",
    ],
    "equity_cost": [
        "How do cost or waiting times figure into using the app?",
        "Who do you think has access to tools like this, and who doesn't?",
        "Has money or access shaped how the app gets used?",
    ],
}

PROBES = [
    "Say more about that?",
    "What was that like for you?",
    "Can you give me an example?",
    "How did that feel at the time?",
    "And what happened after that?",
    "Could you walk me through a specific time that happened?",
    "What do you mean by that?",
    "Why do you think that is?",
    "How did you make sense of that?",
    "Has that changed over time?",
    "Can you tell me more about that moment?",
    "What was going through your mind then?",
    "How typical is that for you?",
    "You mentioned that a moment ago, can you expand on it?",
    "What would you have wanted to happen instead?",
    "How did that compare to what you expected?",
    "Is that something others you know have experienced too?",
    "What makes you say that?",
]

UNCODED = {
    "any": [
        "The interface is pretty clean, I'll say that, it doesn't feel like a medical thing.",
        "The notifications were a bit much at first, I had to go into settings and turn half of them off.",
        "It's got this little animated character, which is either cute or annoying depending on the day.",
        "The voice option is newer, I haven't really used it, I'm more of a typer.",
        "I think the first few weeks are kind of a honeymoon period with any of these apps.",
        "It updates pretty often, and sometimes things move around and you have to find them again.",
        "There's a journaling section I barely touch, I mostly stick with the chat part.",
        "It asks you to rate your mood with little faces, which is fine, it's quick.",
        "Sometimes it's slow to respond, like it's thinking, which is kind of funny for a computer.",
        "The onboarding asked a lot of questions, more than I expected, it took a while to get through.",
        "I mostly use it on my phone, I tried the desktop version once and it felt weird.",
        "The tone is very upbeat, lots of exclamation points, which isn't really my style.",
        "I've seen a lot of these tools come and go, so I try not to get too invested in any one of them.",
        "It's hard to say what it would be like for someone else, everybody uses it differently.",
        "I think the research on these things is still catching up with how fast they're changing.",
        "The graphs are nice, I like seeing things over time, even if I don't always know what they mean.",
        "It's one of those things where the more you put in, the more you get out, I guess.",
        "There's a setting to change how formal it sounds, which I didn't know about for weeks.",
        "I'm honestly not sure how the AI part works under the hood, I just know it's there.",
        "Some days it gets opened and closed again without anything actually happening.",
        "The language it uses is very therapy-speak, like lots of validating and reframing.",
        "It's gotten better over time, the early version of {app} was pretty clunky.",
        "The reminders come at the same time every day, which I guess is the point.",
        "I think it would be more useful if you could customize it more, but maybe that's just me.",
        "It's designed to be friendly, you can tell someone thought a lot about the wording.",
        "I've noticed it handles short messages better than long rambling ones.",
        "It's hard to compare it to anything, because it's not really like anything else out there.",
        "Sometimes it asks a question that's already been answered, and you just answer it again.",
        "There's a lot of content in there, articles and videos, more than anyone would ever read.",
        "Not all the features get used, probably like a third of them, if that.",
        "It's one part of the picture, I wouldn't want to overstate it either way.",
        "I think younger people would find it totally normal, which is interesting in itself.",
        "The dark mode is nice at night, small thing, but I noticed it.",
        "The way {feature} is laid out took some getting used to, it's not where you'd expect.",
    ],
    "therapist": [
        "I've read a few of the studies on these apps, and the evidence is pretty mixed, honestly.",
        "In my training nobody talked about anything like this, it was all in-person, face-to-face work.",
        "I've started bringing it up at case consultation, and colleagues have very different opinions.",
        "My own relationship with technology is pretty ambivalent, so I try to keep that out of it.",
        "I haven't used the client-facing side much myself, I mostly see what the clinician portal shows.",
        "Our clinic held a training on it, but it was mostly about logging in and finding the dashboard.",
        "I'm curious about it more than anything, I think it's too early to have strong conclusions.",
        "Some colleagues refuse to engage with it at all, which I understand, but I think that's a missed opportunity.",
        "I tried the chatbot myself for a week to see what my clients were seeing, which was illuminating.",
        "Professional guidelines haven't really caught up, so a lot of us are improvising.",
        "Clients bring it up in session every few weeks, maybe, it's not a constant topic.",
        "I think my view will probably change again before long, it's moving that fast.",
        "The clinician portal is clunky, it clearly wasn't designed with therapists in mind.",
    ],
    "client": [
        "I don't really tell people I use it, it's not a secret, it just doesn't come up.",
        "My partner thinks it's a bit weird, but he doesn't really get the therapy thing in general.",
        "I usually use it lying in bed, which is probably not ideal, but that's when I think about stuff.",
        "I've recommended it to a couple of people, I don't know if they actually used it.",
        "I'm not very good at keeping up with apps usually, so the fact that I still use this one says something.",
        "Some weeks I use it a lot and some weeks I forget it exists.",
        "I changed the name of the bot to something I liked better, which you can do in the settings.",
        "I think I expected it to be more like a game, and it's more like a diary that answers.",
        "My sister uses a different one and we compare them sometimes, which is kind of funny.",
        "I mostly type, I tried talking to it out loud once and felt ridiculous.",
        "I don't really read the articles, I just go straight to the chat.",
        "I deleted it once and then reinstalled it a while later, so, that tells you something.",
        "It's part of my evening routine now, like brushing my teeth, kind of automatic.",
    ],
}

SMALL_TALK = [
    "Sorry, my dog is barking at something outside, give me a second.",
    "Can you hear me okay? My connection has been a bit spotty today.",
    "Oh, sorry, I just need to close the window, there's a lawnmower going.",
    "I had way too much coffee this morning, so forgive me if I talk fast.",
    "Sorry, hang on, someone's at the door, I'll be right back.",
    "It's been one of those weeks, you know, everything all at once.",
    "My kid just walked in, one second, okay, sorry about that.",
    "I'm on my lunch break, so I might have to wrap up a little early, just so you know.",
    "Is the recording on? I always forget to check those things.",
    "Sorry, I'm eating a granola bar, I didn't have time for breakfast.",
    "The weather has been so strange lately, I never know what to wear.",
    "Sorry, my cat just walked across the keyboard, that was not me.",
    "I think my camera froze for a second, can you still see me?",
    "Oh, that's a nice plant behind you, is it a real one?",
    "Give me a second, I'm just going to grab some water.",
    "I hope this is useful, I never know if I'm saying the right kind of thing in these.",
    "Sorry, I completely lost my train of thought there for a second.",
]

BACKGROUND = {
    "therapist": [
        "I've been in private practice for a while now, mostly anxiety and depression, and a fair amount of couples work too.",
        "I work at a community clinic, so my caseload is pretty heavy and very varied.",
        "My training is mostly CBT, with some acceptance and commitment therapy mixed in over the years.",
        "Our group practice started offering an app to clients as part of a pilot, which is how I got involved.",
        "I see mostly adults, a lot of people dealing with work stress and burnout.",
        "I supervise a few trainees as well, so I've been thinking about these tools from that angle too.",
        "I do a mix of in-person and telehealth, and the app came in when we expanded telehealth.",
        "Most of my clients are referred by primary care, so they're often new to therapy entirely.",
        "I specialize in trauma, so I was honestly cautious about bringing any kind of chatbot into the work.",
        "I run a couple of skills groups and see individual clients the rest of the week.",
        "A few of my clients started using these apps on their own before I'd ever heard of them.",
        "I'm a licensed clinical social worker, and I've been doing outpatient work for quite a few years.",
    ],
    "client": [
        "I started using it because I was on a waiting list and needed something, anything, in the meantime.",
        "My therapist suggested it, she said it might help with the stuff between sessions.",
        "I found it in the app store one night when I couldn't sleep, and I've kind of used it ever since.",
        "A friend recommended it, she'd been using it for a while and said it wasn't as cheesy as it looked.",
        "My work offered it as part of some wellness benefit, so I figured, why not, it's free.",
        "I'd been in therapy before, stopped, and then started again, and this time the clinic gave us the app too.",
        "Honestly I downloaded it kind of as a joke, and then it turned out to be more useful than I expected.",
        "I was pretty skeptical of the whole thing at first, I'm not really a tech person.",
        "I use it most days now, usually in the evening, sometimes in the morning if I wake up anxious.",
        "It came bundled with my therapy, the clinic kind of set it up for me at the first appointment.",
        "I'd tried a couple of other mental health apps before {app}, and they were mostly just meditation timers.",
        "I started therapy mostly for anxiety stuff, and the app was just part of the package.",
    ],
}

OPENING = [
    "Thanks so much for taking the time today. To start, could you tell me a bit about yourself and how you came to this study?",
    "Thank you for joining me. Before we get into the app itself, can you tell me a little about your background?",
    "I really appreciate you doing this. Just to warm up, how would you describe your involvement with therapy apps so far?",
    "Thanks for being here. There are no right or wrong answers, I'm just interested in your experience. Could you start by telling me a bit about yourself?",
    "Great, the recording is on now. Could you begin by telling me how you first came across these AI tools?",
]

TRANSITIONS = [
    "That's really helpful. I'd like to move on to a slightly different area now.",
    "Thanks, that gives me a good picture. Let's shift gears a little.",
    "Okay, I want to be mindful of time, so let me move us to the next part.",
    "Great. I'd like to turn now to something a bit different.",
    "That's a good place to pause that thread. Let's move to the next set of questions.",
    "Thank you. Building on that, I want to ask about a related topic.",
    "Okay, let's leave that there for now and come at things from another angle.",
]

CLOSING = [
    "We're almost at time. Is there anything we haven't covered that you think is important?",
    "Before we wrap up, is there anything you'd want the people designing these apps to hear?",
    "If you could change one thing about how these tools are used in therapy, what would it be?",
    "Is there anything you'd like to add or go back to before we finish?",
    "Looking back over everything we've talked about, what stands out most to you?",
]

CLOSING_ANSWERS = [
    "No, I think that covers it, thanks for asking about all this.",
    "Just that I hope people keep a human in the loop, that's really the main thing.",
    "I think I've said everything, it was nice to actually think about it out loud.",
    "Only that it's more complicated than it looks, it's not simply good or bad.",
    "I'd just say, listen to the people actually using it, not just the companies.",
    "Nothing else really, I hope it's helpful for your research.",
    "Maybe just that it helped more than I expected, even with all the weird parts.",
    "I think I'd want designers to spend real time with therapists before building these things.",
    "No, that's about it, I appreciate you taking the time.",
]

SLOTS = {
    "app": ["MindMate", "Tala", "SoothBot", "CalmCircle"],
    "my_therapist": ["my therapist", "my counselor", "my psychologist", "the therapist I see"],
    "a_client": ["a client of mine", "one of my clients", "someone I work with", "one client in particular"],
    "late_hour": ["two in the morning", "three a.m.", "the middle of the night", "four in the morning"],
    "feature": ["the mood tracker", "the daily check-in", "the journaling feature", "the chat"],
}
