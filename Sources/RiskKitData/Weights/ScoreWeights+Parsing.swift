import Foundation

extension ScoreWeights {
    /// Reads a weight file, gzip-compressed or not, telling the two formats apart by their first line:
    /// PGS Catalog files start with `###PGS CATALOG SCORING FILE` or `#` metadata lines.
    ///
    /// - Parameters:
    ///   - columns: for PLINK-style files, the id, allele and weight columns as 1-based positions or header names
    ///     (default `1, 2, 3`, as `plink2 --score FILE 1 2 3 header`).
    /// - Throws: ``InputFileError``; ``DataError`` naming file, line and column for malformed content.
    public static func read(path: String, columns: (id: String, allele: String, weight: String) = ("1", "2", "3")) throws -> ScoreWeights {
        let bytes = try GzipFile.read(path: path)
        if bytes.first == UInt8(ascii: "#") { return try parsePGSCatalog(bytes, file: path) }
        return try parsePlink(bytes, file: path, columns: columns)
    }

    /// Parses a PLINK-style weight file: whitespace-separated, a header row, then one variant per line.
    public static func parsePlink(_ text: String, file: String, columns: (id: String, allele: String, weight: String)) throws -> ScoreWeights {
        try parsePlink(Array(text.utf8), file: file, columns: columns)
    }

    /// Parses the bytes of a PLINK-style weight file (see ``parsePlink(_:file:columns:)``).
    static func parsePlink(_ bytes: [UInt8], file: String, columns: (id: String, allele: String, weight: String)) throws -> ScoreWeights {
        var lines = numberedLines(bytes)
        guard let header = lines.first else { throw DataError(file: file, "the weight file is empty") }
        lines.removeFirst()
        let names = header.fields
        func index(_ spec: String, role: String) throws -> Int {
            if let k = Int(spec) {
                guard k >= 1, k <= names.count else {
                    throw DataError(file: file, line: header.number, "\(role) column \(k) does not exist (the header has \(names.count) columns)")
                }
                return k - 1
            }
            guard let k = names.firstIndex(of: spec) else {
                throw DataError(file: file, line: header.number, column: spec, "\(role) column not found in the header")
            }
            return k
        }
        let idColumn = try index(columns.id, role: "variant id")
        let alleleColumn = try index(columns.allele, role: "allele")
        let weightColumn = try index(columns.weight, role: "weight")
        var entries: [WeightEntry] = []
        for line in lines {
            let f = line.fields
            guard f.count == names.count else {
                throw DataError(file: file, line: line.number, "expected \(names.count) fields as in the header, found \(f.count)")
            }
            guard let w = Double(f[weightColumn]), w.isFinite else {
                throw DataError(file: file, line: line.number, column: names[weightColumn], "the weight is not a number")
            }
            entries.append(WeightEntry(id: f[idColumn], chromosome: nil, position: nil, effectAllele: f[alleleColumn], otherAllele: nil, weight: w, line: line.number))
        }
        guard !entries.isEmpty else { throw DataError(file: file, "the weight file has a header but no variants") }
        return ScoreWeights(source: .plink, file: file, metadata: [:], entries: entries)
    }

    /// Parses a PGS Catalog scoring file (format 2.0): ids from `hm_rsID` or `rsID`, the authored and the harmonized
    /// (`hm_chr`/`hm_pos`) coordinates both kept, for matching in the genotypes' build.
    ///
    /// Non-additive scores (`is_haplotype`, `is_diplotype`, `is_interaction`, `is_dominant`, `is_recessive` set,
    /// or `dosage_*_weight` columns) are refused rather than silently scored as additive.
    public static func parsePGSCatalog(_ text: String, file: String) throws -> ScoreWeights {
        try parsePGSCatalog(Array(text.utf8), file: file)
    }

    /// Parses the bytes of a PGS Catalog scoring file (see ``parsePGSCatalog(_:file:)``).
    static func parsePGSCatalog(_ bytes: [UInt8], file: String) throws -> ScoreWeights {
        var metadata: [String: String] = [:]
        var rows: [(number: Int, fields: [String])] = []
        var header: (number: Int, fields: [String])?
        for line in numberedLines(bytes, separator: UInt8(ascii: "\t")) {
            if line.raw.hasPrefix("#") {
                let body = line.raw.drop { $0 == "#" }
                if let eq = body.firstIndex(of: "=") {
                    metadata[String(body[..<eq])] = String(body[body.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
                }
            } else if header == nil {
                header = (line.number, line.fields)
            } else {
                rows.append((line.number, line.fields))
            }
        }
        guard let header else { throw DataError(file: file, "no column header after the # metadata lines") }
        let names = header.fields
        let col = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        if let dosage = names.first(where: { $0.hasPrefix("dosage_") && $0.hasSuffix("_weight") }) {
            throw DataError(file: file, line: header.number, column: dosage, "genotype-specific (non-additive) weights are not supported")
        }
        guard let effect = col["effect_allele"], let weight = col["effect_weight"] else {
            throw DataError(file: file, line: header.number, "a PGS Catalog file needs effect_allele and effect_weight columns")
        }
        let idIndex = col["hm_rsID"] ?? col["rsID"]
        guard idIndex != nil || (col["chr_name"] != nil && col["chr_position"] != nil)
                || (col["hm_chr"] != nil && col["hm_pos"] != nil) else {
            throw DataError(file: file, line: header.number, "a PGS Catalog file needs rsID or chr_name and chr_position columns")
        }
        let flags = ["is_haplotype", "is_diplotype", "is_interaction", "is_dominant", "is_recessive"].compactMap { name in col[name].map { (name, $0) } }
        var entries: [WeightEntry] = []
        entries.reserveCapacity(rows.count)
        for row in rows {
            let f = row.fields
            guard f.count == names.count else {
                throw DataError(file: file, line: row.number, "expected \(names.count) tab-separated fields as in the header, found \(f.count)")
            }
            for (name, k) in flags where ["true", "t", "1", "yes"].contains(f[k].lowercased()) {
                throw DataError(file: file, line: row.number, column: name, "non-additive variants are not supported")
            }
            guard let w = Double(f[weight]), w.isFinite else {
                throw DataError(file: file, line: row.number, column: "effect_weight", "the weight is not a number")
            }
            func optional(_ k: Int?) -> String? { k.flatMap { f[$0].isEmpty || f[$0] == "NA" ? nil : f[$0] } }
            func position(_ name: String) throws -> Int? {
                guard let p = optional(col[name]) else { return nil }
                guard let value = Int(p) else {
                    throw DataError(file: file, line: row.number, column: name, "the position is not a whole number")
                }
                return value
            }
            func chromosome(_ name: String) -> String? {
                optional(col[name]).map { $0.lowercased().hasPrefix("chr") ? String($0.dropFirst(3)) : $0 }
            }
            var entry = WeightEntry(
                id: optional(idIndex), chromosome: chromosome("chr_name"), position: try position("chr_position"),
                effectAllele: f[effect].uppercased(),
                otherAllele: optional(col["other_allele"] ?? col["hm_inferOtherAllele"]).map { $0.uppercased() },
                weight: w, line: row.number)
            entry.harmonizedChromosome = chromosome("hm_chr")
            entry.harmonizedPosition = try position("hm_pos")
            entries.append(entry)
        }
        guard !entries.isEmpty else { throw DataError(file: file, "the scoring file lists no variants") }
        return ScoreWeights(source: .pgsCatalog, file: file, metadata: metadata, entries: entries)
    }
}
