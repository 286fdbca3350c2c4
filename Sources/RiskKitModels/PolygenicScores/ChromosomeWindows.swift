import RiskKitData

/// Variants grouped by chromosome and sorted by position, for finding a variant's neighbours within a window.
struct ChromosomeWindows {
    /// Per chromosome code: (position, `.bim` index) ascending.
    let byChromosome: [String: [(position: Int, variant: Int)]]
    let fileset: PlinkFileset

    /// Groups `variants` (`.bim` indices) of `fileset`.
    init(fileset: PlinkFileset, variants: [Int]) {
        var groups: [String: [(position: Int, variant: Int)]] = [:]
        for v in variants { groups[fileset.variants[v].chromosome, default: []].append((fileset.variants[v].position, v)) }
        byChromosome = groups.mapValues { $0.sorted { ($0.position, $0.variant) < ($1.position, $1.variant) } }
        self.fileset = fileset
    }

    /// The grouped variants other than `variant` on its chromosome with |position difference| < `distance`, in
    /// position order. Binary search plus the window's length.
    func neighbours(of variant: Int, closerThan distance: Int) -> [Int] {
        let chromosome = fileset.variants[variant].chromosome, position = fileset.variants[variant].position
        guard let list = byChromosome[chromosome], distance > 0 else { return [] }
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid].position <= position - distance { low = mid + 1 } else { high = mid }
        }
        var result: [Int] = []
        var i = low
        while i < list.count, list[i].position < position + distance {
            if list[i].variant != variant { result.append(list[i].variant) }
            i += 1
        }
        return result
    }
}
