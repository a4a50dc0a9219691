import RosterCore

/// A lazy listing of legal bases: fetches a page only when the previous one is consumed, with the core
/// `PageWalker` deciding what to ask for next and guarding against loops.
public struct FrontcoreLegalBasisListing: AsyncSequence, Sendable {
    /// One legal-basis record.
    public typealias Element = FrontcoreLegalBasis

    let driver: FrontcoreDriver
    let query: FrontcoreLegalBasisQuery

    /// Starts a pass from the first page.
    public func makeAsyncIterator() -> Iterator { Iterator(driver: driver, query: query) }

    /// Walks the pages.
    public struct Iterator: AsyncIteratorProtocol {
        let driver: FrontcoreDriver
        let query: FrontcoreLegalBasisQuery
        private var loop: FrontcorePageLoop<FrontcoreLegalBasis, String>

        init(driver: FrontcoreDriver, query: FrontcoreLegalBasisQuery) {
            self.driver = driver
            self.query = query
            loop = FrontcorePageLoop(style: driver.configuration.paging.style, limit: query.pageSize ?? 250) { $0.id }
        }

        /// The next record, fetching the next page when the current one is used up.
        public mutating func next() async throws -> FrontcoreLegalBasis? {
            let (driver, query, limit) = (driver, query, loop.limit)
            return try await loop.next { position in
                try await driver.fetchLegalBases(PageRequest(query: query, position: position, limit: limit))
            }
        }
    }
}
