"""Every figure and sentence the planner shows, from typed results: amounts, plurals, verdicts,
notes, disclaimers and messages, one way each, for the page, the command line and the exports.

Nothing else words a result, and nothing reads a sentence back: views choose by the typed
values (planner/results.py, planner/notes.py) and call these functions. Pure; no I/O.
"""

from __future__ import annotations

from typing import Callable, Iterable

from planner import notes as n
from planner.absorption import FOOD_BOUND_BASIS
from planner.caveats import food_caveats
from planner.food import Food
from planner.profile import Absorption, Profile, Standard
from planner.results import (
    AbsorptionStatus,
    AverageTotal,
    Clinical,
    DayTotal,
    Guidance,
    ItemTotal,
    PlanAddition,
    Status,
)
from planner.search import SearchResult
from planner.targets import AbsorptionGoal, Target, TargetKind
from planner.units import DAYS_PER_WEEK, Every, Micrograms, as_shown

# ---- numbers and plurals ------------------------------------------------------------------------------

def micrograms(value: Micrograms, digits: int = 2) -> str:
    """"2.40 µg", "2,000.00 µg": the fixed decimals a total is shown with."""
    return f"{value:,.{digits}f} µg"


def per_100g(value: Micrograms | None) -> str:
    """"0.45 µg/100 g", or "unknown"."""
    return "unknown" if value is None else f"{value:g} µg/100 g"


def plural(count: int, word: str, many: str | None = None) -> str:
    """"1 saved plan", "3 saved plans", "2 matches" (with `many`)."""
    return f"{count} {word if count == 1 else many or word + 's'}"


# ---- amounts --------------------------------------------------------------------------------------------

DAY_TOTAL_LABEL = "Day total"  # the last row of a day's items: the day's total, as its summary shows it
FRACTIONS = {0.25: "¼", 0.33: "⅓", 0.5: "½", 0.67: "⅔", 0.75: "¾", 1.5: "1½"}


def fraction(count: float) -> str:
    """A count as people say it: "½", "¾", "1½", else the number ("0.4")."""
    return FRACTIONS.get(round(count, 2), f"{count:g}")


def measure_count(portion: str, count: float) -> str:
    """"1 cup", "2 × 1 slice": a count of a household measure."""
    return portion if count == 1 else f"{count:g} × {portion}"


def grams_text(grams: float) -> str:
    """"150 g", "12.5 g"."""
    return f"{grams:g} g"


def food_amount(portion: str | None, count: float, grams: float) -> str:
    """"1 cup (243 g)", "2 × 1 slice (136 g)", "85 g": the household amount beside the grams."""
    if portion is None:
        return f"{grams:,.4g} g"
    return f"{measure_count(portion, count)} ({grams:,.4g} g)"


def dose_text(ug: Micrograms, every: Every) -> str:
    """A supplement's dose: "10 µg every day", "2,000 µg every week"."""
    return f"{ug:,g} µg every {every.value}"


def supplement_amount(ug: Micrograms, every: Every) -> str:
    """"10 µg every day"; "2,000 µg weekly = 285.71 µg a day" (what a day counts of it, as the totals show it)."""
    if every is Every.WEEK:
        return f"{ug:,g} µg weekly = {micrograms(ug / DAYS_PER_WEEK)} a day"
    return dose_text(ug, every)


def item_amount(item: ItemTotal) -> str:
    """A planned item's amount as the totals give it: food with its grams, supplement with its daily share."""
    if item.every is not None:
        return supplement_amount(item.b12_ug or 0.0, item.every)
    return food_amount(item.portion, item.count, item.grams or 0.0)


def said_amount(item: ItemTotal) -> str:
    """A planned item's amount as said, without grams: "1 cup", "2 × 1 slice", "150 g", "10 µg every day",
    "2,000 µg weekly = 285.71 µg a day" (a weekly dose beside the share a day counts)."""
    if item.every is not None:
        listed = f", listed on {item.listed_on}" if item.listed_on else ""
        return supplement_amount(item.b12_ug or 0.0, item.every) + listed
    return measure_count(item.portion, item.count) if item.portion is not None else grams_text(item.grams or 0.0)


