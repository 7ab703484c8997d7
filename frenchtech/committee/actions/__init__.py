"""Write actions of the committee, declared with `core.actions.write_action`."""
