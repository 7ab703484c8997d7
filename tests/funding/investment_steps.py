"""Walk an investment file through its steps with the real actions (shared by several tests)."""

from frenchtech.funding.actions import investments as act


def file_at(
    state, *, by, accelerator, envelope, amount=2_000_000_00, private=3_000_000_00, requested=None
):
    """An investment file moved up to `state` (expression_of_interest … portfolio);
    `requested` is the amount asked (the decision's `amount` by default)."""
    order = [
        "expression_of_interest",
        "due_diligence",
        "investment_committee",
        "approved",
        "committed",
        "portfolio",
    ]
    target = order.index(state)
    investment_file = act.express_interest(
        by=by,
        accelerator=accelerator,
        envelope=envelope,
        programme_name="Programme Envol",
        requested_amount_cents=requested or amount,
        declared_private_cents=private,
    )
    if target >= 1:
        investment_file = act.move_file(
            by=by, investment_file=investment_file, transition="start_due_diligence"
        )
    if target >= 2:
        for item in investment_file.checklist.all():
            act.check_item(by=by, item=item, note="ok")
        act.add_co_investor(
            by=by, investment_file=investment_file, name="Fonds privé", amount_cents=private
        )
        investment_file = act.move_file(
            by=by, investment_file=investment_file, transition="submit_to_committee"
        )
    if target >= 3:
        act.record_decision(
            by=by,
            investment_file=investment_file,
            amount_cents=amount,
            stake_percent="20",
            board_seat=True,
        )
    if target >= 4:
        act.commit_investment(by=by, investment_file=investment_file)
    if target >= 5:
        tranche = act.plan_tranche(
            by=by,
            investment_file=investment_file,
            amount_cents=amount // 2,
            milestone="Première promotion",
        )
        act.confirm_milestone(by=by, tranche=tranche, report_note="Promotion lancée")
        act.disburse_tranche(by=by, tranche=tranche)
    investment_file.refresh_from_db()
    return investment_file
