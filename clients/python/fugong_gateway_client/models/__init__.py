"""Contains all the data models used in inputs/outputs"""

from .accepted import Accepted
from .acknowledgement_in import AcknowledgementIn
from .answer import Answer
from .answer_accepted import AnswerAccepted
from .answer_in import AnswerIn
from .appointment_problem import AppointmentProblem
from .audience_in import AudienceIn
from .audit_entry_out import AuditEntryOut
from .audit_entry_out_stated_type_0 import AuditEntryOutStatedType0
from .audit_out import AuditOut
from .batch_entry import BatchEntry
from .batch_entry_data import BatchEntryData
from .batch_request import BatchRequest
from .batch_result import BatchResult
from .booking_in import BookingIn
from .booking_out import BookingOut
from .bookings_out import BookingsOut
from .campaign_accepted_out import CampaignAcceptedOut
from .campaign_in import CampaignIn
from .campaign_in_values import CampaignInValues
from .campaign_preview_out import CampaignPreviewOut
from .campaign_preview_out_by_channel import CampaignPreviewOutByChannel
from .campaign_progress_out import CampaignProgressOut
from .campaign_template import CampaignTemplate
from .cancel_accepted_out import CancelAcceptedOut
from .change_code_in import ChangeCodeIn
from .change_waiting import ChangeWaiting
from .changes import Changes
from .channel import Channel
from .channel_cost_out import ChannelCostOut
from .channel_progress_out import ChannelProgressOut
from .channel_progress_out_statuses import ChannelProgressOutStatuses
from .check_out import CheckOut
from .closing_in import ClosingIn
from .closing_reason import ClosingReason
from .code_in import CodeIn
from .community import Community
from .community_changes import CommunityChanges
from .community_figures import CommunityFigures
from .community_point_in import CommunityPointIn
from .community_report_in import CommunityReportIn
from .compliance_counts import ComplianceCounts
from .compliance_out import ComplianceOut
from .consent_in import ConsentIn
from .consent_method import ConsentMethod
from .contact_channel import ContactChannel
from .contact_in import ContactIn
from .count_out import CountOut
from .decision_out import DecisionOut
from .declaration_accepted import DeclarationAccepted
from .declaration_closing_in import DeclarationClosingIn
from .declaration_closing_reason import DeclarationClosingReason
from .declaration_out import DeclarationOut
from .declarations_out import DeclarationsOut
from .demand_cell_out import DemandCellOut
from .demand_list import DemandList
from .demand_list_out import DemandListOut
from .difficulty import Difficulty
from .district_compliance import DistrictCompliance
from .early_warning_out import EarlyWarningOut
from .early_warning_out_figures import EarlyWarningOutFigures
from .early_warning_out_status import EarlyWarningOutStatus
from .early_warnings_out import EarlyWarningsOut
from .early_warnings_status import EarlyWarningsStatus
from .enterprise_compliance import EnterpriseCompliance
from .enterprise_compliance_status import EnterpriseComplianceStatus
from .enterprise_in import EnterpriseIn
from .enterprise_size import EnterpriseSize
from .entry_result import EntryResult
from .failure_out import FailureOut
from .fair_accepted import FairAccepted
from .fair_counts_out import FairCountsOut
from .fair_in import FairIn
from .fair_out import FairOut
from .fair_posting_out import FairPostingOut
from .fair_postings_out import FairPostingsOut
from .fair_theme import FairTheme
from .fairs_out import FairsOut
from .field_problem import FieldProblem
from .fill_in import FillIn
from .finding_out import FindingOut
from .hall_in import HallIn
from .hall_out import HallOut
from .halls_out import HallsOut
from .held_postings_out import HeldPostingsOut
from .hint_out import HintOut
from .indicators_out import IndicatorsOut
from .indicators_out_definitions import IndicatorsOutDefinitions
from .interest_in import InterestIn
from .interest_out import InterestOut
from .interests_out import InterestsOut
from .job_seeker_ratio_figures import JobSeekerRatioFigures
from .job_seeker_ratio_out import JobSeekerRatioOut
from .joining_in import JoiningIn
from .key_enterprise_category import KeyEnterpriseCategory
from .key_enterprise_out import KeyEnterpriseOut
from .key_enterprises_out import KeyEnterprisesOut
from .key_recovered import KeyRecovered
from .kind_name import KindName
from .mobile_change_in import MobileChangeIn
from .monitoring_role import MonitoringRole
from .new_code_in import NewCodeIn
from .not_yet_returned_in import NotYetReturnedIn
from .officer_in import OfficerIn
from .online_alternative_out import OnlineAlternativeOut
from .opt_in_accepted_out import OptInAcceptedOut
from .opt_in_accepted_out_channels_item import OptInAcceptedOutChannelsItem
from .opt_in_in import OptInIn
from .opt_in_in_channels_item import OptInInChannelsItem
from .opt_out_accepted_out import OptOutAcceptedOut
from .opt_out_accepted_out_channels_item import OptOutAcceptedOutChannelsItem
from .opt_out_in import OptOutIn
from .opt_out_in_channels_item import OptOutInChannelsItem
from .person_in import PersonIn
from .person_out import PersonOut
from .posting_accepted import PostingAccepted
from .posting_in import PostingIn
from .posting_out import PostingOut
from .posting_out_details import PostingOutDetails
from .posting_recommendations_out import PostingRecommendationsOut
from .postings_out import PostingsOut
from .priority_group import PriorityGroup
from .problem import Problem
from .proposal_out import ProposalOut
from .proposals_out import ProposalsOut
from .public_service import PublicService
from .recommendation_out import RecommendationOut
from .recommendations_out import RecommendationsOut
from .recommended_seeker_out import RecommendedSeekerOut
from .recorded_report import RecordedReport
from .recorded_reports import RecordedReports
from .recovery_code_in import RecoveryCodeIn
from .recovery_in import RecoveryIn
from .recovery_waiting import RecoveryWaiting
from .registrant_in import RegistrantIn
from .registration_accepted import RegistrationAccepted
from .registration_out import RegistrationOut
from .registration_waiting import RegistrationWaiting
from .reschedule_in import RescheduleIn
from .return_to_work_cell import ReturnToWorkCell
from .return_to_work_figures import ReturnToWorkFigures
from .return_to_work_out import ReturnToWorkOut
from .return_to_work_out_definitions import ReturnToWorkOutDefinitions
from .review_decision import ReviewDecision
from .review_in import ReviewIn
from .revision_in import RevisionIn
from .roster_group_out import RosterGroupOut
from .roster_merged_out import RosterMergedOut
from .roster_row_problem_out import RosterRowProblemOut
from .roster_row_refused_out import RosterRowRefusedOut
from .roster_summary_out import RosterSummaryOut
from .roster_upload_out import RosterUploadOut
from .row_accepted_out import RowAcceptedOut
from .row_problem_out import RowProblemOut
from .row_refused_out import RowRefusedOut
from .scoped_figures import ScopedFigures
from .seeker_accepted import SeekerAccepted
from .seeker_in import SeekerIn
from .seeker_out import SeekerOut
from .seeker_out_profile_type_0 import SeekerOutProfileType0
from .seekers_out import SeekersOut
from .self_registered import SelfRegistered
from .service_state import ServiceState
from .sheet_upload_out import SheetUploadOut
from .shift import Shift
from .shortage_in import ShortageIn
from .slot_in import SlotIn
from .slot_out import SlotOut
from .slots_out import SlotsOut
from .status_change_out import StatusChangeOut
from .status_in import StatusIn
from .status_out import StatusOut
from .statuses_out import StatusesOut
from .suggested_slot import SuggestedSlot
from .surplus_in import SurplusIn
from .upload_mode import UploadMode
from .upload_roster_json_body import UploadRosterJsonBody
from .weekly_report_in import WeeklyReportIn
from .weekly_report_template_extension import WeeklyReportTemplateExtension
from .withdrawal_in import WithdrawalIn
from .working_time import WorkingTime

