"""The words synthetic plans are made of: places, kinds of body, names, roles, titles of
reports, and the phrases of priorities, outcomes, measures and activities.

Fixed tuples, so that a seed always picks the same words; ``pools`` builds the shared pools
of organisations, officers and sources from them.
"""

from __future__ import annotations

__all__ = ["PLACES", "ORG_KINDS", "FIRST_NAMES", "LAST_NAMES", "MONTHS", "ROLES", "BODIES", "TITLE_HEADS",
           "ACTION_PRIORITIES", "OUTCOME_TITLES", "MEASURE_TEMPLATES", "GROUPS", "WHATS",
           "ACTIVITY_TEMPLATES", "ACTIVITY_X", "ACTIVITY_Y", "SPILL_OPEN", "SPILL_CLOSE", "INTRO", "PERSONAL",
           "REVIEW_PRIORITIES"]

PLACES = (
    "Westshire", "Eastford", "Northbridge", "Southmoor", "Kingsbury", "Ashdale", "Brackenfield",
    "Coldwater", "Dunmere", "Elmstead", "Fairhaven", "Greywell", "Hartmoor", "Larkhill",
    "Millbrook", "Oakhurst", "Pennington", "Redcliffe", "Stonebury", "Thornfield", "Whitecross",
    "Yarrowby", "Bramley", "Copperdale",
)
ORG_KINDS = (
    "Borough Council", "County Council", "City Council", "NHS Foundation Trust", "NHS Trust",
    "Integrated Care Board", "Police", "Safeguarding Children Partnership",
    "Community Health Services", "Youth Justice Service", "Children and Families Partnership",
    "Voluntary Sector Forum", "College", "Fire and Rescue Service", "Public Health Directorate",
    "Housing Alliance",
)
FIRST_NAMES = (
    "Ann", "Tom", "Priya", "Daniel", "Grace", "Omar", "Helen", "Mark", "Aisha", "Peter", "Ruth",
    "Sanjay", "Claire", "Liam", "Fatima", "Gareth", "Joanne", "Kwame", "Lucy", "Martin", "Nadia",
    "Owen", "Rachel", "Simon", "Tariq", "Una", "Victor", "Wendy", "Yusuf", "Zoe",
)
LAST_NAMES = (
    "Bell", "Cole", "Patel", "Hughes", "Osei", "Walsh", "Khan", "Price", "Turner", "Doyle", "Reid",
    "Shah", "Morgan", "Fraser", "Begum", "Lloyd", "Okafor", "Quinn", "Barker", "Ellis", "Nolan",
    "Sharma", "Porter", "Dixon", "Marsh", "Rowe", "Hale", "Finch", "Lowe", "Baines",
)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "September",
          "October", "November", "December")
ROLES = (
    "Group Manager, Early Help", "Senior Public Health and Commissioning Manager",
    "Service Director, Youth, Families and Social Work",
    "Performance Business Partner, Performance, Intelligence and Policy Resources",
    "Children's Workforce Development Manager", "Head of Service, Education Improvement",
    "Designated Nurse, Safeguarding Children", "Team Manager, Leaving Care",
)
BODIES = (
    "Children's Trust Executive", "Children & Young People's Committee", "Children's Trust Board",
    "the Health and Wellbeing Board", "the Schools Forum", "the Corporate Parenting Panel",
)
TITLE_HEADS = (
    "Mid-Year Review of the Children, Young People and Families Plan",
    "Performance Reporting (Quarter {q} {y}/{y1}) Services for Children and Young People",
    "Early Help, Prevention and Family Support Annual Report {y}/{y1}",
    "Annual Refresh of the Local Transformation Plan for Emotional and Mental Health",
    "Looked After Children and Care Leavers Strategy {y}-{y3}",
    "Special Educational Needs and Disabilities (SEND) Strategic Action Plan",
    "Child Sexual Exploitation, Missing and Trafficked Children: six monthly progress",
    "Closing the Gaps in Attainment, Progress and Attendance",
    "School Place Planning, Admissions and Sufficiency Strategy",
    "Youth Justice Strategy {y}-{y1}, Annual Progress and Next Steps",
    "Healthy Child Programme and Public Health Nursing Service, Year One Review",
    "Recruitment and Retention of Social Workers, Progress Report",
)

