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

from casework.desk.estimating import (
    STRATA,
    Estimate,
    StratumEstimate,
    estimate_file,
    estimate_store,
    parse_periods,
    threshold_spread,
)
from casework.desk.extraction import extract_file, extract_pending, extract_testimony
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
from casework.desk.review import decide_link, review_mention, split_mention
from casework.desk.search import build_search_index, search_stamp
from casework.desk.secrets import DraftMaterial, check_draft, desk_secrets, draft_material
from casework.intake import decode_testimony, parse_received, read_testimony_file
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
    KdfParams,
    MentionStatus,
    StoredMention,
    TestimonyInfo,
    User,
    allowed,
    backup_store,
    export_records,
    init_store,
    open_store,
    restore_store,
    wipe_store,
)
from casework.store.export import testimony_metadata

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
    "KdfParams",
    "LinkRun",
    "Linkage",
    "MentionStatus",
    "RiskAssessment",
    "SEARCH_FACETS",
    "SEARCH_KINDS",
    "SEARCH_SORTS",
    "ScoredPair",
    "SearchIndex",
    "SearchQuery",
    "SearchResult",
    "StoredMention",
    "StratumEstimate",
    "TestimonyInfo",
    "UncertainPairs",
    "User",
    "add_files",
    "allowed",
    "backup_store",
    "build_search_index",
    "check_draft",
    "decide_link",
    "decode_testimony",
    "desk_secrets",
    "draft_material",
    "estimate_file",
    "estimate_store",
    "explain_file_pair",
    "explain_store_pair",
    "export_records",
    "extract_file",
    "extract_pending",
    "extract_testimony",
    "init_store",
    "link_file",
    "link_store",
    "linkable_mentions",
    "open_store",
    "parse_periods",
    "parse_received",
    "publish_dataset",
    "read_testimony_file",
    "redact_draft",
    "report_archive",
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
