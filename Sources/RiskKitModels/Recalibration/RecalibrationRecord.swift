/// One recalibration in a model's lineage: which model it started from, on what data, and the map it applied.
public struct RecalibrationRecord: Codable, Sendable, Equatable {
    /// The update applied.
    public var method: RecalibrationMethod
    /// The checksum of the model it was applied to (`sha256:…`; nil for a parent file written without one).
    public var parentChecksum: String?
    /// The data file as given on the command line.
    public var dataFile: String
    /// SHA-256 of the data file (hex).
    public var dataSHA256: String
    /// Rows with an outcome the map was fitted on.
    public var rows: Int
    /// Events among them.
    public var events: Int
    /// The fitted a of `logit p' = a + b·η`.
    public var intercept: Double
    /// The fitted b (1 for ``RecalibrationMethod/intercept``).
    public var slope: Double
    /// For a model with a polygenic score: the a and b fitted for the model refitted without it (its own linear
    /// predictor, over the rows with genotypes).
    public var withoutScore: Map?
    /// When it was made (ISO 8601, UTC).
    public var date: String
    /// The RiskKit version that made it.
    public var riskkitVersion: String

    /// A fitted map `logit p' = a + b·η`.
    public struct Map: Codable, Sendable, Equatable {
        /// a.
        public var intercept: Double
        /// b.
        public var slope: Double

        /// Creates a map.
        public init(intercept: Double, slope: Double) {
            self.intercept = intercept
            self.slope = slope
        }
    }

    enum CodingKeys: String, CodingKey {
        case method
        case parentChecksum = "parent_checksum"
        case dataFile = "data_file"
        case dataSHA256 = "data_sha256"
        case rows, events, intercept, slope
        case withoutScore = "without_score"
        case date
        case riskkitVersion = "riskkit_version"
    }

    /// Creates a record.
    public init(method: RecalibrationMethod, parentChecksum: String?, dataFile: String, dataSHA256: String, rows: Int,
                events: Int, map: Map, withoutScore: Map?, date: String, riskkitVersion: String) {
        self.method = method
        self.parentChecksum = parentChecksum
        self.dataFile = dataFile
        self.dataSHA256 = dataSHA256
        self.rows = rows
        self.events = events
        intercept = map.intercept
        slope = map.slope
        self.withoutScore = withoutScore
        self.date = date
        self.riskkitVersion = riskkitVersion
    }
}
