import RosterConformance
import RosterCore
import Testing

/// Every shared conformance case, in every paging style the in-memory API serves.
@Test(arguments: ConformanceCase.allCases, allPagingStyles)
func inMemoryConformance(_ conformanceCase: ConformanceCase, paging: PagingStyle) async throws {
    try await conformanceCase.run(InMemoryHarness(paging: paging))
}

/// Every case again through the facade's per-course walk (a vendor that lists one course at a time).
@Test(arguments: ConformanceCase.allCases)
func inMemoryPerCourseConformance(_ conformanceCase: ConformanceCase) async throws {
    try await conformanceCase.run(WrappedHarness(paging: .nextLink) { PerCourseDriver(base: $0) })
}

/// Every case again with a driver declaring only listing and get, and no server-side filter.
@Test(arguments: ConformanceCase.allCases)
func inMemoryListOnlyConformance(_ conformanceCase: ConformanceCase) async throws {
    try await conformanceCase.run(WrappedHarness(paging: .pageNumber(firstPage: 1)) { ListOnlyDriver(base: $0) })
}
