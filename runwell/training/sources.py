"""The research behind each training warning, cited once (PURE: no Django).

Every warning and change carries one of these, so a page can show where a
message comes from and how strong the evidence is. The facts and their caveats
are those collected in the project's training research notes (section b).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Source:
    short: str  # how a message names it, e.g. "BJSM 2025"
    citation: str  # the reference, precise enough to find the paper
    caveat: str  # how far the evidence goes, in plain words
    url: str = ""  # a DOI link where we have one


SINGLE_RUN_SPIKE = Source(
    short="BJSM 2025",
    citation=(
        "Br J Sports Med 2025, doi:10.1136/bjsports-2024-109380: 5,205 runners followed "
        "through their Garmin data (588,071 sessions, 1,820 injured)."
    ),
    caveat=(
        "An observational study: single runs over 110% of the longest run of the previous 30 "
        "days were followed by more overuse injuries (hazard ratios about 1.5 to 2.3). It shows "
        "a link, not that every such run injures."
    ),
    url="https://doi.org/10.1136/bjsports-2024-109380",
)

TWO_WEEK_INCREASE = Source(
    short="Nielsen 2014",
    citation=(
        "Nielsen RO et al. Excessive progression in weekly running distance and risk of "
        "running-related injuries: an association which varies according to type of injury. "
        "J Orthop Sports Phys Ther 2014;44(10):739-747 (874 novice runners, 1 year)."
    ),
    caveat=(
        "More than 30% growth over 2 weeks went with more distance-related injuries (such as "
        "knee-cap pain, shin splints and iliotibial band syndrome), hazard ratio 1.59, but the "
        "result was not statistically certain (95% CI 0.96-2.66), and overall injury rates did "
        "not differ. A fixed '10% a week' rule had no effect in a trial (Buist 2008)."
    ),
)

ACWR = Source(
    short="Williams 2017; Gabbett 2016",
    citation=(
        "Williams S et al. Br J Sports Med 2017;51(3):209-210 (exponentially weighted averages, "
        "7 and 28 days); Gabbett TJ. Br J Sports Med 2016;50:273-280 (ratios above 1.5 as a "
        "spike, from team-sport data)."
    ),
    caveat=(
        "The acute:chronic ratio describes how your recent running compares with your usual; "
        "it is not a risk of injury. Its link to injury is disputed: the two loads are "
        "mathematically coupled (Lolli 2019, Br J Sports Med 53:921) and the ratio adds little "
        "prediction (Impellizzeri 2020, Sports Med). A 2025 study of 5,205 runners found no "
        "rising risk with it (BJSM 2025)."
    ),
)

MONOTONY = Source(
    short="Foster 1998",
    citation=(
        "Foster C. Monitoring training in athletes with reference to overtraining syndrome. "
        "Med Sci Sports Exerc 1998;30(7):1164-1168."
    ),
    caveat=(
        "Foster defined monotony (a week's mean daily load divided by its standard deviation) "
        "with session effort times minutes; here the load is distance. The 2.0 threshold is a "
        "common coaching practice, not a figure from Foster's study."
    ),
)

SHOE_LIMIT = Source(
    short="expert advice",
    citation="The usual advice to replace running shoes after 480-800 km (300-500 miles).",
    caveat=(
        "This is expert advice, not a trial result; the limit is yours to set. Take it as a "
        "reason to look at the shoes' cushioning and wear, not as a rule."
    ),
)

SHOE_ROTATION = Source(
    short="Malisoux 2015",
    citation=(
        "Malisoux L et al. Can parallel use of different running shoes decrease running-related "
        "injury risk? Scand J Med Sci Sports 2015;25(1):110-115 (264 runners, 22 weeks)."
    ),
    caveat=(
        "Runners who used more than one pair in parallel had a lower injury hazard (HR 0.61, "
        "95% CI 0.39-0.97). One observational study: a link, not proof."
    ),
)

NEW_SHOES = Source(
    short="Runwell's own check",
    citation="Runwell shows a new pair as a change, since new shoes change how you are loaded.",
    caveat="No study used here links a new pair by itself to injury; it is shown as a change.",
)

SURFACE_CHANGE = Source(
    short="Runwell's own check",
    citation="No study sets these thresholds; Runwell flags a change of surface so you can see it.",
    caveat=(
        "The evidence linking running surfaces to injury is weak; a change of surface is shown "
        "as something that changed, not as a danger."
    ),
)

PAIN_EPISODE = Source(
    short="Runwell's own thresholds",
    citation=(
        "A pain episode here is a score of 3/10 or more on at least 2 days within 7 days; it "
        "ends after 7 days without such a score."
    ),
    caveat=(
        "These thresholds are Runwell's own choice, not taken from a study; they are meant to "
        "tell a passing ache from a spell of pain worth explaining."
    ),
)
