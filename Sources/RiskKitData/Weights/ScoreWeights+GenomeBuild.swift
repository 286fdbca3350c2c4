/// How a weight file's positions will be matched to a fileset, and why: the builds on both sides and the columns
/// chosen. ``ScoreWeights/positionPlan(for:given:)`` makes one.
public struct PositionPlan: Sendable, Equatable {
    /// How the fileset's build became known.
    public enum BuildSource: Sendable, Equatable {
        /// Given by the caller (`--build`).
        case given
        /// Inferred: `agreeing` of `compared` variants found by id sit at the weight file's positions in that
        /// build (`column`: `chr_position` or `hm_pos`).
        case inferred(agreeing: Int, compared: Int, column: String)
        /// Not known: not given, and too few variants found by id agree with either of the file's positions.
        case unknown(compared: Int)
    }

    /// The fileset's build, when known.
    public var filesetBuild: GenomeBuild?
    /// How ``filesetBuild`` became known.
    public var filesetBuildSource: BuildSource
    /// The build of `chr_position` (`#genome_build`), when declared.
    public var authoredBuild: GenomeBuild?
    /// The build of `hm_pos` (`#HmPOS_build`), when declared.
    public var harmonizedBuild: GenomeBuild?
    /// The columns positions are matched by.
    public var columns: PositionColumns
    /// Weights that can only be matched by position (no id the fileset knows) and whose position is in another
    /// build, when ``columns`` is ``PositionColumns/none``; they end up absent.
    public var unmatchableByPosition: Int
    /// What to warn about, if anything: positions of unknown or unchecked build used for matching.
    public var warning: String?

    /// One sentence for the match report: the builds, how the fileset's was found, and the columns used.
    public var summary: String {
        func name(_ b: GenomeBuild?) -> String { b?.rawValue ?? "not stated" }
        var fileset: String
        switch filesetBuildSource {
        case .given: fileset = "\(name(filesetBuild)) (given)"
        case .inferred(let agreeing, let compared, let column):
            fileset = "\(name(filesetBuild)) (inferred: \(agreeing) of \(compared) variants found by id sit at the weight file's \(column))"
        case .unknown(let compared):
            fileset = compared == 0 ? "unknown (no variant found by id to infer it from)"
                : "unknown (the \(compared) variants found by id agree with neither of the weight file's positions)"
        }
        let used: String
        switch columns {
        case .harmonizedOrAuthored: used = "positions from hm_chr/hm_pos where given, else chr_name/chr_position"
        case .authored: used = "positions from chr_name/chr_position"
        case .harmonized: used = "positions from hm_chr/hm_pos"
        case .none:
            used = "ids only, positions not used (another build)"
                + (unmatchableByPosition > 0 ? "; \(unmatchableByPosition) weights without a known id left absent" : "")
        }
        return "genome build: weights \(name(authoredBuild))"
            + (harmonizedBuild.map { ", harmonized \($0.rawValue)" } ?? "") + "; fileset \(fileset); matched by \(used)"
    }
}

extension ScoreWeights {
    /// The build of `chr_position` (`#genome_build`), nil when absent or not a known build.
    public var authoredBuild: GenomeBuild? { metadata["genome_build"].flatMap(GenomeBuild.init(declared:)) }
    /// The build of `hm_pos` (`#HmPOS_build`), nil when absent or not a known build.
    public var harmonizedBuild: GenomeBuild? { metadata["HmPOS_build"].flatMap(GenomeBuild.init(declared:)) }

