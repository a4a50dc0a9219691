import Foundation

/// A request's query as Meltingspot's server reads it: `field[op]=value` names taken whole, and
/// `[in]` lists split on LITERAL commas before percent-decoding (an encoded `%2C` stays inside one
/// value, as in qs-style parsers).
struct SimulatorQuery {
    private var raw: [String: String] = [:]

    init(_ url: URL) {
        guard let query = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQuery else { return }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            raw[name] = parts.count > 1 ? String(parts[1]) : ""
        }
    }

    /// The decoded value of `name`.
    func value(_ name: String) -> String? { raw[name].map { $0.removingPercentEncoding ?? $0 } }

    /// The decoded list of `name`, split on literal commas.
    func list(_ name: String) -> [String]? {
        raw[name].map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map {
                String($0).removingPercentEncoding ?? String($0)
            }
        }
    }

    /// `page` (1-based, default 1) and `limit` (1...maxLimit, default 10); nil when either is invalid.
    func paging(maxLimit: Int) -> (page: Int, limit: Int)? {
        let page = value("page").map { Int($0) } ?? 1
        let limit = value("limit").map { Int($0) } ?? 10
        guard let page, let limit, page >= 1, (1...maxLimit).contains(limit) else { return nil }
        return (page, limit)
    }
}

extension Array {
    /// The `page`-th slice of `limit` elements (1-based), empty past the end (also for a page number
    /// so large that its offset would overflow).
    func page(_ page: Int, limit: Int) -> ArraySlice<Element> {
        let (start, overflow) = (page - 1).multipliedReportingOverflow(by: limit)
        guard !overflow, start < count else { return [] }
        return self[start..<Swift.min(count, start + limit)]
    }
}
