public import Foundation

/// How a simulator damages one enrollment list page (see `FaultPlan.pageTampering`): the hostile
/// pages a misbehaving vendor serves. Every simulator applies them in its own wire format (a bare
/// array, an `{items, total}` envelope, a DRF page with links), to the page the request asked for.
public enum PageTamper: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The page served before it, again: the same records and the same onward pointer (the server
    /// ignores the cursor, page number or link it was given).
    case repeatPreviousPage
    /// The real page, but its next link is the URL it was fetched at (styles without links: served
    /// as `repeatPreviousPage`, since their cursor lives in the client).
    case selfLink
    /// No records, while the total and next link still point onward.
    case emptyPageOnward
    /// One record more than the request asked for.
    case oversizedPage
    /// The page without its last record, while the total and next link point onward.
    case shortPageWithTotalOnward
    /// Only the listing's first record (already served): a short page of nothing new.
    case onlySeenRecords
    /// The real records with a total that says this page was the last one (the real next link kept).
    case totalTooLow
    /// The real records in descending order (wrong for keyset paging).
    case descendingOrder
    /// The real page, but the field at `path` of record number `record` (0-based) on it holds a value
    /// of the wrong type (an object where a scalar belongs, a string where an object belongs).
    case malformedField(record: Int, path: [String])

    public var description: String {
        switch self {
        case .repeatPreviousPage: "the previous page repeated"
        case .selfLink: "a next link pointing at its own page"
        case .emptyPageOnward: "an empty page pointing onward"
        case .oversizedPage: "a page larger than asked for"
        case .shortPageWithTotalOnward: "a short page whose total points onward"
        case .onlySeenRecords: "a page of only records already served"
        case .totalTooLow: "a total that is too low"
        case .descendingOrder: "records in descending order"
        case .malformedField(let record, let path): "record \(record)'s \(path.joined(separator: ".")) malformed"
        }
    }

    /// What a damaged page holds, worked out from the real listing: every matching row in the
    /// server's order (`all`), where the requested page starts in it, and the page size asked for.
    public struct Slice<Row> {
        /// The rows to serve.
        public var rows: [Row]
        /// The total to report (for formats that carry one).
        public var total: Int
        /// Where the onward pointer points, as an index into `all`; nil when there is none.
        public var nextStart: Int?
        /// True when the onward pointer must be the URL the page was fetched at.
        public var pointsAtItself: Bool
    }

    /// The page of `all` starting at `start` with `limit` rows, damaged as this tamper says.
    /// (`malformedField` leaves the rows alone; see `malform(_:recordsAt:)` for the body.)
    public func slice<Row>(of all: [Row], start: Int, limit: Int) -> Slice<Row> {
        let count = all.count
        let start = min(max(0, start), count)
        let end = min(count, start + max(1, limit))
        let realNext = start + limit < count ? start + limit : nil
        let real = Array(all[start..<end])
        switch self {
        case .repeatPreviousPage:
            let previous = max(0, start - limit)
            return Slice(
                rows: Array(all[previous..<min(count, previous + limit)]), total: count, nextStart: nil,
                pointsAtItself: true)
        case .selfLink:
            return Slice(rows: real, total: count, nextStart: nil, pointsAtItself: true)
        case .emptyPageOnward:
            return Slice(rows: [], total: count, nextStart: start + limit, pointsAtItself: false)
        case .oversizedPage:
            var rows = Array(all[start..<min(count, start + limit + 1)])
            var filler = 0
            while rows.count <= limit, !all.isEmpty {
                rows.append(all[filler % count])
                filler += 1
            }
            return Slice(rows: rows, total: count, nextStart: realNext, pointsAtItself: false)
        case .shortPageWithTotalOnward:
            return Slice(rows: Array(real.dropLast()), total: count, nextStart: realNext, pointsAtItself: false)
        case .onlySeenRecords:
            return Slice(rows: Array(all.prefix(1)), total: count, nextStart: realNext, pointsAtItself: false)
        case .totalTooLow:
            return Slice(rows: real, total: end, nextStart: realNext, pointsAtItself: false)
        case .descendingOrder:
            return Slice(rows: real.reversed(), total: count, nextStart: realNext, pointsAtItself: false)
        case .malformedField:
            return Slice(rows: real, total: count, nextStart: realNext, pointsAtItself: false)
        }
    }

    /// `body` with this tamper's malformed field applied, when it is `malformedField` (other tampers
    /// return `body` unchanged). `recordsAt` names the key path from the body's root to the array of
    /// records (empty for a bare array). A body that does not hold such a record is returned as is.
    public func malform(_ body: Data, recordsAt: [String]) -> Data {
        guard case .malformedField(let index, let path) = self, !path.isEmpty,
            let root = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])
        else { return body }
        guard let damaged = Self.replacing(in: root, at: recordsAt, index: index, field: path) else { return body }
        return (try? JSONSerialization.data(withJSONObject: damaged, options: [.withoutEscapingSlashes])) ?? body
    }

    private static func replacing(in node: Any, at keys: [String], index: Int, field: [String]) -> Any? {
        if let key = keys.first {
            guard var object = node as? [String: Any], let child = object[key],
                let replaced = replacing(in: child, at: Array(keys.dropFirst()), index: index, field: field)
            else { return nil }
            object[key] = replaced
            return object
        }
        guard var records = node as? [Any], records.indices.contains(index),
            let record = wrongTyped(records[index], at: field)
        else { return nil }
        records[index] = record
        return records
    }

    private static func wrongTyped(_ node: Any, at path: [String]) -> Any? {
        guard var object = node as? [String: Any], let key = path.first, let value = object[key] else { return nil }
        if path.count == 1 {
            object[key] = value is [String: Any] ? "malformed" as Any : ["malformed": true] as Any
            return object
        }
        guard let inner = wrongTyped(value, at: Array(path.dropFirst())) else { return nil }
        object[key] = inner
        return object
    }
}
