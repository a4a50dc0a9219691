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
        private var walker: PageWalker
        private var position: PagePosition? = .start
        private var buffer: [FrontcoreLegalBasis] = []
        private var index = 0
        private var seen: Set<String> = []

        init(driver: FrontcoreDriver, query: FrontcoreLegalBasisQuery) {
            self.driver = driver
            self.query = query
            self.walker = PageWalker(style: driver.configuration.paging.style, limit: query.pageSize ?? 250)
        }

        /// The next record, fetching the next page when the current one is used up.
        public mutating func next() async throws -> FrontcoreLegalBasis? {
            while true {
                try Task.checkCancellation()
                if index < buffer.count {
                    index += 1
                    return buffer[index - 1]
                }
                guard let current = position else { return nil }
                let page = try await driver.fetchLegalBases(PageRequest(query: query, position: current, limit: walker.limit))
                let fresh = page.records.filter { seen.insert($0.id).inserted }
                switch try walker.advance(after: page, at: current, newRecords: fresh.count) {
                case .next(let next): position = next
                case .end: position = nil
                }
                buffer = fresh
                index = 0
            }
        }
    }
}
