import RosterCore
import RosterMeltingspot
import Testing

/// Meltingspot's published mapping table against the design's mapping (copied below), and against the
/// function that decodes statuses.
@Suite struct MeltingspotMappingTableTests {
    /// The design's Meltingspot rows: `Invited` / `Started` / `Completed` / `Unenrolled` → invited /
    /// inProgress / completed / cancelled, every one a learner; no status can be written.
    static let design: [StatusMappingTable.Row] = [
        .init("Invited", status: .invited, role: .learner),
        .init("Started", status: .inProgress, role: .learner),
        .init("Completed", status: .completed, role: .learner),
        .init("Unenrolled", status: .cancelled, role: .learner),
    ]

    @Test func theTableHoldsExactlyTheDesignsRows() {
        #expect(MeltingspotStatusMapping.table.reads == Self.design)
        #expect(MeltingspotStatusMapping.table.writes.isEmpty)
    }

    @Test func theDecodingFunctionAnswersEveryRow() {
        for row in MeltingspotStatusMapping.table.reads {
            #expect(MeltingspotStatusMapping.status(for: row.vendorStatus) == row.status, "\(row)")
            #expect(MeltingspotStatusMapping.raw(for: row.status) == row.vendorStatus, "\(row)")
        }
        #expect(
            MeltingspotStatusMapping.status(for: "invited") == .unknown(raw: "invited"), "values are case-sensitive")
    }
}