def counted_serving(label: str, count: float) -> str:
    """`count` servings of a household measure labelled "1 cup": "½ cup", "¾ large"."""
    return f"{fraction(count)} {label[2:]}" if count != 1 else label


def serving_share(grams: float, label: str, count: float) -> str:
    """Part of a measure not counted in ones: "10 g (⅓ of 0.75 cup)"."""
    return f"{grams:.0f} g ({fraction(count)} of {label})"


def cups(cups_: float) -> str:
    """A child's milk serving: "½ cup", "¾ cup"."""
    return f"{FRACTIONS[cups_]} cup"


def ounces(ounces_: float, grams: float) -> str:
    """"1.5 oz (43 g)"."""
    return f"{ounces_:g} oz ({grams:.0f} g)"


def whole_grams(grams: float) -> str:
    """"57 g": a scaled serving, rounded to the gram."""
    return f"{grams:.0f} g"


def sr24_measure_note(count: float, label: str, grams: float) -> str:
    """Kept on an item whose SR24 measure SR28 no longer lists (its weight became grams)."""
    return f"{count:g} × {label}: an SR24 measure of {grams:g} g each (SR28 has no such measure)"


def addition_text(addition: PlanAddition, name: Callable[[str], str] = str) -> str:
    """"B12 supplement, 10 µg every day" or "Milk, whole — 1 cup × 2"; `name` may shorten a food's name."""
    if addition.every is not None:
        return f"{addition.description}, {dose_text(addition.b12_ug, addition.every)}"
    return f"{name(addition.description)} — {addition.serving.label}" + (
        f" × {addition.count:g}" if addition.count != 1 else "")


# ---- verdicts -------------------------------------------------------------------------------------------

MEASURES = {TargetKind.RDA: "recommended amount (RDA)", TargetKind.AI: "adequate intake (AI)",
            TargetKind.RNI: "recommended nutrient intake (RNI)"}

CLINICAL_VERDICTS = {
    Clinical.NEEDS_CLINICIAN: ("Without intrinsic factor food cannot meet the need, whatever the total: see a "
                               "clinician (injections, or 1,000–2,000 µg a day by mouth)."),
    Clinical.TREATMENT_IN_PLACE: ("High-dose B12 is listed (1,000 µg or more a day), as a clinician prescribes "
                                  "without intrinsic factor; blood tests, not this total, show whether it works."),
}

CLINICAL_SHORT = {Clinical.NEEDS_CLINICIAN: "food cannot meet it: see a clinician",
                  Clinical.TREATMENT_IN_PLACE: "high-dose treatment listed"}


def status_text(status: Status, target: Target, clinical: Clinical | None = None,
                mostly_food_bound: bool = False) -> str:
    """The status in plain words, saying what an AI does and does not mean; without intrinsic factor the
    clinical verdict instead (intake is not what counts, so never "Meets"). Over 50, met mostly from
    food-bound B12, it says the IOM's advice in the same breath, so the verdict and the advice agree."""
    if clinical is not None:
        return CLINICAL_VERDICTS[clinical]
    measure = MEASURES[target.kind]
    if status is Status.MEETS_TARGET and mostly_food_bound:
        return (f"Meets the {measure} of {target.target_ug:g} µg; after 50, the IOM advises getting most of it "
                "from fortified foods or a supplement.")
    if status is Status.MEETS_TARGET:
        return f"Meets the {measure} of {target.target_ug:g} µg."
    if status is Status.BELOW_EAR:
        return (f"Below the average requirement (EAR, {target.ear_ug:g} µg) and the {measure} of "
                f"{target.target_ug:g} µg.")
    text = f"Below the {measure} of {target.target_ug:g} µg."
    if target.kind is TargetKind.AI:
        text += " Intake below an AI is not proof of inadequacy."
    return text


