/// One sample of a PLINK 1 fileset: a line of the `.fam` file.
public struct PlinkSample: Sendable, Equatable {
    /// Family ID (`.fam` column 1).
    public var familyID: String
    /// Within-family ID (`.fam` column 2); unique within its family.
    public var individualID: String
    /// Father's within-family ID, `"0"` if unknown.
    public var fatherID: String
    /// Mother's within-family ID, `"0"` if unknown.
    public var motherID: String
    /// Sex code: 1 male, 2 female, 0 unknown (any other `.fam` value reads as 0).
    public var sex: Int
    /// The phenotype as written in column 6 (`1` control, `2` case, `0`/`-9` missing for binary traits).
    public var phenotype: String

    /// Creates a sample record.
    public init(familyID: String, individualID: String, fatherID: String = "0", motherID: String = "0",
                sex: Int = 0, phenotype: String = "-9") {
        self.familyID = familyID
        self.individualID = individualID
        self.fatherID = fatherID
        self.motherID = motherID
        self.sex = sex
        self.phenotype = phenotype
    }

    /// PLINK 2's founder rule: both parental IDs are `0` (a parent ID absent from the fileset still makes a non-founder).
    public var isFounder: Bool { fatherID == "0" && motherID == "0" }

    /// The binary phenotype: `true` for case (2), `false` for control (1), `nil` when missing or not 1/2.
    public var isCase: Bool? {
        switch phenotype {
        case "2": true
        case "1": false
        default: nil
        }
    }
}
