// The umbrella module: `import RiskKit` brings in the public API of every layer.
//
// Each layer is its own target (see Package.swift and the README's architecture section); this file only
// re-exports them, in layer order, and holds no code of its own.
@_exported import RiskKitLinearAlgebra
@_exported import RiskKitData
@_exported import RiskKitStatistics
@_exported import RiskKitModels
@_exported import RiskKitSimulation
@_exported import RiskKitRecommendations
@_exported import RiskKitScoring
@_exported import RiskKitEvaluation
@_exported import RiskKitHistory
