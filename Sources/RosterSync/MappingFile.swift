public import Foundation
import RosterCore

/// An explicit learner map, as a CSV file of `sourceLearnerId,targetLearnerId` lines: for people with
/// no shared e-mail, external id or username. A header line with those two names is allowed, blank
/// lines and lines starting with `#` are ignored, fields may be double-quoted. A source or target id
/// that appears twice is refused: one person cannot take two places.
public enum MappingFile {
    /// The pairs in `data`, sorted by source id; `invalidArgument` naming the line otherwise.
    public static func parse(_ data: Data) throws -> [LearnerMapping] {
        guard let text = String(data: data, encoding: .utf8) else {
            throw RosterError(.invalidArgument, "the mapping file is not UTF-8 text")
        }
        var pairs: [LearnerMapping] = []
        var sources: Set<LearnerID> = []
        var targets: Set<LearnerID> = []
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let number = index + 1
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = try split(line, line: number)
            guard fields.count == 2, !fields[0].isEmpty, !fields[1].isEmpty else {
                throw RosterError(
                    .invalidArgument, "line \(number) of the mapping file is not `sourceLearnerId,targetLearnerId`")
            }
            if pairs.isEmpty && sources.isEmpty && fields == ["sourceLearnerId", "targetLearnerId"] { continue }
            let pair = LearnerMapping(source: LearnerID(fields[0]), target: LearnerID(fields[1]))
            guard sources.insert(pair.source).inserted else {
                throw RosterError(.invalidArgument, "line \(number): source learner \(pair.source) is mapped twice")
            }
            guard targets.insert(pair.target).inserted else {
                throw RosterError(.invalidArgument, "line \(number): target learner \(pair.target) is mapped twice")
            }
            pairs.append(pair)
        }
        return pairs.sorted { $0.source < $1.source }
    }

    /// One CSV line's fields, trimmed; double quotes group and `""` escapes a quote.
    static func split(_ line: String, line number: Int) throws -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var iterator = Array(line).makeIterator()
        while let character = iterator.next() {
            switch character {
            case "\"" where quoted:
                var lookahead = iterator
                if lookahead.next() == "\"" {
                    current.append("\"")
                    iterator = lookahead
                } else {
                    quoted = false
                }
            case "\"" where current.trimmingCharacters(in: .whitespaces).isEmpty:
                current = ""
                quoted = true
            case "," where !quoted:
                fields.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            default:
                current.append(character)
            }
        }
        guard !quoted else { throw RosterError(.invalidArgument, "line \(number) of the mapping file has an open quote") }
        fields.append(current.trimmingCharacters(in: .whitespaces))
        return fields
    }
}
