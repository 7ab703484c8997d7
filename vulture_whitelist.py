"""Names vulture reports as unused that are kept, each with its reason.

vulture reads Python only: it cannot see a name read by Django's ORM, a template, a form
or a serialiser, nor a function named in settings or migrations. What Django, django-ninja
and django-otp call by convention is ignored by kind in pyproject.toml ([tool.vulture]);
this file lists the rest. A name here is kept everywhere it occurs, so keep the list
short: delete a name as soon as its reason no longer holds.
"""

# --- model fields: columns read by name (ORM lookups, templates, exports, audit rows) ----
is_staff  # accounts.User: Django's auth reads it
date_joined  # accounts.User: the account's creation, kept in the database
created_by  # who created the row (calls, committee, funding, labels models): audit data
updated_at  # calls.Section, committee.Review, committee.EvaluationModel: shown in templates
submitted_by  # calls.ApplicationVersion: shown in version_detail.html and the receipt
published_at  # calls.Call: set when a call opens, kept for the record
closed_at  # calls.Call, calls.CoConstructionRound: set when closed, kept for the record
sent_at  # calls.ReminderSent, calls.DigestSent: when a reminder went out
checked_by  # calls.EligibilityCheck: shown in mission_panel.html
checked_at  # calls.EligibilityCheck: shown in mission_panel.html
requested_by  # calls.CorrectionRequest: who asked, kept for the record
requested_at  # calls.CorrectionRequest: shown in application_detail.html
resolved_at  # calls.CorrectionRequest: shown in application_detail.html
opened_at  # calls.CoConstructionRound: when the round opened, kept for the record
author  # calls.CoConstructionMessage: shown in application_detail.html
reported_at  # calls.SiteVisit: when the visit report was filed
scheduled_by  # calls.SiteVisit: who scheduled it, kept for the record
declared_by  # committee.InterestDeclaration: who declared, kept for the record
recorded_by  # committee.ConflictOfInterest and Recommendation: who recorded them
recorded_at  # committee.ConflictOfInterest and Recommendation: when recorded
cast_at  # committee.Vote: when the vote was cast
votes_for  # committee.Recommendation: shown in committee/application_detail.html
votes_cast  # committee.Recommendation: shown in committee/application_detail.html
decided_by  # committee, funding and labels decisions: who decided
rapporteur  # committee.ConsensusReport: shown in round_detail.html
written_at  # committee.ConsensusReport: when it was written
exit_proceeds_cents  # funding.InvestmentFile: shown in funding/file_detail.html
conditions_met_at  # funding.Tranche: when its conditions were met
country  # funding.PromotionAction (and its form): shown in promotion_list.html
starts_on  # funding.PromotionAction (and its form): shown in promotion_list.html
ends_on  # funding.PromotionAction (and its form): shown in promotion_list.html
total_score  # funding.PromotionCandidate: ordering and promotion_detail.html
renews  # labels.Label: the label it renews (a one-to-one)
renewal_application  # labels.Label: the application of its renewal
reviewed_by  # labels.YearlyReport: who reviewed the report
reviewed_at  # labels.YearlyReport: when it was reviewed
review_comment  # labels.YearlyReport: shown in labels/report.html
observatory_value  # labels.ReportFigure: shown in labels/report.html
observatory_year  # labels.ReportFigure: shown in includes/observatory_value.html
source_type  # territories.Epci: from the shipped reference, kept with it
financing  # territories.Epci: shown in public/territory_epci.html
search_name  # territories: filled by the reference loader; no query reads it (reported)
currency  # funding.Envelope (a constraint keeps it EUR) and api.schemas.FundingSummary
_.confirmed  # django-otp's TOTPDevice.confirmed, set when the second factor is confirmed

# --- enumeration members: stored values offered as choices ------------------------------
INCORRECT  # calls.enums.CorrectionKind
INCOMPLETE  # calls.enums.CorrectionKind
OUTDATED  # calls.enums.CorrectionKind
ELIGIBLE  # calls.enums.EligibilityVerdict
INELIGIBLE  # calls.enums.EligibilityVerdictVerdict
FINANCIAL  # committee.enums.ConflictKind
PERSONAL  # committee.enums.ConflictKind
INNOVATION  # funding.enums.SelectionCriterion
INTERNATIONAL_READINESS  # funding.enums.SelectionCriterion
TRACTION  # funding.enums.SelectionCriterion
TEAM  # funding.enums.SelectionCriterion
DROPPED  # labels.enums.MilestoneStatus
ARRONDISSEMENT_MUNICIPAL  # territories.enums.CommuneKind, from the reference files
COMMUNE_DELEGUEE  # territories.enums.CommuneKind, from the reference files
COMMUNE_ASSOCIEE  # territories.enums.CommuneKind, from the reference files
COMMUNAUTE_COMMUNES  # territories.enums.EpciKind, from the reference files

