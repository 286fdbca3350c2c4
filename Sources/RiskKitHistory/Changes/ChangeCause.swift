/// Why a patient's result changed between two runs.
///
/// A run records each model's checksum, its policy's digest, and per patient a digest of the input values the
/// model and policy read, leaving out age (``InputDigestLayout``). So a change is put down to the `model` (another
/// model file for the condition) or the `policy` (another policy file), else to the `data` (the patient's
/// inputs other than age differ), else to `age`: nothing but time passed, and the patient's age moved them.
/// When the model or policy changed, the inputs they read may differ too, so the data is not compared.
public enum ChangeCause: String, Sendable, CaseIterable, Codable {
    case data, model, policy, age

    /// Every cause of a change between `old` and `new` of the models `oldModel` and `newModel`, most decisive
    /// first (model, policy, data, age); never empty.
    public static func causes(old: PatientResult, new: PatientResult, oldModel: RunModel, newModel: RunModel) -> [ChangeCause] {
        var causes: [ChangeCause] = []
        if oldModel.checksum != newModel.checksum { causes.append(.model) }
        if oldModel.policySHA256 != newModel.policySHA256 { causes.append(.policy) }
        if causes.isEmpty && old.inputHash != new.inputHash { causes.append(.data) }
        if causes.isEmpty { causes.append(.age) }
        return causes
    }
}
