"""The desk: every workflow on an unlocked store, once, for the CLI and the web app.

Apart from :mod:`casework.store`, this is the only package that takes an unlocked
store. Each function here runs one workflow (add testimony, extract stored
testimony, link the store, review, estimate, report, publish, check a draft with
the store's secrets) by reading the store, calling the pure pipeline stages and
writing the result and its audit event. ``cli`` and ``web`` import only
``casework.desk``, ``casework.model`` and ``casework.errors``, so both front ends
run the same code and cannot drift apart (``tests/test_layers.py`` keeps it so).

Typical use::

    from casework.desk import open_store, extract_pending, link_store
    store = open_store("desk.db", "alice", passphrase)
    extract_pending(store)
    run = link_store(store)
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casework.desk.bulk import ItemOutcome, RecordOutcome, add_bundle, import_sheet_records, plan_store_sheet
    from casework.desk.estimating import (
        STRATA,
        Estimate,
        StratumEstimate,
        estimate_file,
        estimate_store,
        parse_periods,
        threshold_spread,
    )
    from casework.desk.extraction import extract_file, extract_files, extract_pending, extract_testimony
    from casework.desk.identity import resolve_ids
    from casework.desk.incident_page import IncidentPage, incident_page
    from casework.desk.intake import FileOutcome, add_files
    from casework.desk.linking import (
        MODEL_SETTING,
        LinkRun,
        UncertainPairs,
        explain_file_pair,
        explain_store_pair,
        link_file,
        link_store,
        linkable_mentions,
        store_decisions,
        uncertain_pairs,
    )
    from casework.desk.publishing import publish_dataset
    from casework.desk.reporting import report_archive, snapshot_from_store, write_store_report
    from casework.desk.review import (
        CORRECTABLE,
        REVIEW_SORTS,
        LinkConflict,
        correct_field,
        count_review_queue,
        decide_link,
        link_conflicts,
        review_mention,
        review_queue,
        score_mentions,
        split_confirmations,
        split_mention,
        withdraw_link,
    )
    from casework.desk.review_state import (
        DeskFigures,
        DeskReview,
        count_reviewed_incidents,
        desk_figures,
        desk_review,
        review_states,
        reviewed_incidents,
        reviewed_line,
        reviewed_only,
    )
    from casework.desk.search import build_search_index, list_names, search_stamp, vocabularies
    from casework.desk.secrets import DraftMaterial, check_draft, desk_secrets, draft_material
    from casework.intake import decode_testimony, parse_received, read_testimony_file
    from casework.intake.sheets import ImportedRecord, SheetPlan
    from casework.link import DEFAULT_THRESHOLD, Linkage, ScoredPair
    from casework.link.engines import ENGINES, Engine, SparkEngine, engine_from_options
    from casework.publish import RiskAssessment, redact_draft
    from casework.search import FACETS as SEARCH_FACETS
    from casework.search import KINDS as SEARCH_KINDS
    from casework.search import SORTS as SEARCH_SORTS
    from casework.search import SearchIndex, SearchQuery, SearchResult
    from casework.store import (
        AddResult,
        CaseStore,
        IncidentEvent,
        KdfParams,
        LinkDecisionRecord,
        MentionStatus,
        StoredMention,
        TestimonyInfo,
        User,
        allowed,
        backup_store,
        export_records,
        init_store,
        open_store,
        require_store_file,
        restore_store,
        wipe_store,
    )
    from casework.store.export import testimony_metadata

# Where each name of the desk is defined. Names are loaded on first use (PEP 562), so that
# importing the desk, as every CLI module does, loads no heavy library: ``casework --help``
# must not wait for statsmodels, Splink or matplotlib. mypy reads the imports above.
_WHERE: dict[str, tuple[str, str]] = {
    "AddResult": ("casework.store", "AddResult"),
    "CaseStore": ("casework.store", "CaseStore"),
    "DEFAULT_THRESHOLD": ("casework.link", "DEFAULT_THRESHOLD"),
    "DraftMaterial": ("casework.desk.secrets", "DraftMaterial"),
    "ENGINES": ("casework.link.engines", "ENGINES"),
    "Engine": ("casework.link.engines", "Engine"),
    "SparkEngine": ("casework.link.engines", "SparkEngine"),
    "engine_from_options": ("casework.link.engines", "engine_from_options"),
    "Estimate": ("casework.desk.estimating", "Estimate"),
    "FileOutcome": ("casework.desk.intake", "FileOutcome"),
    "ImportedRecord": ("casework.intake.sheets", "ImportedRecord"),
    "ItemOutcome": ("casework.desk.bulk", "ItemOutcome"),
    "KdfParams": ("casework.store", "KdfParams"),
    "LinkRun": ("casework.desk.linking", "LinkRun"),
    "Linkage": ("casework.link", "Linkage"),
    "MODEL_SETTING": ("casework.desk.linking", "MODEL_SETTING"),
    "MentionStatus": ("casework.store", "MentionStatus"),
    "RecordOutcome": ("casework.desk.bulk", "RecordOutcome"),
    "RiskAssessment": ("casework.publish", "RiskAssessment"),
    "SEARCH_FACETS": ("casework.search", "FACETS"),
    "SEARCH_KINDS": ("casework.search", "KINDS"),
    "SEARCH_SORTS": ("casework.search", "SORTS"),
    "STRATA": ("casework.desk.estimating", "STRATA"),
    "ScoredPair": ("casework.link", "ScoredPair"),
    "SearchIndex": ("casework.search", "SearchIndex"),
    "SearchQuery": ("casework.search", "SearchQuery"),
    "SearchResult": ("casework.search", "SearchResult"),
    "SheetPlan": ("casework.intake.sheets", "SheetPlan"),
    "StoredMention": ("casework.store", "StoredMention"),
    "StratumEstimate": ("casework.desk.estimating", "StratumEstimate"),
    "TestimonyInfo": ("casework.store", "TestimonyInfo"),
    "UncertainPairs": ("casework.desk.linking", "UncertainPairs"),
    "User": ("casework.store", "User"),
    "add_bundle": ("casework.desk.bulk", "add_bundle"),
    "add_files": ("casework.desk.intake", "add_files"),
    "allowed": ("casework.store", "allowed"),
    "backup_store": ("casework.store", "backup_store"),
    "build_search_index": ("casework.desk.search", "build_search_index"),
    "list_names": ("casework.desk.search", "list_names"),
    "vocabularies": ("casework.desk.search", "vocabularies"),
    "check_draft": ("casework.desk.secrets", "check_draft"),
    "decide_link": ("casework.desk.review", "decide_link"),
    "IncidentEvent": ("casework.store", "IncidentEvent"),
    "LinkConflict": ("casework.desk.review", "LinkConflict"),
    "CORRECTABLE": ("casework.desk.review", "CORRECTABLE"),
    "REVIEW_SORTS": ("casework.desk.review", "REVIEW_SORTS"),
    "count_review_queue": ("casework.desk.review", "count_review_queue"),
    "review_queue": ("casework.desk.review", "review_queue"),
    "score_mentions": ("casework.desk.review", "score_mentions"),
    "correct_field": ("casework.desk.review", "correct_field"),
    "LinkDecisionRecord": ("casework.store", "LinkDecisionRecord"),
    "link_conflicts": ("casework.desk.review", "link_conflicts"),
    "resolve_ids": ("casework.desk.identity", "resolve_ids"),
    "review_states": ("casework.desk.review_state", "review_states"),
    "DeskReview": ("casework.desk.review_state", "DeskReview"),
    "DeskFigures": ("casework.desk.review_state", "DeskFigures"),
    "desk_figures": ("casework.desk.review_state", "desk_figures"),
    "count_reviewed_incidents": ("casework.desk.review_state", "count_reviewed_incidents"),
    "desk_review": ("casework.desk.review_state", "desk_review"),
    "reviewed_incidents": ("casework.desk.review_state", "reviewed_incidents"),
    "IncidentPage": ("casework.desk.incident_page", "IncidentPage"),
    "incident_page": ("casework.desk.incident_page", "incident_page"),
    "reviewed_line": ("casework.desk.review_state", "reviewed_line"),
    "reviewed_only": ("casework.desk.review_state", "reviewed_only"),
    "split_confirmations": ("casework.desk.review", "split_confirmations"),
    "withdraw_link": ("casework.desk.review", "withdraw_link"),
    "decode_testimony": ("casework.intake", "decode_testimony"),
    "desk_secrets": ("casework.desk.secrets", "desk_secrets"),
    "draft_material": ("casework.desk.secrets", "draft_material"),
    "estimate_file": ("casework.desk.estimating", "estimate_file"),
    "estimate_store": ("casework.desk.estimating", "estimate_store"),
    "explain_file_pair": ("casework.desk.linking", "explain_file_pair"),
    "explain_store_pair": ("casework.desk.linking", "explain_store_pair"),
    "export_records": ("casework.store", "export_records"),
    "extract_file": ("casework.desk.extraction", "extract_file"),
    "extract_files": ("casework.desk.extraction", "extract_files"),
    "extract_pending": ("casework.desk.extraction", "extract_pending"),
    "extract_testimony": ("casework.desk.extraction", "extract_testimony"),
    "import_sheet_records": ("casework.desk.bulk", "import_sheet_records"),
    "init_store": ("casework.store", "init_store"),
    "link_file": ("casework.desk.linking", "link_file"),
    "link_store": ("casework.desk.linking", "link_store"),
    "linkable_mentions": ("casework.desk.linking", "linkable_mentions"),
    "open_store": ("casework.store", "open_store"),
    "parse_periods": ("casework.desk.estimating", "parse_periods"),
    "parse_received": ("casework.intake", "parse_received"),
    "plan_store_sheet": ("casework.desk.bulk", "plan_store_sheet"),
    "publish_dataset": ("casework.desk.publishing", "publish_dataset"),
    "read_testimony_file": ("casework.intake", "read_testimony_file"),
    "redact_draft": ("casework.publish", "redact_draft"),
    "report_archive": ("casework.desk.reporting", "report_archive"),
    "require_store_file": ("casework.store", "require_store_file"),
    "restore_store": ("casework.store", "restore_store"),
    "wipe_store": ("casework.store", "wipe_store"),
    "review_mention": ("casework.desk.review", "review_mention"),
    "search_stamp": ("casework.desk.search", "search_stamp"),
    "snapshot_from_store": ("casework.desk.reporting", "snapshot_from_store"),
    "split_mention": ("casework.desk.review", "split_mention"),
    "store_decisions": ("casework.desk.linking", "store_decisions"),
    "testimony_metadata": ("casework.store.export", "testimony_metadata"),
    "threshold_spread": ("casework.desk.estimating", "threshold_spread"),
    "uncertain_pairs": ("casework.desk.linking", "uncertain_pairs"),
    "write_store_report": ("casework.desk.reporting", "write_store_report"),
}


def __getattr__(name: str) -> Any:
    """A desk name, imported from its module the first time it is asked for."""
    try:
        module, attribute = _WHERE[name]
    except KeyError:
        raise AttributeError(f"module 'casework.desk' has no attribute {name!r}") from None
    value = getattr(import_module(module), attribute)
    globals()[name] = value
    return value

__all__ = [
    "wipe_store",
    "DEFAULT_THRESHOLD",
    "ENGINES",
    "Engine",
    "SparkEngine",
    "engine_from_options",
    "MODEL_SETTING",
    "STRATA",
    "AddResult",
    "CaseStore",
    "DraftMaterial",
    "Estimate",
    "FileOutcome",
    "ImportedRecord",
    "ItemOutcome",
    "KdfParams",
    "LinkRun",
    "Linkage",
    "MentionStatus",
    "RecordOutcome",
    "RiskAssessment",
    "SEARCH_FACETS",
    "SEARCH_KINDS",
    "SEARCH_SORTS",
    "ScoredPair",
    "SearchIndex",
    "SearchQuery",
    "SearchResult",
    "SheetPlan",
    "StoredMention",
    "StratumEstimate",
    "TestimonyInfo",
    "UncertainPairs",
    "User",
    "add_bundle",
    "add_files",
    "allowed",
    "backup_store",
    "build_search_index",
    "list_names",
    "vocabularies",
    "check_draft",
    "decide_link",
    "IncidentEvent",
    "LinkConflict",
    "CORRECTABLE",
    "REVIEW_SORTS",
    "count_review_queue",
    "review_queue",
    "score_mentions",
    "correct_field",
    "LinkDecisionRecord",
    "link_conflicts",
    "resolve_ids",
    "review_states",
    "DeskReview",
    "DeskFigures",
    "desk_figures",
    "count_reviewed_incidents",
    "desk_review",
    "reviewed_incidents",
    "IncidentPage",
    "incident_page",
    "reviewed_line",
    "reviewed_only",
    "split_confirmations",
    "withdraw_link",
    "decode_testimony",
    "desk_secrets",
    "draft_material",
    "estimate_file",
    "estimate_store",
    "explain_file_pair",
    "explain_store_pair",
    "export_records",
    "extract_file",
    "extract_files",
    "extract_pending",
    "extract_testimony",
    "import_sheet_records",
    "init_store",
    "link_file",
    "link_store",
    "linkable_mentions",
    "open_store",
    "parse_periods",
    "plan_store_sheet",
    "parse_received",
    "publish_dataset",
    "read_testimony_file",
    "redact_draft",
    "report_archive",
    "require_store_file",
    "restore_store",
    "review_mention",
    "search_stamp",
    "snapshot_from_store",
    "split_mention",
    "store_decisions",
    "testimony_metadata",
    "threshold_spread",
    "uncertain_pairs",
    "write_store_report",
]