    /// Chooses the positions to match `variants` by, checking genome builds (PGS Catalog files; a PLINK-style file
    /// matches by id only and gets ``PositionColumns/none`` with no check).
    ///
    /// The fileset's build is `given`, or inferred: among the entries whose id the fileset knows, the share whose
    /// `.bim` chromosome and position equal the entry's `hm_chr`/`hm_pos` (build `HmPOS_build`) or its
    /// `chr_name`/`chr_position` (build `genome_build`); at least 90 % agreeing with one of them names the build.
    /// Then positions in the fileset's build are used (harmonized first); when both of the file's positions are in
    /// other builds, matching is by id alone. With the fileset's build unknown, harmonized positions are used where
    /// given (the PGS Catalog's harmonized files are the ones meant for matching) with a warning.
    /// - Throws: ``DataError`` with code ``DataError/Code/genomeBuildMismatch`` when the fileset's build is known,
    ///   the file's positions are all in other builds, and some weights could be matched only by position (their
    ///   id is absent from the file or unknown to the fileset).
    public func positionPlan(for variants: [VariantAlleles], given: GenomeBuild?) throws -> PositionPlan {
        var plan = PositionPlan(filesetBuild: given, filesetBuildSource: .given, authoredBuild: authoredBuild,
                                harmonizedBuild: harmonizedBuild, columns: .harmonizedOrAuthored,
                                unmatchableByPosition: 0, warning: nil)
        guard source == .pgsCatalog else {
            plan.columns = .none
            return plan
        }
        let byID = VariantIDIndex(variants.map(\.id))
        let hasHarmonized = entries.contains { $0.coordinates(.harmonized) != nil }
        let hasAuthored = entries.contains { $0.coordinates(.authored) != nil }
        if given == nil {
            var compared = 0, authoredAgree = 0, harmonizedAgree = 0
            for entry in entries {
                guard let id = entry.id, let k = byID.first(id) else { continue }
                let v = variants[k]
                let a = entry.coordinates(.authored), h = entry.coordinates(.harmonized)
                guard a != nil || h != nil else { continue }
                compared += 1
                if let a, a.chromosome == v.chromosome, a.position == v.position { authoredAgree += 1 }
                if let h, h.chromosome == v.chromosome, h.position == v.position { harmonizedAgree += 1 }
            }
            let needed = (Double(compared) * 0.9).rounded(.up)
            if compared > 0, let build = harmonizedBuild, Double(harmonizedAgree) >= needed {
                plan.filesetBuild = build
                plan.filesetBuildSource = .inferred(agreeing: harmonizedAgree, compared: compared, column: "hm_pos")
            } else if compared > 0, let build = authoredBuild, Double(authoredAgree) >= needed {
                plan.filesetBuild = build
                plan.filesetBuildSource = .inferred(agreeing: authoredAgree, compared: compared, column: "chr_position")
            } else {
                plan.filesetBuildSource = .unknown(compared: compared)
            }
        }
        guard let target = plan.filesetBuild else {
            let used = hasHarmonized ? harmonizedBuild : authoredBuild
            if hasHarmonized || hasAuthored {
                plan.warning = """
                    the genotypes' genome build is unknown, so weights without a known id are matched by positions \
                    that are \(used.map { "in \($0.rawValue)" } ?? "of a build the file does not state") without a check
                    """
            }
            return plan
        }
        if hasHarmonized, harmonizedBuild == target {
            plan.columns = .harmonized
        } else if hasAuthored, authoredBuild == target {
            plan.columns = .authored
        } else if hasAuthored, authoredBuild == nil, !hasHarmonized {
            plan.columns = .authored
            plan.warning = "the weight file does not state the build of its positions; they are taken to be \(target.rawValue) without a check"
        } else {
            plan.columns = .none
            let needPosition = entries.filter { e in
                (e.coordinates(.authored) != nil || e.coordinates(.harmonized) != nil)
                    && !(e.id.map { byID.first($0) != nil } ?? false)
            }
            plan.unmatchableByPosition = needPosition.count
            if let first = needPosition.first {
                let builds = [authoredBuild, harmonizedBuild].compactMap { $0?.rawValue }
                throw DataError(code: .genomeBuildMismatch, file: file, line: first.line, """
                    \(needPosition.count) weights can only be matched by position, and the file's positions are in \
                    \(builds.isEmpty ? "an unstated build" : builds.joined(separator: " and ")) while the genotypes \
                    are in \(target.rawValue); matching them across builds would pair the wrong variants. Use the \
                    PGS Catalog's file harmonized to \(target.rawValue) (hm_pos) or lift the positions over
                    """)
            }
        }
        return plan
    }
}