def absorption_status_text(status: AbsorptionStatus, goal_ug: Micrograms) -> str:
    """The absorption verdict in the words every view uses."""
    if status is AbsorptionStatus.MEETS_GOAL:
        return f"Absorption meets the {goal_ug:.2f} µg goal (estimate)."
    return f"Absorption is below the {goal_ug:.2f} µg goal (estimate)."


def verdict_text(status: Status, absorption: AbsorptionStatus, target: Target, goal_ug: Micrograms,
                 clinical: Clinical | None = None, mostly_food_bound: bool = False) -> str:
    """The status against the target, then absorption against its goal: what every view says of a day
    (without intrinsic factor the clinical verdict alone)."""
    if clinical is not None:
        return CLINICAL_VERDICTS[clinical]
    return f"{status_text(status, target, None, mostly_food_bound)} {absorption_status_text(absorption, goal_ug)}"


def day_verdict_text(day: DayTotal | AverageTotal, target: Target, goal_ug: Micrograms) -> str:
    """A day's (or the average's) verdict, from its own typed result."""
    return verdict_text(day.status, day.absorption_status, target, goal_ug, day.clinical, day.mostly_food_bound)


def gap_text(total_ug: Micrograms, target_ug: Micrograms) -> str:
    """The gap in words, never as a signed arrow, from the total as shown: "2.16 µg short of 2.4 µg",
    "6.60 µg above 2.4 µg" (two decimals, as every total is shown, so the gap and the total agree)."""
    difference = as_shown(as_shown(total_ug) - target_ug)
    if difference < 0:
        return f"{-difference:,.2f} µg short of {target_ug:g} µg"
    if difference > 0:
        return f"{difference:,.2f} µg above {target_ug:g} µg"
    return f"exactly {target_ug:g} µg"


def absorption_progress_text(absorbed: Micrograms, goal_ug: Micrograms) -> str:
    """"1.16 of the 1.20 µg goal" (an estimate), in the decimals the verdict compares."""
    return f"{absorbed:,.2f} of the {goal_ug:.2f} µg goal"


def intake_amount(total_ug: Micrograms, unknown_items: int) -> str:
    """"2.40 µg", or "at least 2.40 µg" when some items have no value."""
    return f"at least {total_ug:.2f} µg" if unknown_items else micrograms(total_ug)


def unknown_items_text(unknown_items: int) -> str:
    """"1 item has no B12 value", "3 items have no B12 value"; "" when every item has one."""
    if not unknown_items:
        return ""
    return f"{'1 item has' if unknown_items == 1 else f'{unknown_items} items have'} no B12 value"


def intake_text(total_ug: Micrograms, unknown_items: int) -> str:
    """"2.40 µg", or "at least 2.40 µg; 1 item has no B12 value"."""
    if not unknown_items:
        return intake_amount(total_ug, unknown_items)
    return f"{intake_amount(total_ug, unknown_items)}; {unknown_items_text(unknown_items)}"


def unknown_minimum_text(unknown_items: int) -> str:
    """Said after a day's verdict when some items have no value."""
    return f" {unknown_items} item(s) have no B12 value, so the total is a minimum." if unknown_items else ""


def empty_day_text(day: DayTotal) -> str:
    """What an empty day says: that it is empty, and what weekly supplements still give it."""
    text = f"Nothing is planned for {day.label} yet."
    if day.standing:
        text += " " + "; ".join(f"{item.description} ({item_amount(item)}), listed on {item.listed_on}, still counts"
                                for item in day.standing) + "."
    return text


def absorption_basis(goal: AbsorptionGoal) -> str:
    """Why the absorption goal is what it is: whose assumption of the share absorbed applies."""
    return _absorption_basis(goal.standard, goal.assumed_by)