# --- form and API schema fields: rendered, cleaned and serialised by name ---------------
criterion_1_title  # calls.forms.CallForm
criterion_1_guidance  # calls.forms.CallForm
criterion_2_title  # calls.forms.CallForm
criterion_2_guidance  # calls.forms.CallForm
criterion_3_title  # calls.forms.CallForm
criterion_3_guidance  # calls.forms.CallForm
reminder_days_text  # calls.forms.CallForm (cleaned by clean_reminder_days_text)
username  # web.accounts.views.SignInForm: the e-mail field, under Django's name for it
requested_amount  # web.funding.forms.ExpressionOfInterestForm
declared_private  # web.funding.forms.ExpressionOfInterestForm
stake_value  # web.funding.forms.PortfolioReportForm
proceeds  # web.funding.forms.ExitForm
requested_code  # api.schemas.CommuneLookup
definitions_version  # api.schemas: every observatory answer names its definitions version
status_label  # api.schemas.LabelOut
epci_name  # api.schemas.EcosystemOut
authenticated_by  # api.schemas.MeOut
state_label  # api.schemas.ApplicationOut

# --- attributes and properties read in templates ----------------------------------------
section_title  # calls.completeness.MissingItem: calls/application_detail.html
passes  # committee.grid.Verdict: committee/application_detail.html
grant_year  # labels.effect.Comparison: labels/effect.html
labelled_count  # labels.effect.Comparison: labels/effect.html
comparison_count  # labels.effect.Comparison: labels/effect.html
_.kind_label  # labels.effect.Comparison: labels/effect.html
_.difference_in_differences  # labels.effect.Comparison: labels/effect.html
highlighted  # territories.maps.MapShape: includes/map.html
value_label  # territories.maps.MapShape and ranking rows: includes/map.html, ranking.html
css_class  # territories.maps.MapShape: includes/map.html
_.is_drawn  # territories.maps.TerritoryMap: includes/map.html
x_ticks  # web.observatory.charts.LineChart: observatory/profile.html
_.is_empty  # web.observatory.charts.LineChart: observatory/profile.html

# --- results of the engines: part of what they return (docs/methodology/scoring.md) -----
failed_criteria  # committee.grid.Verdict: the criteria under their threshold
_.load_spread  # committee.assignment.Assignment: how even the reviewers' loads are
concordance_profile_alternative  # scoring.electre_tri.Outranking, both directions
discordance_profile_alternative  # scoring.electre_tri.Outranking, both directions
global_concordance_profile_alternative  # scoring.electre_tri.Outranking, both directions
distance_to_ideal  # scoring.topsis.TopsisOutcome: returned by to_dict()
distance_to_anti_ideal  # scoring.topsis.TopsisOutcome: returned by to_dict()
_.matrix  # scoring.table.PerformanceTable: the numeric matrix of some columns
is_luhn_valid  # observatory.engine.generator.keys: the generator's keys are checked by it
NON_PORTABLE_CONSTRUCTS  # observatory.engine.indicators: SQL kept portable to Spark (tested)
STOCK_UNITE_LEGALE_HISTORIQUE_COLUMNS  # observatory.engine.schema: the optional history file

# --- named by Django in settings, URL configuration or migrations ------------------------
platform  # web.context_processors: settings.TEMPLATES context processor
handler400  # web.urls: Django's error handler
handler403  # web.urls: Django's error handler
handler404  # web.urls: Django's error handler
handler500  # web.urls: Django's error handler
permission_denied  # web.public.errors: handler403
page_not_found  # web.public.errors: handler404
server_error  # web.public.errors: handler500
bad_request  # web.public.errors: handler400
csrf_failure  # web.public.errors: CSRF_FAILURE_VIEW
exception  # web.public.errors: Django's handler signature
append_only_on_postgresql  # core.append_only: used by the migrations
apps  # core.append_only: RunPython's signature (apps, schema_editor)

# --- kept on purpose -----------------------------------------------------------------------
deactivate_membership  # accounts.actions: removing a co-editor (the consortium's page)
link_renewal_application  # labels.actions: the renewal hook (docs/labels.md)
_audit_before_delete  # core.audited: set by the pre_delete signal, read by post_delete
is_over  # calls.models.Call: calls/call_detail.html
right_edge  # web.evaluation.charts: evaluation/includes/*.html
bottom_edge  # web.evaluation.charts: evaluation/includes/*.html
method_version  # api.endpoints.evaluation: a field of the API's schema
labelled_after_panel  # api.endpoints.evaluation: a field of the API's schema
labelled_outside_pool  # api.endpoints.evaluation: a field of the API's schema
effect_unit  # api.endpoints.evaluation: a field of the API's schema
LYON  # evaluation.engine.simulation: the test and bench panels' treated métropole
load_populations  # evaluation.engine.simulation: used by the tests and the bench
real_waves  # evaluation.engine.simulation: used by the tests and the bench
simulate_panel  # evaluation.engine.simulation: used by the tests and the bench
sign_in_username  # web.accounts.lockout: named in settings (AXES_USERNAME_CALLABLE)
client_address  # web.accounts.lockout: named in settings (AXES_CLIENT_IP_CALLABLE)
locked_out  # web.accounts.lockout: named in settings (AXES_LOCKOUT_CALLABLE)
regex  # core.converters.IdConverter: Django's path converter protocol
to_url  # core.converters.IdConverter: Django's path converter protocol
default_validators  # funding.money.AmountField: read by Django's model fields
ClientErrorsWithoutTraceback  # core.logging: named in settings (LOGGING filters)
exc_info  # core.logging: a log record's attribute, read by the handlers
exc_text  # core.logging: a log record's attribute, read by the handlers
wait_for_receipts  # calls.receipts: gunicorn.conf.py's worker_exit and the tests
