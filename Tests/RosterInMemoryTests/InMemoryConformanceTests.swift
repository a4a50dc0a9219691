import RosterConformance
import RosterCore
import Testing

/// Every shared conformance case, in every paging style the in-memory API serves.
@Test(arguments: ConformanceCase.allCases, allPagingStyles)
func inMemoryConformance(_ conformanceCase: ConformanceCase, paging: PagingStyle) async throws {
    try await conformanceCase.run(InMemoryHarness(paging: paging))
}
