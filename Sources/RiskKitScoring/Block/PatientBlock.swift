import RiskKitRecommendations
import RiskKitModels
import RiskKitData

/// Up to ``capacity`` patients on their way through ``PatientScorer``: their inputs parsed once and encoded into a
/// column-major block, then their results, so a whole block is scored column by column and written from reused
/// buffers without one object per patient.
///
/// Storage: ``design`` is column-major, `capacity × width` (encoded column j of patient i at `j·capacity + i`,
/// raw scale, imputed); ``missing`` and ``contributions`` are column-major `capacity × features`; ``cells`` is
/// row-major `capacity × policy fields`; ``top`` is row-major `capacity × shownCount`. A block is reused: filling
/// starts again after ``removeAll()``, and arrays keep their storage.
package struct PatientBlock: Sendable {
    /// The most patients the block holds.
    package let capacity: Int
    /// Patients in the block.
    package private(set) var count = 0
    /// Encoded columns of the model (``FeatureSchema/width``).
    let width: Int
    /// Model features.
    let featureCount: Int
    /// Policy fields (0 without a policy).
    let fieldCount: Int
    /// Contributions kept per patient: `min(topContributions, featureCount)`.
    let shownCount: Int

    /// Each patient's id (nil for a single patient given without one).
    package var ids: [String?]
    /// Each patient's id's `hashValue` (0 without an id), computed while filling, for ``PatientIDs``.
    package var idHashes: [Int]
    /// Each patient's 1-based file line, when read from a file.
    package var lines: [Int?]
    /// The encoded, imputed rows (column-major, see the type's discussion).
    var design: [Double]
    /// Whether feature f of patient i was missing, hence imputed (`f·capacity + i`).
    var missing: [Bool]
    /// Whether any feature of patient i was missing.
    var anyMissing: [Bool]
    /// The policy's field values (row-major: patient i's field k at `i·fieldCount + k`).
    var cells: [PolicyCell]
    /// Why an ``PolicyCell/unusable`` cell cannot be used, by its index in ``cells``.
    var cellProblems: [Int: PolicyCellProblem] = [:]

    /// Linear predictor, risk and risk percentile of each patient.
    package var linearPredictors: [Double]
    package var risks: [Double]
    package var percentiles: [Double]
    /// Each feature's contribution to each patient's linear predictor (column-major, `f·capacity + i`).
    var contributions: [Double]
    /// The features of the ``shownCount`` largest contributions of each patient, largest first (row-major).
    var top: [Int32]
    /// The genetic part of each patient's risk, for a model with a polygenic score.
    package var genetics: [GeneticRisk?]
    /// Each patient's band (position in the policy's bands).
    var bands: [Int]
    /// The fired rules of all patients, patient after patient; patient i's are `firedEnds[i−1]..<firedEnds[i]`.
    var fired: [Int32] = []
    var firedEnds: [Int]
    /// The skipped rules of the patients that have any.
    var skipped: [Int: [SkippedRule]] = [:]
    /// Whether the model cannot assess patient i (outside its applicable range, or missing a required value).
    package var notAssessable: [Bool]
    /// Why, for the patients that are not assessable.
    package var notAssessableReasons: [Int: NotAssessableReason] = [:]
    /// The rows left out of the block while filling it with bad rows skipped (``PatientScorer/forEachBlock(in:skippingBadRows:format:consume:)``),
    /// in file order.
    package var rejects: [PatientReject] = []

    /// An empty block for `scorer`'s model and policy holding up to `capacity` patients, keeping `top` (default:
    /// the scorer's ``PatientScorer/topContributions``) contributions per patient.
    package init(capacity: Int, scorer: PatientScorer, top shown: Int? = nil) {
        self.capacity = capacity
        width = scorer.model.schema.width
        featureCount = scorer.model.schema.features.count
        fieldCount = scorer.policy?.fields.count ?? 0
        shownCount = Swift.min(shown ?? scorer.topContributions, featureCount)
        ids = Array(repeating: nil, count: capacity)
        lines = Array(repeating: nil, count: capacity)
        idHashes = Array(repeating: 0, count: capacity)
        design = Array(repeating: 0, count: capacity * width)
        missing = Array(repeating: false, count: capacity * featureCount)
        anyMissing = Array(repeating: false, count: capacity)
        cells = Array(repeating: .absent, count: capacity * fieldCount)
        linearPredictors = Array(repeating: 0, count: capacity)
        risks = Array(repeating: 0, count: capacity)
        percentiles = Array(repeating: 0, count: capacity)
        contributions = Array(repeating: 0, count: capacity * featureCount)
        top = Array(repeating: 0, count: capacity * shownCount)
        genetics = Array(repeating: nil, count: capacity)
        bands = Array(repeating: 0, count: capacity)
        firedEnds = Array(repeating: 0, count: capacity)
        notAssessable = Array(repeating: false, count: capacity)
    }

    /// A block of ``preferredCapacity`` patients for `scorer`'s model.
    package init(scorer: PatientScorer) {
        self.init(capacity: Self.preferredCapacity(scorer), scorer: scorer)
    }

    /// The capacity that keeps a block's column-major encoded rows within about 512 kB (in cache while the
    /// rows are written across its columns) for `scorer`'s model: between 64 and 4,096 patients.
    package static func preferredCapacity(_ scorer: PatientScorer) -> Int {
        let perPatient = Swift.max(scorer.model.schema.width, scorer.model.schema.features.count, 1)
        return Swift.min(4096, Swift.max(64, (1 << 16) / perPatient))
    }

    /// Whether the block is full.
    package var isFull: Bool { count == capacity }

    /// Empties the block, keeping its storage.
    package mutating func removeAll() {
        count = 0
        cellProblems.removeAll(keepingCapacity: true)
        fired.removeAll(keepingCapacity: true)
        skipped.removeAll(keepingCapacity: true)
        notAssessableReasons.removeAll(keepingCapacity: true)
        rejects.removeAll(keepingCapacity: true)
    }

    /// Forgets what filling patient `count` left behind when it failed (the reasons of its unusable cells), so a
    /// skipped row leaves the block as it was.
    mutating func discardUnfinishedPatient() {
        for k in 0..<fieldCount { cellProblems.removeValue(forKey: count * fieldCount + k) }
    }

    /// Starts patient `count` with its id, line and why the model cannot assess it (nil: it can), and returns its
    /// position.
    mutating func beginPatient(id: String?, line: Int?, notAssessable reason: NotAssessableReason?) -> Int {
        precondition(count < capacity, "the block is full")
        ids[count] = id
        idHashes[count] = id?.hashValue ?? 0
        lines[count] = line
        notAssessable[count] = reason != nil
        if let reason { notAssessableReasons[count] = reason }
        count += 1
        return count - 1
    }
}