ABSORPTION_SHORT = {Absorption.FOOD_BOUND: "absorbs poorly from food",
                    Absorption.NO_INTRINSIC_FACTOR: "no intrinsic factor"}
ABSORPTION_ASSUMPTIONS = {Standard.IOM: "the IOM RDA assumes about half of food B12 is absorbed"}


def _absorption_basis(standard: Standard, assumed_by: Standard) -> str:
    basis = ABSORPTION_ASSUMPTIONS[assumed_by]
    return basis if standard is assumed_by else (
        f"{standard.name} states no absorption assumption here, so IOM's applies: {basis}")


def goal_basis_text(goal: AbsorptionGoal) -> str:
    """"the absorption goal is 1.20 µg because …" (the report and the charts)."""
    return f"the absorption goal is {goal.goal_ug:.2f} µg because {absorption_basis(goal)}"


def target_kind_text(target: Target) -> str:
    """"RDA, EAR 2 µg", "AI": the kind of target, with its average requirement where there is one."""
    ear = f", EAR {target.ear_ug:g} µg" if target.ear_ug is not None else ""
    return f"{target.kind.value}{ear}"


def person_text(profile: Profile, target: Target) -> str:
    """The person in one line, as the first screen shows them: "Pregnant, 34, vegetarian · IOM 2.6 µg/day"."""
    parts = ["Pregnant" if profile.pregnant else "Breastfeeding" if profile.lactating else profile.sex.value.title(),
             f"{profile.age_months} months" if profile.infant else str(profile.age_years), profile.diet.value,
             *([ABSORPTION_SHORT[profile.absorption]] if profile.absorption in ABSORPTION_SHORT else []),
             *([f"leaves out {', '.join(profile.exclude)}"] if profile.exclude else [])]
    return f"{', '.join(parts)} · {profile.standard.name} {target.target_ug:g} µg/day"


def sentence(text: str) -> str:
    """A clause as a sentence of its own: first letter up, a full stop."""
    return f"{text[:1].upper()}{text[1:]}."


# ---- disclaimers ---------------------------------------------------------------------------------------

ADVICE_DISCLAIMER = "Educational suggestions, not medical advice: check with a dietitian or clinician."
REPORT_DISCLAIMER = ("Educational planner, not a diagnosis or medical advice. Intake figures are estimates "
                     "from food composition data; a clinician judges B12 status from blood tests.")


# ---- notes ----------------------------------------------------------------------------------------------

