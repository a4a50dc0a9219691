public import Foundation
public import RosterCore

/// A numbered series of fuzz cases against one target. Case `i` is fully determined by the
/// campaign's seed and `i`, so any case can be replayed alone. The first cases truncate the
/// target's smallest page at every byte in turn; the rest apply `FuzzMutator` to a seed chosen at
/// random. Each case's body goes through the adapter's real decoding path, and the case passes when
/// the adapter returns records that keep the model's promises, or throws a `RosterError` (a
/// `decoding` one naming a JSON path); anything else is a failure.
public struct FuzzCampaign: Sendable {
    /// The target.
    public let target: FuzzTarget
    /// The campaign seed.
    public let seed: UInt64
    /// The mutation engine.
    public let mutator: FuzzMutator
    /// The page truncated byte by byte.
    public let truncated: FuzzSeed?
    private let truncatedBytes: [UInt8]

    /// Creates a campaign.
    public init(target: FuzzTarget, seed: UInt64 = 0x5EED, mutator: FuzzMutator = FuzzMutator()) {
        self.target = target
        self.seed = seed
        self.mutator = mutator
        truncated = target.seeds.filter(\.isPage).min { $0.document.bytes.count < $1.document.bytes.count }
        truncatedBytes = truncated?.document.bytes ?? []
    }

    /// How many leading cases are truncations (one per byte of the smallest page).
    public var truncationCases: Int { truncatedBytes.count }

    /// One generated case.
    public struct Case: Sendable {
        /// The case number.
        public var index: Int
        /// The seed it was made from.
        public var seed: FuzzSeed
        /// The body served.
        public var body: Data
        /// What was done to the seed.
        public var steps: [String]
    }

    /// Case `index`.
    public func makeCase(_ index: Int) -> Case {
        if index < truncatedBytes.count, let truncated {
            return Case(
                index: index, seed: truncated, body: Data(truncatedBytes[..<index]),
                steps: ["truncate at byte \(index) of \(truncatedBytes.count)"])
        }
        var random = FuzzRandom(seed: seed, index: UInt64(index))
        let chosen = random.pick(target.seeds)
        let mutation = mutator.mutate(chosen.shape, random: &random)
        return Case(index: index, seed: chosen, body: Data(mutation.bytes), steps: mutation.steps)
    }

    /// A case that broke a promise.
    public struct Failure: Sendable, CustomStringConvertible {
        /// The case.
        public var index: Int
        /// The seed's name.
        public var seedName: String
        /// What was done to the seed.
        public var steps: [String]
        /// What went wrong.
        public var problem: String

        public var description: String {
            "case \(index) (\(seedName); \(steps.joined(separator: "; "))): \(problem)"
        }
    }

    /// What a series of cases did.
    public struct Tally: Sendable {
        /// Cases run.
        public var cases = 0
        /// Cases that decoded records (or an empty page).
        public var decoded = 0
        /// Cases that ended in a `RosterError`, by code.
        public var errors: [RosterError.Code: Int] = [:]
        /// Cases that broke a promise (at most `maxKept` are kept).
        public var failures: [Failure] = []
        /// Failures seen, kept or not.
        public var failureCount = 0

        /// Creates an empty tally.
        public init() {}

        /// `10000 cases: 1234 decoded, errors decoding 8000 · inconsistentPaging 766, 0 failures`.
        public var summary: String {
            let codes = errors.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }
            let errorCounts = codes.joined(separator: " · ")
            return "\(cases) cases: \(decoded) decoded, errors \(errorCounts), \(failureCount) failures"
        }
    }

    /// Runs case `index` and judges it: nil when it passed, else the broken promise.
    public func run(_ index: Int) async -> (code: RosterError.Code?, failure: Failure?) {
        let fuzzCase = makeCase(index)
        func failure(_ problem: String) -> Failure {
            Failure(index: index, seedName: fuzzCase.seed.name, steps: fuzzCase.steps, problem: problem)
        }
        do {
            let yield = try await fuzzCase.seed.exercise(fuzzCase.body)
            if yield.problems.isEmpty { return (nil, nil) }
            return (nil, failure("decoded records break promises: " + yield.problems.joined(separator: "; ")))
        } catch let error as RosterError {
            if error.code == .decoding, error.jsonPath?.hasPrefix("$") != true {
                return (error.code, failure("a decoding error without a JSON path: \(error)"))
            }
            return (error.code, nil)
        } catch {
            return (nil, failure("threw \(type(of: error)), not a RosterError: \(error)"))
        }
    }

    /// Runs cases `range` in order, keeping at most `maxKept` failures.
    public func run(_ range: Range<Int>, maxKept: Int = 20) async -> Tally {
        var tally = Tally()
        for index in range {
            let (code, failure) = await run(index)
            tally.cases += 1
            if let code { tally.errors[code, default: 0] += 1 } else if failure == nil { tally.decoded += 1 }
            if let failure {
                tally.failureCount += 1
                if tally.failures.count < maxKept { tally.failures.append(failure) }
            }
        }
        return tally
    }
}