__all__ = (
    "Accepted",
    "AcknowledgementIn",
    "Answer",
    "AnswerAccepted",
    "AnswerIn",
    "AppointmentProblem",
    "AudienceIn",
    "AuditEntryOut",
    "AuditEntryOutStatedType0",
    "AuditOut",
    "BatchEntry",
    "BatchEntryData",
    "BatchRequest",
    "BatchResult",
    "BookingIn",
    "BookingOut",
    "BookingsOut",
    "CampaignAcceptedOut",
    "CampaignIn",
    "CampaignInValues",
    "CampaignPreviewOut",
    "CampaignPreviewOutByChannel",
    "CampaignProgressOut",
    "CampaignTemplate",
    "CancelAcceptedOut",
    "ChangeCodeIn",
    "Changes",
    "ChangeWaiting",
    "Channel",
    "ChannelCostOut",
    "ChannelProgressOut",
    "ChannelProgressOutStatuses",
    "CheckOut",
    "ClosingIn",
    "ClosingReason",
    "CodeIn",
    "Community",
    "CommunityChanges",
    "CommunityFigures",
    "CommunityPointIn",
    "CommunityReportIn",
    "ComplianceCounts",
    "ComplianceOut",
    "ConsentIn",
    "ConsentMethod",
    "ContactChannel",
    "ContactIn",
    "CountOut",
    "DecisionOut",
    "DeclarationAccepted",
    "DeclarationClosingIn",
    "DeclarationClosingReason",
    "DeclarationOut",
    "DeclarationsOut",
    "DemandCellOut",
    "DemandList",
    "DemandListOut",
    "Difficulty",
    "DistrictCompliance",
    "EarlyWarningOut",
    "EarlyWarningOutFigures",
    "EarlyWarningOutStatus",
    "EarlyWarningsOut",
    "EarlyWarningsStatus",
    "EnterpriseCompliance",
    "EnterpriseComplianceStatus",
    "EnterpriseIn",
    "EnterpriseSize",
    "EntryResult",
    "FailureOut",
    "FairAccepted",
    "FairCountsOut",
    "FairIn",
    "FairOut",
    "FairPostingOut",
    "FairPostingsOut",
    "FairsOut",
    "FairTheme",
    "FieldProblem",
    "FillIn",
    "FindingOut",
    "HallIn",
    "HallOut",
    "HallsOut",
    "HeldPostingsOut",
    "HintOut",
    "IndicatorsOut",
    "IndicatorsOutDefinitions",
    "InterestIn",
    "InterestOut",
    "InterestsOut",
    "JobSeekerRatioFigures",
    "JobSeekerRatioOut",
    "JoiningIn",
    "KeyEnterpriseCategory",
    "KeyEnterpriseOut",
    "KeyEnterprisesOut",
    "KeyRecovered",
    "KindName",
    "MobileChangeIn",
    "MonitoringRole",
    "NewCodeIn",
    "NotYetReturnedIn",
    "OfficerIn",
    "OnlineAlternativeOut",
    "OptInAcceptedOut",
    "OptInAcceptedOutChannelsItem",
    "OptInIn",
    "OptInInChannelsItem",
    "OptOutAcceptedOut",
    "OptOutAcceptedOutChannelsItem",
    "OptOutIn",
    "OptOutInChannelsItem",
    "PersonIn",
    "PersonOut",
    "PostingAccepted",
    "PostingIn",
    "PostingOut",
    "PostingOutDetails",
    "PostingRecommendationsOut",
    "PostingsOut",
    "PriorityGroup",
    "Problem",
    "ProposalOut",
    "ProposalsOut",
    "PublicService",
    "RecommendationOut",
    "RecommendationsOut",
    "RecommendedSeekerOut",
    "RecordedReport",
    "RecordedReports",
    "RecoveryCodeIn",
    "RecoveryIn",
    "RecoveryWaiting",
    "RegistrantIn",
    "RegistrationAccepted",
    "RegistrationOut",
    "RegistrationWaiting",
    "RescheduleIn",
    "ReturnToWorkCell",
    "ReturnToWorkFigures",
    "ReturnToWorkOut",
    "ReturnToWorkOutDefinitions",
    "ReviewDecision",
    "ReviewIn",
    "RevisionIn",
    "RosterGroupOut",
    "RosterMergedOut",
    "RosterRowProblemOut",
    "RosterRowRefusedOut",
    "RosterSummaryOut",
    "RosterUploadOut",
    "RowAcceptedOut",
    "RowProblemOut",
    "RowRefusedOut",
    "ScopedFigures",
    "SeekerAccepted",
    "SeekerIn",
    "SeekerOut",
    "SeekerOutProfileType0",
    "SeekersOut",
    "SelfRegistered",
    "ServiceState",
    "SheetUploadOut",
    "Shift",
    "ShortageIn",
    "SlotIn",
    "SlotOut",
    "SlotsOut",
    "StatusChangeOut",
    "StatusesOut",
    "StatusIn",
    "StatusOut",
    "SuggestedSlot",
    "SurplusIn",
    "UploadMode",
    "UploadRosterJsonBody",
    "WeeklyReportIn",
    "WeeklyReportTemplateExtension",
    "WithdrawalIn",
    "WorkingTime",
)