CLINICAL_ORAL_UG = "1,000–2,000 µg"  # the clinical dose without intrinsic factor
TARGET_NOTES = {
    n.TargetNote.NO_UPPER_LIMIT: "No tolerable upper intake level (UL) is set for B12.",
    n.TargetNote.ADEQUATE_INTAKE: ("This target is an adequate intake (AI): intake below an AI is not proof of an "
                                   "inadequate diet."),
    n.TargetNote.INFANT: ("Under 12 months the amount is an adequate intake that assumes breast milk or "
                          "formula; ask a clinician before changing an infant's diet."),
    n.TargetNote.OVER_50: ("The IOM advises people over 50 to meet most of the target from fortified foods or a "
                           "supplement, because 10–30 % of older people absorb the B12 bound in food poorly; this is "
                           "IOM's advice, whichever standard sets the target."),
    n.TargetNote.FOOD_BOUND: ("With food-bound malabsorption (atrophic gastritis, long-term proton-pump inhibitors "
                              "or H2 blockers) the IOM's advice for people over 50 applies at any age: meet most of "
                              "the target from fortified foods or a supplement, whose B12 is not bound to food."),
    n.TargetNote.METFORMIN: ("Long-term metformin lowers B12 absorption in a way fortified foods do not get around; "
                             "the American Diabetes Association advises periodic B12 checks for people who take it."),
}
VEGAN_SOCIETY_MET = {
    n.VeganWay.WEEKLY_SUPPLEMENT: "Vegan Society guidance met: a weekly supplement of at least 2,000 µg.",
    n.VeganWay.DAILY_SUPPLEMENT: "Vegan Society guidance met: a daily supplement of at least 10 µg.",
    n.VeganWay.FORTIFIED_FOODS: ("Vegan Society guidance met: fortified foods at two or more meals, at least 3 µg "
                                 "a day."),
}
SUPPLEMENT_REASONS = {
    n.SupplementReason.VEGAN: "the Vegan Society advises a supplement or fortified foods for every vegan",
    n.SupplementReason.FORTIFIED_FIRST: ("the IOM advises people over 50, and anyone who absorbs food-bound B12 "
                                         "poorly, to get most B12 from fortified foods or supplements"),
}
FIXED_NOTES: dict[type, str] = {
    n.WithoutIntrinsicFactor: ("Without intrinsic factor only about 1 % of each dose is absorbed: a clinician "
                               "usually treats this with high-dose oral B12 or injections."),
    n.FoodBoundEstimate: sentence(FOOD_BOUND_BASIS) + " The absorbed figure is lower for it; the intake is not.",
    n.BrandsDiffer: ("yeast extracts differ by brand and country (Marmite is fortified with B12 in the UK, not "
                     "everywhere): count the B12 on your own jar's label, added as a food from its label"),
    n.UnknownValues: "Totals read 'at least': foods without a B12 value in the data are not counted.",
    n.AdviceDisclaimer: ADVICE_DISCLAIMER,
    n.InfantNoFoods: ("Under 12 months the target assumes breast milk or formula; this planner does not suggest "
                      "foods for infants. Ask a paediatrician or dietitian."),
    n.InfantOfVeganMother: ("A baby breastfed by a vegan mother depends on the mother's B12: she needs a reliable "
                            "source (fortified foods or a supplement). Ask a clinician."),
    n.ClinicianNeeded: ("Without intrinsic factor (pernicious anaemia, some stomach surgery) food cannot close this "
                        "gap: only about 1 % of the B12 in any food is absorbed. A clinician treats it with "
                        f"injections or high-dose oral B12 ({CLINICAL_ORAL_UG} a day); please see one."),
    n.BreastfeedingVegan: ("Your breastfed baby's B12 comes from yours: a vegan mother needs a reliable source "
                           "every day (fortified foods or a supplement). Ask your baby's doctor whether the baby "
                           "needs B12 too."),
    n.VeganFortifiedShort: ("The foods allowed cannot give at least 3 µg from fortified foods at two meals without "
                            "a supplement."),
    n.HasSupplement: "This day already has a supplement, so no second one is suggested.",
    n.DoesNotReach: "This plan does not reach the target with the foods allowed; talk to a dietitian or clinician.",
    n.VeganSocietyGuidance: ("Vegan Society guidance: eat fortified foods two or three times a day for at least "
                             "3 µg a day, or take one 10 µg supplement daily, or one 2,000 µg supplement weekly."),
    n.CheckTheLabel: ("Foods marked 'check the label' may contain honey, milk powder, gelatin or vitamin D3 from "
                      "lanolin; the USDA data has no ingredient list."),
    n.NoB12Value: "no B12 value in the data: not counted",
    n.CountsAsZero: "counted as 0 µg (why: see the notes)",
}


