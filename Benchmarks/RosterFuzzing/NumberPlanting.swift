public import Foundation
import RosterCore

/// The hostile values a per-vendor test plants in every numeric field of every seed: one field and
/// one value at a time, so that the adapter must either decode a sane record or fail with a
/// `decoding` error at exactly that field's JSON path.
public enum NumberPlanting {
    /// The values, as JSON text: numbers beyond Int64 and Double's exact range, negative, NaN-like
    /// text and numbers in strings.
    public static let values = [
        "1e30", "1e300", "-1e30", "9223372036854775808", "-9223372036854775809", "1e400",
        #""1e300""#, #""-1e30""#, #""9223372036854775808""#, #""-9223372036854775809""#, #""NaN""#, #""inf""#,
    ]

    /// One seed with one value planted in one field.
    public struct Planting: Sendable, CustomStringConvertible {
        /// The seed's name.
        public var seedName: String
        /// The field's JSON path, e.g. `$[0].coursedate.gmt_offset`.
        public var jsonPath: String
        /// The body with the value planted.
        public var body: Data
        /// The seed's adapter call.
        public var exercise: @Sendable (Data) async throws -> FuzzYield

        public var description: String { "\(seedName) at \(jsonPath)" }

        /// Nil when the adapter decoded sane records or failed with a `decoding` error at exactly
        /// `jsonPath`; otherwise what went wrong.
        public func verdict() async -> String? {
            do {
                let yield = try await exercise(body)
                return yield.problems.isEmpty ? nil : "decoded, but: " + yield.problems.joined(separator: "; ")
            } catch let error as RosterError {
                if error.code == .decoding && error.jsonPath == jsonPath { return nil }
                return "expected a decoding error at \(jsonPath), got \(error.code) at \(error.jsonPath ?? "-"): "
                    + error.message
            } catch {
                return "threw \(type(of: error)), not a RosterError: \(error)"
            }
        }
    }

    /// Every numeric field of every seed of `target` (numbers, strings holding a number such as
    /// Frontcore's `"6489"`, and members named in `numericKeys` whatever the seed holds there, e.g. a
    /// `gmt_offset` that is null in the sample) with `value` planted in it. Arrays are cut to
    /// `recordsPerArray` elements first: every record of a page has the same fields.
    public static func plantings(
        of value: String, in target: FuzzTarget, numericKeys: Set<String> = [], recordsPerArray: Int = 2
    ) -> [Planting] {
        guard let planted = FuzzJSON(parsing: Array(value.utf8)) else { return [] }
        return target.seeds.flatMap { original -> [Planting] in
            let seed = original.trimmed(toArraysOf: recordsPerArray)
            return seed.document.paths.compactMap { path -> Planting? in
                let named: Bool
                if case .member(let position)? = path.last,
                    case .object(let members)? = seed.document.node(at: path.dropLast())
                {
                    named = numericKeys.contains(members[position].key)
                } else {
                    named = false
                }
                switch seed.document.node(at: path) {
                case .number?: break
                case .string(let text)? where VendorNumbers.decimal(text) != nil: break
                case .null? where named: break
                case .string? where named: break
                default: return nil
                }
                return Planting(
                    seedName: seed.name, jsonPath: seed.document.jsonPath(path),
                    body: Data(seed.document.replacing(at: path) { _ in planted }.bytes), exercise: seed.exercise)
            }
        }
    }
}
