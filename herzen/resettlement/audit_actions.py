"""The audit actions of resettlement (herzen.audit.actions)."""

from django.utils.translation import gettext_lazy as _

from herzen.audit.actions import register
from herzen.resettlement.services import (
    NEEDS_FIELDS,
    OFFER_FIELDS,
    PROPOSAL_FIELDS,
    RUN_FIELDS,
    RUN_RESULT_FIELDS,
    WEIGHT_FIELDS,
)

register("resettlement_offer.create", _("Offer published"), target="resettlement.offer", fields=OFFER_FIELDS)
register("resettlement_offer.update", _("Offer changed"), target="resettlement.offer", fields=OFFER_FIELDS)
register("resettlement_offer.close", _("Offer closed"), target="resettlement.offer", fields={"is_open"})
register("resettlement_needs.create", _("Household needs recorded"), target="resettlement.householdneeds",
         fields=NEEDS_FIELDS)  # fmt: skip
register("resettlement_needs.update", _("Household needs changed"), target="resettlement.householdneeds",
         fields=NEEDS_FIELDS)  # fmt: skip
register("match_run.start", _("Matching run started"), target="resettlement.matchrun", fields=RUN_FIELDS,
         field_labels={"started_by": _("started by")})  # fmt: skip
register("match_weights.set", _("Programme's matching weights set"), target="resettlement.matchweights",
         fields=WEIGHT_FIELDS)  # fmt: skip
register("match_run.complete", _("Matching run finished"), target="resettlement.matchrun",
         fields=RUN_RESULT_FIELDS)  # fmt: skip
register("match_run.send", _("Proposals sent"), target="resettlement.matchrun", fields={"status", "sent_at"})
register("proposal.create", _("Proposal made"), target="resettlement.proposal", fields=PROPOSAL_FIELDS,
         field_labels={"case": _("case"), "offer": _("offer")})  # fmt: skip
register("proposal.move", _("Proposal changed by hand"), target="resettlement.proposal",
         fields={"offer", "sponsorship", "edited_by_hand"}, field_labels={"offer": _("offer")})  # fmt: skip
register("proposal.send", _("Proposal sent"), target="resettlement.proposal", fields={"status"})
register("proposal.respond", _("Proposal answered"), target="resettlement.proposal",
         fields={"status", "responded_at"})  # fmt: skip
register("job_placement.create", _("Job proposed to an adult"), target="resettlement.jobplacement",
         fields={"proposal", "job", "adult", "score"})  # fmt: skip
register("job_placement.drop", _("Job dropped after a move to another town"), target="resettlement.jobplacement",
         fields={"proposal", "job", "adult"})  # fmt: skip