def note_text(note: n.Note | n.Caveat) -> str:
    """One note or caveat in words."""
    if isinstance(note, n.TargetNote):
        return TARGET_NOTES[note]
    fixed = FIXED_NOTES.get(type(note))
    if fixed is not None:
        return fixed
    match note:
        case n.Sr24Upgraded(foods):
            return (f"This plan was saved with USDA SR24 (2011) data; {foods} of its foods now use USDA SR Legacy "
                    "(SR28) values, matched by NDB number.")
        case n.Sr24ValueChanged(description, sr24, sr28):
            return f"{description}: B12 {per_100g(sr24)} in SR24, {per_100g(sr28)} in SR28."
        case n.Sr24Retired(description):
            return f"{description} is not in SR28: its SR24 (2011) record is kept, read-only."
        case n.NotAdvised(description, who, why, source):
            return f"{description}: not advised ({', '.join(who)}) — {why} ({source})."
        case n.RetinolOverLimit(day, retinol, limit, source):
            return (f"{day} holds about {retinol:,.0f} µg of preformed vitamin A (retinol), above the "
                    f"{limit:,.0f} µg a day upper limit for this age ({source}).")
        case n.AbsorptionEstimate(goal, standard, assumed_by):
            return ("Absorption is an estimate: intrinsic factor takes up at most about 1.5 µg per meal, plus "
                    f"about 1 % of any dose by diffusion. Its goal is {goal:.2f} µg because "
                    f"{_absorption_basis(standard, assumed_by)}.")
        case n.WeeklyDose(dose):
            return (f"A weekly supplement of {dose:,.0f} µg is a standing habit: it counts as "
                    f"{micrograms(dose / DAYS_PER_WEEK)} on every day of the plan.")
        case n.NotReliable(description, n.ZeroReason.ANALOGUES):
            return (f"{description} does not count: seaweed, algae, tempeh and mushrooms hold inactive B12 analogues "
                    "or variable amounts, so it counts as 0 µg.")
        case n.NotReliable(description, _):
            return (f"{description} does not count: a plant food, not fortified, whose B12 value nothing in it "
                    "explains (a trace, or milk or egg in a recipe), so it counts as 0 µg.")
        case n.DietMismatch(description, person, food):
            return f"{description} does not suit a {person.value} diet (it is labelled {food.value})."
        case n.VeganSocietyCheck(way):
            if way is None:
                return ("Vegan Society guidance not yet met: eat fortified foods two or three times a day for at "
                        "least 3 µg, or take 10 µg daily, or 2,000 µg weekly.")
            return VEGAN_SOCIETY_MET[way]
        case n.NotOffered(stages, what, why, source):
            return f"Not offered ({', '.join(stages)}): {what} — {why} ({source})."
        case n.ChildServings(meat_oz, milk_cups):
            return (f"Children's servings per meal follow USDA's CACFP meal pattern ({meat_oz:g} oz of meat, fish, "
                    f"egg or cheese; {milk_cups:g} cup of milk); other foods are scaled alike.")
        case n.RaiseDose(name, ug, every, wanted):
            return (f"{name} gives {ug:g} µg a {every.value}: raise its dose to at least {wanted:,.0f} µg a "
                    f"{every.value} (Vegan Society) rather than adding a second supplement.")
        case n.NothingToAdd(kind, target_ug, goal):
            return (f"Nothing to add: this day meets the {kind} of {target_ug:g} µg and the absorption goal of "
                    f"{goal:.2f} µg (an estimate). The sources listed are options for other days.")
        case n.SupplementIncluded(description, reason, max_servings):
            because = (f"the foods allowed cannot reach the target within {max_servings} servings of each food"
                       if reason is n.SupplementReason.FOODS_FALL_SHORT else SUPPLEMENT_REASONS[reason])
            return f"A supplement ({description}) is included because {because}."
        case n.VeganFortifiedMet(meals, ug):
            return (f"Fortified foods at {meals} meals give {micrograms(ug)}, in line with the Vegan Society's advice "
                    "(fortified foods two or three times a day, at least 3 µg).")
        case n.AllergensLeftOut(allergens):  # "many": FNDDS lists the ingredients of its cereals, which may be offered
            them = "it" if len(allergens) == 1 else "any of them"
            return (f"Leaving out {', '.join(allergens)}: foods that contain {them}, and products whose ingredients "
                    "the USDA data does not list (many cereals, breads, sweets, snacks, mixed dishes and meat "
                    "analogues), since they may. Check labels for precautionary statements.")
        case n.NewerValue(food, data_ug, newer_ug, source, covers):
            return (f"{food}: this USDA record gives {data_ug:,.1f} µg per 3 oz, the {source} {newer_ug:g} µg; "
                    "the planner counts the record's value, "
                    + ("and either way one serving covers an adult's day" if covers
                       else "but the real amount may be lower, so do not count on this food alone"))
        case n.NewerUsdaValue(description, ug, source, year):
            since = f"; this SR28 value dates from {year}" if year else ""
            return f"USDA's newer value: {per_100g(ug)}, {source}, {description}{since}"
        case n.TreatmentInPlace(daily_ug):
            return (f"A daily {daily_ug:,.0f} µg supplement is listed: high-dose B12 of the kind a clinician "
                    "prescribes without intrinsic factor. No second one is suggested; keep to the clinician's plan "
                    "and blood tests.")
        case n.PlanItemNote(text):
            return text
        case n.DataAge(year):
            return data_age_text(year)
    raise TypeError(f"no words for {note!r}")


