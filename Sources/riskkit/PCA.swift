import ArgumentParser
import Foundation
import RiskKit

struct PCA: LoggingCommand {
    static let configuration = CommandConfiguration(
        commandName: "pca",
        abstract: "Principal components of a PLINK 1 fileset's samples (plink2 --pca), optionally on LD-pruned variants.",
        discussion: """
            Writes OUT.eigenvec (#FID IID PC1 … PCK, tab-separated, unit-norm eigenvectors, 6 significant digits) \
            and OUT.eigenval (one eigenvalue a line), as plink2 --pca; OUT.eigenvec works as --covar of gwas and \
            prs build. The matrix is plink2's variance-standardized relationship matrix over the selected variants \
            (A1 frequencies over founders; a variant without both alleles among them is left out). --exact (the \
            default up to 5,000 samples) builds it in full with plink2's missingness correction and takes its top K \
            eigenpairs (LAPACK dsyevr); --approx (the default above) uses a randomized SVD of the mean-imputed \
            genotypes (plink2 --pca approx's role; converged components agree with plink2 --pca meanimpute). With \
            --indep-pairwise the variants are first pruned as plink2 does (OUT.prune.in and OUT.prune.out are \
            written) and the PCs use the kept ones. Eigenvector signs are arbitrary; each is flipped so that its \
            largest-magnitude entry is positive.
            """)

    @Option(name: .customLong("bfile"), help: "PLINK 1 fileset prefix (PREFIX.bed, .bim, .fam).") var prefix: String?
    @OptionGroup(title: "VCF input") var vcf: VCFOptions
    @OptionGroup(title: "Sample and variant selection (plink2 flags)") var qc: QCOptions
    @OptionGroup(title: "LD pruning") var pruning: PruningOptions
    @Option(help: "Number of principal components K.") var pcs = 10
    @Flag(help: "Full relationship matrix and exact eigenpairs (default up to 5,000 samples).") var exact = false
    @Flag(help: "Randomized SVD without the N × N matrix (default above 5,000 samples).") var approx = false
    @Option(help: "Output prefix: writes OUT.eigenvec and OUT.eigenval (created owner-only).") var out: String
    @OptionGroup var threading: ThreadOptions

    @OptionGroup(title: "Messages") var logging: LoggingOptions
    func validate() throws {
        try vcf.validate(bfile: prefix, required: true)
        if pcs < 1 { throw ValidationError("--pcs must be at least 1") }
        if exact && approx { throw ValidationError("--exact and --approx exclude each other") }
    }

    func run() throws {
        try runReportingErrors {
            let source = vcf.source(bfile: prefix)!
            let fileset = try source.openLogged()
            let selection = try qc.select(in: fileset)
            let variants = try pruning.prune(fileset, selection, nonfounders: qc.nonfounders, threads: threading.threads,
                                             out: out)
            BLASThreads.set(threading.threads)
            let method: GenotypePCAMethod = exact ? .exact : approx ? .approximate(RandomizedSVDOptions())
                : .automatic(sampleCount: selection.samples.count)
            let pca = try GenotypePCA.fit(
                fileset: fileset, samples: selection.samples,
                frequencySamples: selection.frequencySamples(in: fileset, nonfounders: qc.nonfounders),
                variants: variants, components: pcs, method: method)
            report(pca)
            try write(pca, fileset: fileset, samples: selection.samples)
        }
    }

    private func report(_ pca: GenotypePCA) {
        if pca.excludedVariantCount > 0 {
            log.info("left out \(pca.excludedVariantCount) variants without both alleles among the \(qc.nonfounders ? "samples" : "founders")")
        }
        switch pca.method {
        case .exact:
            log.info("\(pcs) PCs from the exact relationship matrix over \(pca.variants.count) variants")
        case .approximate:
            log.info("\(pcs) PCs by randomized SVD over \(pca.variants.count) variants: \(pca.powerIterations) power passes, \(pca.convergedComponents) of \(pcs) components converged")
            if pca.convergedComponents < pcs {
                log.warning("PCs \(pca.convergedComponents + 1)–\(pcs) did not meet the tolerance (close eigenvalues); use --exact where the sample count allows")
            }
        }
    }

    private func write(_ pca: GenotypePCA, fileset: PlinkFileset, samples: SampleSubset) throws {
        let header = (["#FID", "IID"] + (1...pcs).map { "PC\($0)" }).joined(separator: "\t") + "\n"
        try OutputSink.writeFile(out + ".eigenvec") { sink in
            try sink.write(header)
            for (r, i) in samples.indices.enumerated() {
                let s = fileset.samples[i]
                let values = (0..<pcs).map { pca.eigenvectors[r, $0] }
                try sink.write(s.familyID + "\t" + s.individualID + "\t" + plinkNumbers(values, separator: "\t", missing: "nan") + "\n")
            }
        }
        try OutputSink.writeFile(out + ".eigenval") { sink in
            for value in pca.eigenvalues { try sink.write(plinkNumber(value, missing: "nan") + "\n") }
        }
        log.info("eigenvectors written to \(out).eigenvec, eigenvalues to \(out).eigenval")
    }
}
