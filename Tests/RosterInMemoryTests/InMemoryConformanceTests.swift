import RosterConformance
import RosterCore
import RosterInMemory
import Testing

/// The in-memory API in each of its four paging styles.
let inMemoryConfigurations = allPagingStyles.map { InMemoryHarness(paging: $0) }
/// The facade's per-course walk (a vendor that lists one course at a time), over next links.
let perCourseConfigurations = [WrappedHarness(paging: .nextLink) { PerCourseDriver(base: $0) }]
/// A driver declaring only listing and get, and no server-side filter, over page numbers.
let listOnlyConfigurations = [
    WrappedHarness(paging: .pageNumber(firstPage: 1), table: readOnly(InMemoryStatusMapping.table)) {
        ListOnlyDriver(base: $0)
    }
]

/// `table` without its writes, for a driver that declares none.
func readOnly(_ table: StatusMappingTable) -> StatusMappingTable { StatusMappingTable(reads: table.reads) }

/// Every shared conformance case that applies, in every paging style the in-memory API serves.
@Test(arguments: ConformanceRun.applicable(in: inMemoryConfigurations))
func inMemoryConformance(_ run: ConformanceRun<InMemoryHarness>) async throws { try await run.run() }

/// The cases that do not apply to a paging style, shown as skipped with their reasons.
@Test func inMemoryNotApplicable() async throws {
    try await ConformanceCase.reportNotApplicable(in: inMemoryConfigurations)
}

/// Every case again through the facade's per-course walk.
@Test(arguments: ConformanceRun.applicable(in: perCourseConfigurations))
func inMemoryPerCourseConformance(_ run: ConformanceRun<WrappedHarness<PerCourseDriver>>) async throws {
    try await run.run()
}

/// The cases that do not apply to the per-course walk, shown as skipped with their reasons.
@Test func inMemoryPerCourseNotApplicable() async throws {
    try await ConformanceCase.reportNotApplicable(in: perCourseConfigurations)
}

/// Every case again with a driver declaring only listing and get, and no server-side filter.
@Test(arguments: ConformanceRun.applicable(in: listOnlyConfigurations))
func inMemoryListOnlyConformance(_ run: ConformanceRun<WrappedHarness<ListOnlyDriver>>) async throws {
    try await run.run()
}

/// The cases that do not apply to the list-only driver, shown as skipped with their reasons.
@Test func inMemoryListOnlyNotApplicable() async throws {
    try await ConformanceCase.reportNotApplicable(in: listOnlyConfigurations)
}