def notes_text(notes: Iterable[n.Note]) -> list[str]:
    return [note_text(note) for note in notes]


def data_age_text(year: int | None) -> str:
    """"B12 data from 2013; check today's label …" for a fortified branded product."""
    when = f" from {year}" if year else ""
    return f"B12 data{when}; check today's label (fortified products are reformulated)"


def food_caveats_text(food: Food) -> str | None:
    """What to know about a food's figures wherever it shows (its label's age, a newer value), or None."""
    return caveats_text(food_caveats(food))


def caveats_text(caveats: Iterable[n.Caveat]) -> str | None:
    """An item's or a source's caveats in one line, or None."""
    return "; ".join(note_text(caveat) for caveat in caveats) or None


def item_notes(item: ItemTotal) -> str:
    """Its caveats and, for a weekly dose shown on another day, where it is listed."""
    return "; ".join(filter(None, [caveats_text(item.caveats), item.listed_on and f"listed on {item.listed_on}"]))


GUIDANCE = {Guidance.VEGAN_DAILY: "Vegan Society: one daily supplement of at least 10 µg.",
            Guidance.VEGAN_WEEKLY: "Vegan Society: one weekly supplement of at least 2,000 µg.",
            Guidance.CLINICAL: ("Without intrinsic factor a clinician gives injections or high-dose oral B12 "
                                f"({CLINICAL_ORAL_UG} a day).")}


# ---- searches --------------------------------------------------------------------------------------------

def search_message(result: SearchResult) -> str | None:
    """One sentence when a search shows nothing: the data has no such food, or the filters hid it all."""
    if not result.matches:
        if result.live:
            return "FoodData Central has no food matching that search."
        return (f"The bundled USDA data has no food named \u201c{result.query.strip()[:80]}\u201d. Search USDA "
                "FoodData Central (live, with an API key), or add it from its label.")
    if not result.all_hidden:
        return None
    parts = []
    if result.hidden_by_diet:
        parts.append(f"{result.hidden_by_diet} do not suit a {result.diet.value if result.diet else 'this'} diet")
    if result.hidden_by_exclusions:
        parts.append(f"{result.hidden_by_exclusions} are left out by your leave-out words")
    count = "1 food matches" if result.matches == 1 else f"{result.matches} foods match"
    return f"{count}, but {' and '.join(parts)}."


def fallback_text(unavailable: str, bundled: str) -> str:
    """Why a search shows the bundled data: FoodData Central's failure, then what is shown instead."""
    return f"{unavailable} Showing the bundled {bundled} data instead."


def difference_text(difference_ug: Micrograms, first_name: str) -> str:
    """A scenario's day total against the first scenario's: "+1.20 µg vs current diet"."""
    if round(difference_ug, 2) == 0:
        return f"same as {first_name}"
    return f"{difference_ug:+.2f} µg vs {first_name}"