ACTION_PRIORITIES = (
    "Promoting the health and wellbeing of babies, children and young people",
    "Safeguarding and supporting children and families",
    "Supporting achievement and academic attainment",
    "Empowering families to be strong and achieve economic wellbeing",
    "Helping young people prepare for adult life and work",
    "Reducing the impact of poverty on children",
)
OUTCOME_TITLES = (
    "Good maternal health and healthy babies", "Children and young people adopt healthy lifestyles",
    "Children and young people have positive mental health", ("Young people have a positive "
    "approach towards risk taking"), "Young people are ready for independence",
    "Children and young people are safe", "Children are ready for school",
    "Children from disadvantaged groups achieve their potential",
    "Parents feel confident and equipped to address family issues",
    "Parents are supported into education, employment or training",
    "Young carers are identified and supported", "Care leavers have a settled home",
)
MEASURE_TEMPLATES = (
    "Percentage of {group} who {what}", "Number of {group} who {what}",
    "Rate of {group} who {what} per 1000 population", "Proportion of {group} who {what}",
    "Number and rate of {group} who {what}", "Gap between {group} and their peers who {what}",
)
GROUPS = (
    "year 6 children", "children aged five", "young people aged 16-18", "looked after children",
    "care leavers", "pupils with SEND", "eligible 2 year olds", "mothers", "young carers",
    "children in need", "families supported", "young people leaving treatment",
)
WHATS = (
    "are obese", "have tooth decay", "are not in education, employment or training",
    "achieve a good level of development", "are admitted to hospital for self-harm",
    "take up free nursery provision", "smoke at the time of delivery", "are permanently excluded",
    "become subject to a child protection plan for a second time",
    "enter the youth justice system for the first time", "reoffend within a year",
    "breastfeed at 6-8 weeks", "have received 3 doses of vaccine by their first birthday",
    "leave school with no qualifications", "are persistently absent from school",
)
ACTIVITY_TEMPLATES = (
    "To deliver better {x} across {y}", "To improve the timeliness of {x}",
    "To implement plans for {x} and review their impact on {y}", "To strengthen {x} so that {y} are supported",
    "To continue to develop an effective working relationship with {y} to improve {x}",
    "To commission {x} for {y} by March {year}", "To embed fully {x} and review it",
)
ACTIVITY_X = (
    "assessment and planning for families", "access to mental health services",
    "early identification of emerging threats", "transitions between children's and adult services",
    "take up of early education places", "the health pathway for children in care",
    "the recruitment and retention of social workers", "support for young carers",
    "preventative work with families", "the local offer for disabled children",
)
ACTIVITY_Y = (
    "early help services", "children and young people", "all publicly funded schools",
    "families with complex needs", "partners in health and social care", "care leavers",
    "young people at risk of exploitation", "disabled young people",
)
SPILL_OPEN = (
    "Work is led jointly with the clinics and", "Sessions were delivered in partnership with",
    "Referrals are now accepted directly from", "The new pathway is being shared with",
)
SPILL_CLOSE = (
    "pharmacies across the county.", "schools and colleges in every locality.",
    "health visitors and school nurses.", "voluntary sector partners and faith groups.",
)
INTRO = ("Please note that this action plan is marked 'in progress'. It is intended to be a 'live' "
         "document, kept current by partners sharing their actions as plans are developed.")

# sources a review cites that are no document: what someone said or sent
PERSONAL = ("conversation with the {r}", "conversations with the {r}", "information from the {r}",
            "information provided by the {r}")
REVIEW_PRIORITIES = (
    "CHILDREN AND YOUNG PEOPLE ARE SAFE IN {P}", "CHILDREN AND YOUNG PEOPLE ARE HAPPY AND HEALTHY IN {P}",
    "CHILDREN AND YOUNG PEOPLE ACHIEVE THEIR POTENTIAL IN {P}",
    "CHILDREN, YOUNG PEOPLE AND FAMILIES RECEIVE SUPPORT WHEN NEEDED IN {P}",
    "YOUNG PEOPLE ARE READY FOR ADULT LIFE IN {P}",
)
