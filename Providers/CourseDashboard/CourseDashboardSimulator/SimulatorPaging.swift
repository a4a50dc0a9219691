import Foundation
import RosterHTTP

/// DRF `LimitOffsetPagination` as the simulator serves it: `limit` (default 20, capped at 100 like a
/// `max_limit`), `offset`, and absolute `next`/`previous` links built on the scheme, host and port
/// the request came to, so the same handler works in-process and over loopback HTTP.
struct SimulatorPage {
    static let defaultLimit = 20
    static let maxLimit = 100

    var limit: Int
    var offset: Int

    /// The paging parameters of `query`, or a 400 response naming the bad field.
    static func parse(_ query: [String: [String]]) -> Result<SimulatorPage, SimulatorBadRequest> {
        var page = SimulatorPage(limit: defaultLimit, offset: 0)
        if let text = query["limit"]?.first {
            guard let value = Int(text), value > 0 else { return .failure(.integerRequired("limit")) }
            page.limit = min(value, maxLimit)
        }
        if let text = query["offset"]?.first {
            guard let value = Int(text), value >= 0 else { return .failure(.integerRequired("offset")) }
            page.offset = value
        }
        return .success(page)
    }

    /// The envelope for `rows` (all matches, in order) with links relative to `url`; only the rows
    /// on the page are rendered.
    func envelope<Row, Item: Encodable>(_ rows: [Row], url: URL, render: (Row) -> Item) -> PageJSON<Item> {
        // `offset` may be as large as Int.max: compare against what is left, never add to it first.
        let slice =
            offset < rows.count ? rows[offset..<(offset + Swift.min(limit, rows.count - offset))].map(render) : []
        let next = offset < rows.count - limit ? link(url, offset: offset + limit) : nil
        let previous = offset > 0 ? link(url, offset: max(0, offset - limit)) : nil
        return PageJSON(count: rows.count, next: OrNull(next), previous: OrNull(previous), results: slice)
    }

    /// The envelope of this page damaged by `tamper`: its rows, `count` and `next` as the tamper
    /// says (a self link is `url` itself, exactly as requested); `previous` as usual.
    func envelope<Row, Item: Encodable>(
        _ rows: [Row], url: URL, tamper: PageTamper, render: (Row) -> Item
    ) -> PageJSON<Item> {
        let slice = tamper.slice(of: rows, start: offset, limit: limit)
        let next = slice.pointsAtItself ? url.absoluteString : slice.nextStart.map { link(url, offset: $0) }
        let previous = offset > 0 ? link(url, offset: max(0, offset - limit)) : nil
        return PageJSON(
            count: slice.total, next: OrNull(next), previous: OrNull(previous), results: slice.rows.map(render))
    }

    /// `url` with `limit` and `offset` replaced (DRF drops `offset` when it is 0 in `previous`).
    func link(_ url: URL, offset newOffset: Int) -> String {
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false)!
        var items = (components.percentEncodedQueryItems ?? []).filter { $0.name != "limit" && $0.name != "offset" }
        items.append(URLQueryItem(name: "limit", value: String(limit)))
        if newOffset > 0 { items.append(URLQueryItem(name: "offset", value: String(newOffset))) }
        components.percentEncodedQueryItems = items
        return components.url!.absoluteString
    }
}

/// The `statuses` parameter as the docs type it (`list(string)¦string`): a JSON array string, as
/// the official SDK sends it, or a single bare value. Absent means `fallback`.
enum SimulatorStatusesParameter {
    static func parse(_ query: [String: [String]], fallback: [String]) -> Result<[String], SimulatorBadRequest> {
        guard let text = query["statuses"]?.first else { return .success(fallback) }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("[") else { return .success(trimmed.isEmpty ? fallback : [trimmed]) }
        guard let array = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [Any],
            let values = array as? [String]
        else {
            return .failure(.init(field: "statuses", message: "Expected a list of strings, got \(text)."))
        }
        return .success(values)
    }
}
