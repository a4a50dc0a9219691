import Foundation
public import RosterCore
import RosterHTTP

extension MeltingspotDriver {
    /// Every item of the paged listing at `path` with `filters`, de-duplicated by `id`. For the
    /// vendor-only listings (spot members, filtered courses); the paging decisions are the core
    /// `PageWalker`'s, as in the facade.
    func listAll<Item: Decodable & Sendable>(
        _ path: String, filters: [MeltingspotQueryItem], id: (Item) -> String
    ) async throws -> [Item] {
        let limit = MeltingspotPaging.maxPageSize
        var walker = PageWalker(style: MeltingspotPaging.style, limit: limit)
        var position = PagePosition.start
        var seen: Set<String> = []
        var all: [Item] = []
        while true {
            try Task.checkCancellation()
            let url = api.url(path, items: MeltingspotPaging.queryItems(at: position, limit: limit) + filters)
            let response = try await api.send(.get, url)
            let page = MeltingspotPaging.page(
                try api.decode(MeltingspotEnvelope<Item>.self, from: response, for: .get, url)
            ) { $0 }
            let fresh = page.records.filter { seen.insert(id($0)).inserted }
            all += fresh
            guard case .next(let next) = try walker.advance(after: page, at: position, newRecords: fresh.count) else {
                return all
            }
            position = next
        }
    }

    /// Every course, filtered on the server by Meltingspot's own `status[eq]` and `privacy[eq]`
    /// (e.g. `Draft`, `Secret`; the vocabularies are undocumented, so values pass through as given).
    public func courses(status: String? = nil, privacy: String? = nil) async throws -> [Course] {
        var filters: [MeltingspotQueryItem] = []
        if let status { filters.append(MeltingspotQueryItem("status[eq]", status)) }
        if let privacy { filters.append(MeltingspotQueryItem("privacy[eq]", privacy)) }
        let courses: [MeltingspotCourse] = try await listAll(MeltingspotPaths.courses, filters: filters, id: \.id)
        return courses.map { MeltingspotEnrollmentMapping.course($0) }
    }
}
