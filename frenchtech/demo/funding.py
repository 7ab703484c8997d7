"""Demo funding: the two envelopes, the demo accelerator's files, a CES pavilion. Idempotent."""

import datetime

from django.db import transaction

from frenchtech.accounts.enums import OrganisationKind, Partner
from frenchtech.accounts.models import Organisation, User
from frenchtech.funding import ledger
from frenchtech.funding.actions import investments as act
from frenchtech.funding.actions import promotion
from frenchtech.funding.actions.money import create_envelope, reserve_sub_allocation
from frenchtech.funding.enums import EnvelopeKind, SelectionCriterion
from frenchtech.funding.models import Envelope, InvestmentFile, PromotionAction
from frenchtech.funding.money import format_euros

ACCELERATOR = "Accélérateur Rhône Numérique SAS (démo)"
# The demo acts as its people: the Mission manages both envelopes, the accelerator's
# manager files its expressions of interest.
MISSION_OFFICER = "mission.officer@demo.frenchtech.invalid"
ACCELERATOR_CEO = "accelerator.ceo@demo.frenchtech.invalid"
MILLION = 1_000_000_00  # cents


def _envelope(name, kind, amount, manager, until, mission):
    found = Envelope.objects.filter(name=name, is_demo=True).first()
    return found or create_envelope(
        by=mission,
        name=name,
        kind=kind,
        amount_cents=amount,
        manager=manager,
        is_demo=True,
        valid_from=datetime.date(2014, 12, 1),
        valid_until=until,
    )


def _partner(partner):
    return Organisation.objects.filter(kind=OrganisationKind.PARTNER, partner=partner).first()


def _portfolio_file(envelope, accelerator, consortium, mission, ceo):
    investment_file = act.express_interest(
        by=ceo,
        accelerator=accelerator,
        envelope=envelope,
        consortium=consortium,
        programme_name="Rhône Scale-Up (démo)",
        requested_amount_cents=4 * MILLION,
        declared_private_cents=6 * MILLION,
        description="Programme de 6 mois pour 12 start-up par promotion, orienté international.",
    )
    act.move_file(by=mission, investment_file=investment_file, transition="start_due_diligence")
    for item in investment_file.checklist.all():
        act.check_item(by=mission, item=item, note="Vérifié (démo)")
    act.add_co_investor(
        by=mission,
        investment_file=investment_file,
        name="Fonds Lumière Capital (démo)",
        amount_cents=4 * MILLION,
    )
    act.add_co_investor(
        by=mission,
        investment_file=investment_file,
        name="Business angels lyonnais (démo)",
        amount_cents=2 * MILLION,
    )
    act.move_file(by=mission, investment_file=investment_file, transition="submit_to_committee")
    act.record_decision(
        by=mission,
        investment_file=investment_file,
        amount_cents=4 * MILLION,
        stake_percent="24.5",
        board_seat=True,
        committee_score=78,
        notes="Équipe expérimentée, forte traction (démo).",
    )
    act.commit_investment(by=mission, investment_file=investment_file)
    first = act.plan_tranche(
        by=mission,
        investment_file=investment_file,
        amount_cents=MILLION * 3 // 2,
        milestone="Lancement de la première promotion",
    )
    act.plan_tranche(
        by=mission,
        investment_file=investment_file,
        amount_cents=MILLION * 5 // 2,
        milestone="Deuxième promotion et rapport annuel",
    )
    act.confirm_milestone(
        by=mission, tranche=first, report_note="Première promotion de 12 start-up lancée (démo)."
    )
    act.disburse_tranche(by=mission, tranche=first)
    act.record_portfolio_report(
        by=mission,
        investment_file=investment_file,
        year=2015,
        cohorts=1,
        startups_accelerated=12,
        exits=0,
        stake_value_cents=4 * MILLION,
        note="Première année (démo).",
    )


def _promotion(envelope, consortia, mission):
    action = promotion.create_promotion_action(
        by=mission,
        envelope=envelope,
        name="Pavillon French Tech au CES 2016 (démo)",
        event="Consumer Electronics Show",
        city="Las Vegas",
        country="États-Unis",
        starts_on=datetime.date(2016, 1, 6),
        ends_on=datetime.date(2016, 1, 9),
        budget_cents=MILLION * 6 // 5,
        seats=3,
    )
    promotion.commit_promotion_budget(by=mission, action=action)
    criteria = list(SelectionCriterion.values)
    for index, (name, consortium) in enumerate(
        [
            ("Capteurs Rhône (démo)", 0),
            ("Vigne Connectée (démo)", 1),
            ("Estuaire Robotique (démo)", 1),
            ("Soie Numérique (démo)", 0),
        ]
    ):
        scores = {c: (index + position) % 4 + 2 for position, c in enumerate(criteria)}
        promotion.add_candidate(
            by=mission,
            action=action,
            startup_name=name,
            consortium=consortia[consortium],
            scores=scores,
        )
    promotion.select_best_candidates(by=mission, action=action)
    promotion.pay_cost(
        by=mission,
        action=action,
        label="Stand et aménagement du pavillon",
        amount_cents=MILLION * 7 // 10,
    )
    return action


@transaction.atomic
def load() -> list[str]:
    mission = User.objects.get(email=MISSION_OFFICER)
    ceo = User.objects.get(email=ACCELERATOR_CEO)
    fund = _envelope(
        "Fonds French Tech Accélération (démo)",
        EnvelopeKind.ACCELERATION,
        200 * MILLION,
        _partner(Partner.BPIFRANCE),
        datetime.date(2019, 12, 31) + datetime.timedelta(days=3650),
        mission,
    )
    budget = _envelope(
        "Promotion internationale French Tech (démo)",
        EnvelopeKind.PROMOTION,
        15 * MILLION,
        _partner(Partner.BUSINESS_FRANCE),
        datetime.date(2029, 12, 31),
        mission,
    )
    if not fund.sub_allocations.exists():
        reserve_sub_allocation(
            by=mission,
            envelope=fund,
            name="Part réservée aux écosystèmes labellisés",
            amount_cents=50 * MILLION,
        )
    accelerator = Organisation.objects.filter(name=ACCELERATOR, is_demo=True).first()
    consortia = list(
        Organisation.objects.filter(kind=OrganisationKind.CONSORTIUM, is_demo=True).order_by("name")
    )
    lyon = next((c for c in consortia if "Lyon" in c.name), None)
    if (
        accelerator is not None
        and not InvestmentFile.objects.filter(accelerator=accelerator).exists()
    ):
        _portfolio_file(fund, accelerator, lyon, mission, ceo)
        act.express_interest(
            by=ceo,
            accelerator=accelerator,
            envelope=fund,
            consortium=lyon,
            programme_name="Rhône Deeptech (démo)",
            requested_amount_cents=3 * MILLION,
            declared_private_cents=3 * MILLION,
        )
    if len(consortia) >= 3 and not PromotionAction.objects.filter(envelope=budget).exists():
        # Lyon and Bordeaux carry the label in the demo; Nantes' label is suspended.
        _promotion(budget, [consortia[1], consortia[0]], mission)
    lines = ["", "Funding (demo):"]
    for envelope in (fund, budget):
        balances = ledger.envelope_balances(envelope)
        lines.append(
            f"  {envelope.name}: {format_euros(envelope.amount_cents)}, committed "
            f"{format_euros(balances.committed_total)}, paid {format_euros(balances.paid)}"
        )
    lines.append("  Check the ledger with: manage.py reconcile_ledger")
    return lines
